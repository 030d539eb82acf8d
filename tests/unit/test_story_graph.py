"""The whole story's graph page (`explainer.produce.story_graph`), from a loaded site model; the
layout itself is tested in test_graph.py."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import write_site

from explainer.build.pipeline import BuildOptions, load_site
from explainer.core.errors import Reporter
from explainer.produce.story_graph import graph_pages

SITE = """\
-- content/site.yaml --
title: Harbour
-- content/people/ana-lopez.yaml --
name: Ana López
roles:
  - title: Minister
    organization: ministry
-- content/institutions/ministry.yaml --
name: Ministry of Justice
-- content/agreements/accord.yaml --
title: The accord
signatories: [ana-lopez]
-- content/glossary/cecot.yaml --
term: CECOT
definition: A prison run by the [[ministry]].
-- content/articles/story.md --
---
title: The story
---
[[ana-lopez]] signed the [[accord]].
"""


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("story-graph"), SITE)
    options = BuildOptions(root / "content", root / "site", workers=1, search=False)
    return load_site(options, Reporter(options.root))


def test_the_page_shows_the_story_and_a_legend_of_the_kinds_it_has(model):
    [page] = graph_pages(model)
    assert page.path == "graph/index.html"
    html = BeautifulSoup(page.data, "html.parser")
    assert html.title.get_text() == "Connections · Harbour"
    assert html.find("meta", attrs={"name": "description"})["content"] == (
        "How the people, institutions, agreements, places and events of Harbour are linked."
    )
    assert [li.get_text(strip=True) for li in html.select(".graph-legend li")] == [
        "People", "Institutions", "Agreements",  # no places or events in this story
        "a link between two records",
    ]
    assert [th.get_text() for th in html.select("table.graph-matrix thead th[scope=col]")] == [
        "Ana López", "Ministry of Justice", "The accord",
    ]
    assert [th.get_text() for th in html.select("table.graph-matrix tbody th[scope=row]")] == [
        "Ana López", "Ministry of Justice", "The accord",
    ]
    assert [td.get_text() for td in html.select("table.graph-matrix tbody tr")[2].select("td")] == [
        "Signatories", "", "",
    ]
    assert [a["data-ref"] for a in html.select("svg.graph-story a.graph-node")] == [
        "ana-lopez", "ministry", "accord",  # glossary terms and articles are not drawn
    ]
    assert html.select_one("svg.graph-story desc").get_text() == (
        "1 person, 1 institution, 1 agreement, and 2 links between them."
    )


def test_the_page_reads_each_drawn_records_name_and_links(model):
    model.views.reads = set()
    try:
        list(graph_pages(model))
        reads = model.views.reads
    finally:
        model.views.reads = None
    assert reads == {
        ("collection", "people"), ("collection", "institutions"), ("collection", "agreements"),
        ("collection", "places"), ("collection", "events"),
        ("name", "ana-lopez"), ("name", "ministry"), ("name", "accord"),
        ("links-from", "ana-lopez"), ("links-from", "ministry"), ("links-from", "accord"),
        ("has-corrections",),  # the footer links /corrections/ when the site has any
    }
