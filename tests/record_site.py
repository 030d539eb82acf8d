"""A small site for the tests of record pages and key facts (tests/test_record_page.py and
tests/browser/test_record_page.py): a person with three quotes and eight connections, each kind of
record, a page in the navigation with key facts of its own, and key facts on the home page."""

from __future__ import annotations

from pathlib import Path

from conftest import build, write_site

SPEC = """\
-- content/site.yaml --
title: Harbour
key_facts:
  - label: Pier length
    value: 300 metres
    source: report
    passage: "The pier will be 300 metres long."
  - label: Opening
    value: In May
    source: report
-- seeds/report.txt --
Mayor Lina Ek said the pier "will open in May" after the vote. The pier will be 300 metres long.

"We are proud of Alba," Ek said at the ceremony. "It is a good day for the harbour," she added.

The Harbour Council said it "welcomes the deal" with Nordlys Ferries.
-- content/sources/report.yaml --
title: Harbour report
file: seeds/report.txt
date: 2024-05-02
-- content/places/ruritania.yaml --
name: Ruritania
kind: country
-- content/places/alba.yaml --
name: Alba
kind: town
within: ruritania
-- content/institutions/council.yaml --
name: Harbour Council
country: ruritania
summary: The town council of [[alba]].
sources: [report]
-- content/institutions/nordlys.yaml --
name: Nordlys Ferries
summary: A ferry company.
-- content/people/lina-ek.yaml --
name: Lina Ek
summary: Mayor of [[alba]], who signed the [[pier-deal]].
roles:
  - title: Mayor
    organization: council
    start: 2021
country: ruritania
related: [jon-berg]
sources: [report]
-- content/people/jon-berg.yaml --
name: Jon Berg
summary: Deputy mayor of Alba.
-- content/agreements/pier-deal.yaml --
title: Pier deal
status: signed
date: 2024-05-01
parties: [council, nordlys]
signatories: [lina-ek]
summary: The council's deal with [[nordlys]] for a new pier.
sources: [report]
-- content/agreements/ferry-line.yaml --
title: Ferry line
status: proposed
parties: [lina-ek, nordlys]
summary: A proposed ferry line.
-- content/events/pier-vote.yaml --
date: 2024-05-01
title: The council votes for the pier
participants: [lina-ek, council]
place: alba
summary: The council approves the [[pier-deal]].
-- content/events/ceremony.yaml --
date: 2024-05-02
title: The pier ceremony
participants: [lina-ek]
place: alba
summary: A ceremony at the harbour.
-- content/quotes/ek-open.yaml --
text: will open in May
speaker: lina-ek
source: report
date: 2024-05-01
context: On the pier, after the vote.
related: [pier-deal]
-- content/quotes/ek-proud.yaml --
text: We are proud of Alba,
speaker: lina-ek
source: report
date: 2024-05-02
context: At the ceremony.
-- content/quotes/ek-good-day.yaml --
text: It is a good day for the harbour,
speaker: lina-ek
source: report
date: 2024-05-02
-- content/quotes/council-welcomes.yaml --
text: welcomes the deal
speaker: council
source: report
related: [pier-deal]
-- content/glossary/pier.yaml --
term: pier
definition: A platform built out from the shore into the water.
-- content/articles/new-pier.md --
---
title: Alba votes for a new pier
date: 2024-05-02
sources: [report]
---
ALBA — Mayor Lina Ek signed the Pier deal after the council vote. The pier will open in May.
-- content/pages/what-was-agreed.md --
---
title: What was agreed
order: 2
key_facts:
  - label: Signed by
    value: Mayor Lina Ek
    source: report
    passage: "Mayor Lina Ek said"
---
Lina Ek signed the Pier deal.
-- content/pages/background.md --
---
title: Background
order: 1
---
The Harbour Council runs Alba.
-- content/pages/notes.md --
---
title: Notes
---
Notes on the Pier deal.
"""


def build_record_site(folder: Path) -> Path:
    """The site written into `folder` and built; its output folder."""
    root = write_site(folder, SPEC)
    run = build(root)
    assert run.code == 0, run.err
    return root / "site"
