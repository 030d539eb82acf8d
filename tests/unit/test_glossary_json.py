"""The glossary as data (`explainer.produce.glossary_json`), from a loaded site model
(tests/unit/test_glossary.py checks the file a whole build writes)."""

from __future__ import annotations

import json

from conftest import write_site

from explainer.build.pipeline import BuildOptions, load_site
from explainer.core.errors import Reporter
from explainer.produce.glossary_json import glossary_files

SITE = """\
-- content/site.yaml --
title: Harbour
-- content/glossary/treaty.yaml --
term: treaty
definition: A written *agreement* between states.
see_also: [cecot]
-- content/glossary/cecot.yaml --
term: Terrorism Confinement Center
abbreviation: CECOT
aliases: [the mega-prison]
definition: A prison.
-- content/articles/story.md --
---
title: The story
---
A [[treaty]] was signed.
"""


def test_the_file_lists_the_terms_a_to_z_as_compact_json(tmp_path):
    root = write_site(tmp_path, SITE)
    model = load_site(BuildOptions(root / "content", root / "site", workers=1), Reporter(root))
    model.views.reads = set()
    try:
        page, *letters = glossary_files(model)
        reads = model.views.reads
    finally:
        model.views.reads = None
    assert page.path == "glossary.json"
    # and each letter on its own: glossary/t.json holds "treaty" and "Terrorism Confinement Center"
    assert [letter.path for letter in letters] == ["glossary/t.json"]
    assert [term["id"] for term in json.loads(letters[0].data)["terms"]] == ["cecot", "treaty"]
    text = page.data.decode("utf-8")
    assert text.endswith("}\n") and ", " not in text and '": ' not in text
    assert json.loads(text) == {
        "title": "Harbour", "url": "/glossary/",  # the site's title; paths, as the site has no host
        "terms": [
            {
                "id": "cecot", "term": "Terrorism Confinement Center", "url": "/glossary/cecot/",
                "anchor_url": "/glossary/#cecot", "abbreviation": "CECOT", "aliases": ["the mega-prison"],
                "definition_html": "<p>A prison.</p>", "definition_text": "A prison.",
                "see_also": [], "used_in": [
                    {"id": "treaty", "name": "treaty", "url": "/glossary/#treaty"},
                ],
            },
            {
                "id": "treaty", "term": "treaty", "url": "/glossary/treaty/",
                "anchor_url": "/glossary/#treaty", "abbreviation": None, "aliases": [],
                "definition_html": "<p>A written <em>agreement</em> between states.</p>",
                "definition_text": "A written agreement between states.",
                "see_also": [{"id": "cecot", "name": "Terrorism Confinement Center", "url": "/glossary/#cecot"}],
                "used_in": [{"id": "story", "name": "The story", "url": "/articles/story/"}],
            },
        ],
    }
    # the file depends on exactly what the glossary read when it was built
    assert reads == model.renderer.glossary_reads
    assert ("entity", "treaty") in reads and ("edges-to", "cecot") in reads
