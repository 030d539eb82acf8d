"""Provenance messages, one test each: citations (`cite:`) checked word for word against their
source's file, quotation marks no source supports, dates that contradict each other, and
corrections taken down. Each is an exact `path:line: error|warning: message`.

The checks are `explainer.site.citations`, `explainer.site.quotations`,
`explainer.site.contradictions` and `explainer.produce.corrections`, run by
`explainer.build.provenance` and the build's verify stage."""

from __future__ import annotations

import shutil

from conftest import build

SITE = """
-- content/site.yaml --
title: Test site
-- seeds/report.txt --
HARBOURTON — The harbour council voted on 4 March 2024 to lease the ferry terminal. “We have waited ten years for this,” said Mayor Ana Núñez.
The lease runs for 20 years. The council was founded in 1990.
-- content/sources/report.yaml --
title: Harbour report
date: 2024-03-05
file: seeds/report.txt
-- content/pages/about.md --
---
title: About
sources: [report]
---
Based on [[report]].
"""


def errors_of(site_root, spec: str) -> list[str]:
    root = site_root(SITE + spec)
    run = build(root)
    assert run.code == 1, run.err
    assert run.lines[-1].startswith("build failed: ")
    return run.lines[:-1]


def warnings_of(site_root, spec: str) -> list[str]:
    root = site_root(SITE + spec)
    run = build(root)
    assert run.code == 0, run.err
    return run.lines


# Citations, as they are read ---------------------------------------------------------------

def test_a_citation_as_text_needs_a_source_id_and_a_colon(site_root):
    assert errors_of(site_root, """
-- content/people/ana.yaml --
name: Ana Núñez
sources: [report]
cite:
  - "Mayor Ana Núñez said so"
""") == [
        "content/people/ana.yaml:4: error: a citation written as text must be '<source id>: <exact words>', "
        "not 'Mayor Ana Núñez said so'"
    ]


def test_a_citation_is_text_or_a_mapping(site_root):
    assert errors_of(site_root, """
-- content/people/ana.yaml --
name: Ana Núñez
sources: [report]
cite:
  - 42
""") == [
        "content/people/ana.yaml:4: error: each citation must be '<source id>: <exact words>' or a mapping "
        "with 'source' and 'passage', not a number"
    ]


def test_a_citation_with_an_unknown_field(site_root):
    assert errors_of(site_root, """
-- content/people/ana.yaml --
name: Ana Núñez
cite:
  - source: report
    passage: said Mayor Ana Núñez
    feild: name
""") == ["content/people/ana.yaml:5: error: unknown field 'feild' in citation (did you mean 'field'?)"]


def test_a_citation_without_its_passage(site_root):
    assert errors_of(site_root, """
-- content/people/ana.yaml --
name: Ana Núñez
cite:
  - source: report
""") == ["content/people/ana.yaml:3: error: missing required field 'passage' in citation"]


def test_a_citation_of_an_unknown_source(site_root):
    assert errors_of(site_root, """
-- content/people/ana.yaml --
name: Ana Núñez
sources: [report]
cite: ["reprot: said Mayor Ana Núñez"]
""") == ["content/people/ana.yaml:3: error: unknown source 'reprot' in 'cite' (did you mean 'report'?)"]


def test_a_citation_of_a_record_that_is_not_a_source(site_root):
    assert errors_of(site_root, """
-- content/people/ana.yaml --
name: Ana Núñez
sources: [report]
-- content/people/ben.yaml --
name: Ben
sources: [report]
related: [ana]
cite: ["ana: said Mayor Ana Núñez"]
""") == ["content/people/ben.yaml:4: error: 'ana' is a person, but 'cite' must refer to a source"]


def test_a_citation_of_a_source_without_a_file(site_root):
    assert errors_of(site_root, """
-- content/sources/memo.yaml --
title: A memo
-- content/people/ana.yaml --
name: Ana Núñez
sources: [report]
cite:
  - {source: memo, passage: "the lease"}
""") == [
        "content/people/ana.yaml:4: error: source 'memo' has no file to check the passage against: "
        "give it a 'file' in seeds/, or cite a source that has one"
    ]


def test_a_passage_not_in_the_source_shows_the_closest_and_the_first_difference(site_root):
    assert errors_of(site_root, """
-- content/institutions.yaml --
- id: council
  name: Harbour council
  sources: [report]
  cite:
    - source: report
      passage: The lease runs for 25 years.
""") == [
        "content/institutions.yaml:5: error: passage not found word for word in seeds/report.txt "
        "(closest passage: \"The lease runs for 20 years.\"; first difference: the passage has '25' "
        "where the source has '20')"
    ]


def test_a_passage_nothing_in_the_source_is_like(site_root):
    assert errors_of(site_root, """
-- content/people/ana.yaml --
name: Ana Núñez
sources: [report]
cite: ["report: Completely unrelated words"]
""") == [
        "content/people/ana.yaml:3: error: passage not found word for word in seeds/report.txt "
        "(no passage comes close)"
    ]


def test_a_citation_field_must_be_one_of_the_records_fields(site_root):
    assert errors_of(site_root, """
-- content/agreements/lease.yaml --
title: Terminal lease
status: signed
sources: [report]
cite:
  - {source: report, field: statue, passage: "voted on 4 March 2024 to lease the ferry terminal"}
""") == [
        "content/agreements/lease.yaml:5: error: a citation's 'field' must name a field of this agreement, "
        "not 'statue' (did you mean 'status'?)"
    ]


def test_an_institutions_citation_field_may_be_a_facts_label(site_root):
    assert errors_of(site_root, """
-- content/institutions/council.yaml --
name: Harbour council
facts:
  Seats: "9"
sources: [report]
cite:
  - {source: report, field: Founded in, passage: "The council was founded in 1990."}
  - {source: report, field: Seats, passage: "The council was founded in 1990."}
""") == [
        "content/institutions/council.yaml:6: error: a citation's 'field' must name a field of this "
        "institution or the label of one of its facts, not 'Founded in' (did you mean 'founded'?)"
    ]


# Corrections, as they are read ---------------------------------------------------------------

def test_corrections_are_a_list_of_mappings(site_root):
    assert errors_of(site_root, """
-- content/people/ana.yaml --
name: Ana Núñez
sources: [report]
corrections:
  - 2024-03-06
""") == [
        "content/people/ana.yaml:4: error: 'corrections' must be a list of mappings with 'date' and 'text', "
        "not a date"
    ]


def test_a_correction_with_an_unknown_field_and_without_its_text(site_root):
    assert errors_of(site_root, """
-- content/people/ana.yaml --
name: Ana Núñez
sources: [report]
corrections:
  - date: 2024-03-06
    txt: We misspelt her name.
""") == [
        "content/people/ana.yaml:4: error: missing required field 'text' in correction",
        "content/people/ana.yaml:5: error: unknown field 'txt' in correction (did you mean 'text'?)",
    ]


# Quotation marks no source supports ----------------------------------------------------------

def test_a_quotation_in_an_article_that_no_source_has(site_root):
    assert warnings_of(site_root, """
-- content/articles/vote.md --
---
title: The vote
sources: [report]
---
The mayor said it was “a day we waited for” and
“We have waited ten years for this.”
""") == ["content/articles/vote.md:5: warning: quotation not found in the article's sources: \"a day we waited for\""]


def test_a_quotation_in_a_page_without_sources_must_be_a_quote_records(site_root):
    assert warnings_of(site_root, """
-- content/people/ana.yaml --
name: Ana Núñez
sources: [report]
-- content/quotes/waited.yaml --
text: We have waited ten years for this,
speaker: ana
source: report
-- content/pages/notes.md --
---
title: Notes
---
[[ana]] said: “We have waited ten years for this.” The report says "the ferry terminal"
and ‘twenty years’, but it’s not the report’s words.
""") == [
        "content/pages/notes.md:4: warning: quotation not found in the page's sources: \"the ferry terminal\"",
        "content/pages/notes.md:5: warning: quotation not found in the page's sources: \"twenty years\"",
    ]


def test_quotations_matching_sources_links_ellipses_and_quote_records_are_not_reported(site_root):
    assert warnings_of(site_root, """
-- content/people/ana.yaml --
name: Ana Núñez
sources: [report]
-- content/quotes/waited.yaml --
text: We have waited ten years for this,
speaker: ana
source: report
-- content/pages/notes.md --
---
title: Notes
sources: [report]
---
[[ana|The mayor]] said “We have waited ten years for this.” The council voted “to lease the
[[report|ferry]] terminal,” and “The lease runs … 20 years”; **“ten years”** she said, “*for this*”.
`"code is not read"` and [a link](https://example.org/ "not read either").
""") == []


# Dates that contradict each other --------------------------------------------------------------

FOUNDED = """
-- content/institutions/council.yaml --
name: Harbour council
founded: 1990
sources: [report]
"""


def test_an_event_before_an_institution_taking_part_in_it_was_founded(site_root):
    assert warnings_of(site_root, FOUNDED + """
-- content/events.yaml --
- id: first-vote
  title: First vote
  date: 1989-06
  participants: [council]
  sources: [report]
""") == [
        "content/events.yaml:4: warning: this event (1989-06) is before 'council', one of its participants, "
        "was founded (1990)"
    ]


def test_an_agreement_before_a_party_was_founded(site_root):
    assert warnings_of(site_root, FOUNDED + """
-- content/agreements/lease.yaml --
title: Terminal lease
date: 1985
parties: [council]
signatories:
  - council
sources: [report]
-- content/pages/the-lease.md --
---
title: The lease
---
See [[lease]].
""") == [
        "content/agreements/lease.yaml:3: warning: this agreement (1985) is before 'council', one of its "
        "parties, was founded (1990)",
        "content/agreements/lease.yaml:5: warning: this agreement (1985) is before 'council', one of its "
        "signatories, was founded (1990)",
    ]


def test_a_quote_dated_after_its_source(site_root):
    assert warnings_of(site_root, """
-- content/people/ana.yaml --
name: Ana Núñez
sources: [report]
-- content/quotes/waited.yaml --
text: We have waited ten years for this,
speaker: ana
source: report
date: 2024-04
""") == [
        "content/quotes/waited.yaml:4: warning: the quote is dated 2024-04, after its source 'report' was "
        "published (2024-03-05)"
    ]


def test_an_article_that_reports_an_event_dated_after_it(site_root):
    assert warnings_of(site_root, """
-- content/events.yaml --
- id: opening
  title: Terminal opening
  aliases: [the opening]
  date: 2024-05
  sources: [report]
-- content/articles/vote.md --
---
title: The vote
date: 2024-03-05
sources: [report]
---
The council voted.

It looks forward to the opening.
""") == [
        "content/articles/vote.md:8: warning: this article (2024-03-05) mentions the event 'opening' (2024-05), "
        "which is dated after it"
    ]


def test_an_article_updated_after_the_event_may_report_it(site_root):
    assert warnings_of(site_root, """
-- content/events.yaml --
- id: opening
  title: Terminal opening
  date: 2024-05
  sources: [report]
-- content/articles/vote.md --
---
title: The vote
date: 2024-03-05
updated: 2024-06-01
sources: [report]
---
The council voted; see [[opening]].
""") == []


def test_dates_that_contradict_are_errors_with_strict(site_root):
    root = site_root(SITE + FOUNDED + """
-- content/events/first-vote.yaml --
title: First vote
date: 1989
participants: [council]
sources: [report]
""")
    run = build(root, "--strict")
    assert run.code == 1
    assert run.lines[:-1] == [
        "content/events/first-vote.yaml:3: error: this event (1989) is before 'council', one of its "
        "participants, was founded (1990)"
    ]


# Corrections are never taken down ---------------------------------------------------------------

CORRECTED = """
-- content/articles/vote.md --
---
title: The vote
sources: [report]
corrections:
  - date: 2024-03-06
    text: An earlier version gave the wrong date for the vote.
---
The council voted.
"""


def test_a_correction_taken_down_is_reported_at_its_record(site_root):
    root = site_root(SITE + CORRECTED)
    assert build(root).code == 0
    path = root / "content/articles/vote.md"
    path.write_text("---\ntitle: The vote\nsources: [report]\n---\nThe council voted.\n", encoding="utf-8")
    run = build(root)
    assert run.code == 0, run.err
    assert run.lines == [
        "content/articles/vote.md:1: warning: correction of 2024-03-06 on /articles/vote/ was removed; corrections "
        "are never taken down (restore it, or add a new correction that says what changed)"
    ]


def test_a_correction_reworded_without_a_new_one_counts_as_taken_down_even_without_the_cache(site_root):
    root = site_root(SITE + CORRECTED)
    assert build(root).code == 0
    (root / ".site.cache").unlink()
    path = root / "content/articles/vote.md"
    path.write_text(path.read_text(encoding="utf-8").replace("wrong date", "wrong day"), encoding="utf-8")
    run = build(root, "--strict")
    assert run.code == 1
    assert run.lines[:-1] == [
        "content/articles/vote.md:4: error: correction of 2024-03-06 on /articles/vote/ was removed; corrections "
        "are never taken down (restore it, or add a new correction that says what changed)"
    ]
    # a new correction that says what changed settles it
    path.write_text(path.read_text(encoding="utf-8").replace("---\nThe council", (
        "  - date: 2024-03-08\n    text: We reworded the correction of 6 March.\n---\nThe council")), encoding="utf-8")
    assert build(root, "--strict").code == 0


def test_a_correction_of_a_deleted_record_is_reported_at_the_published_list(site_root):
    root = site_root(SITE + CORRECTED)
    assert build(root).code == 0
    (root / "content/articles/vote.md").unlink()
    run = build(root)
    assert run.code == 0, run.err
    assert run.lines == [
        "site/corrections.json:1: warning: correction of 2024-03-06 on /articles/vote/ was removed; corrections "
        "are never taken down (restore it, or add a new correction that says what changed)"
    ]
    shutil.rmtree(root / "site")
    assert build(root).lines == []  # nothing published, nothing taken down


def test_odd_citations_and_corrections_are_reported_never_crash(site_root):
    lines = errors_of(site_root, """
-- content/people/ana.yaml --
name: Ana Núñez
sources: [report]
cite: {report: the lease}
corrections: yes
-- content/people/ben.yaml --
name: Ben
sources: [report]
related: [ana]
cite:
  - [report, the lease]
  - "report:"
  - {source: [report], passage: {a: b}, field: 3}
  - {report: [the, lease]}
  - {source: report, passage: "The lease runs for 20 years.", field: ""}
corrections:
  - {date: someday, text: []}
  - {date: 2024-03-06, text: ""}
""")
    assert lines == [
        "content/people/ana.yaml:3: error: 'cite' must be a list of citations, not a mapping",
        "content/people/ana.yaml:4: error: 'corrections' must be a list of corrections, not text",
        "content/people/ben.yaml:5: error: each citation must be '<source id>: <exact words>' or a mapping with "
        "'source' and 'passage', not a list",
        "content/people/ben.yaml:6: error: a citation written as text must be '<source id>: <exact words>', "
        "not 'report:'",
        "content/people/ben.yaml:7: error: 'passage' must be text, not a mapping",
        "content/people/ben.yaml:7: error: 'source' must be an id, not a list",
        "content/people/ben.yaml:8: error: missing required field 'passage' in citation",
        "content/people/ben.yaml:8: error: missing required field 'source' in citation",
        "content/people/ben.yaml:8: error: unknown field 'report' in citation",
        "content/people/ben.yaml:9: error: 'field' is empty",
        "content/people/ben.yaml:11: error: 'text' must be text, not a list",
        "content/people/ben.yaml:11: error: invalid date 'someday' for 'date': use YYYY, YYYY-MM or YYYY-MM-DD",
        "content/people/ben.yaml:12: error: 'text' is empty",
    ]
