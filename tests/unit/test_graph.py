"""Relationship graphs (`explainer.views.graph`): what each drawing shows, and that it is reproducible.

Most tests read the built pages; the last ones lay out graphs from a loaded site model directly.
"""

from __future__ import annotations

from conftest import build, soup, write_site

from explainer.build.pipeline import BuildOptions, load_site
from explainer.core.errors import Reporter
from explainer.views.graph import GraphBuilder

SITE = """\
-- content/site.yaml --
title: Harbour
-- content/people/ana-lopez.yaml --
name: Ana López
roles:
  - title: Minister
    organization: ministry
country: ruritania
summary: Ana López runs the ministry.
-- content/institutions/ministry.yaml --
name: Ministry of Justice
-- content/places/ruritania.yaml --
name: Ruritania
-- content/places/port-town.yaml --
name: Port Town
within: ruritania
-- content/agreements/accord.yaml --
title: The accord
parties: [ruritania]
signatories: [ana-lopez]
-- content/articles/story.md --
---
title: The accord is signed
---
Ana López signed it in Port Town.
"""


def graph_nodes(svg) -> list[tuple[str, str, str]]:
    return [
        (a["href"], a.select_one(".graph-sub").get_text(), a.select_one(".graph-name").get_text())
        for a in svg.select("a.graph-node")
    ]


def test_a_record_page_draws_its_neighbourhood(site_root):
    root = site_root(SITE)
    assert build(root).code == 0
    page = soup(root / "site/people/ana-lopez/index.html")
    svg = page.select_one("svg.graph-neighbourhood")
    assert svg.select_one("title").get_text() == "Connections of Ana López"
    assert svg["aria-labelledby"] == "graph-ana-lopez-title"
    assert svg.select_one("desc").get_text() == "Ana López refers to 2 records and is referred to by 2."
    assert svg.select_one(".graph-self .graph-name").get_text() == "Ana López"
    assert graph_nodes(svg) == [
        ("/institutions/ministry/", "Role at · institution", "Ministry of Justice"),
        ("/places/ruritania/", "Country · place", "Ruritania"),
        ("/agreements/accord/", "Signatory of · agreement", "The accord"),
        ("/articles/story/", "Mentioned in · article", "The accord is signed"),
    ]
    # one edge per neighbour; the arrow points away from the record that makes the link
    edges = svg.select("path.graph-edge")
    assert [("marker-end" in e.attrs, "marker-start" in e.attrs) for e in edges] == [
        (True, False), (True, False), (False, True), (False, True),
    ]
    assert [e["class"][1] for e in edges] == [
        "graph-edge-organization", "graph-edge-country", "graph-edge-signatories", "graph-edge-mention",
    ]


def test_the_neighbourhood_is_drawn_in_a_closed_details_under_the_list_it_draws(site_root):
    root = site_root(SITE)
    assert build(root).code == 0
    page = soup(root / "site/people/ana-lopez/index.html")
    section = page.select_one("#connected-h").find_parent("section")
    details = section.select_one("details.graph-details")
    assert not details.has_attr("open")  # never the same links twice in view
    assert details.select_one("summary").get_text() == "The connections as a diagram"
    assert details.select_one("figcaption").get_text() == (
        "Ana López refers to 2 records and is referred to by 2. "
        "Arrows point from the record that makes the link."
    )
    # its text alternative: the list above it, and the article under "In the story"
    lines = [" ".join(dd.get_text(" ").split()) for dd in section.select(".connections dd")]
    assert lines == ["Ministry of Justice role at", "The accord signed", "Ruritania country"]
    assert [a.get_text() for a in page.select(".in-story a")] == ["The accord is signed"]


def test_a_record_without_links_has_no_graph(site_root):
    root = site_root(SITE + "-- content/people/nobody.yaml --\nname: Nobody Special\n")
    assert build(root).code == 0
    assert soup(root / "site/people/nobody/index.html").select_one("svg.graph") is None


def test_a_crowded_neighbourhood_is_cut_and_says_so(site_root):
    people = "".join(
        f"-- content/people/p{n:02}.yaml --\nname: Person {n:02}\ncountry: ruritania\n" for n in range(30)
    )
    root = site_root("-- content/site.yaml --\ntitle: Crowd\n-- content/places/ruritania.yaml --\nname: Ruritania\n" + people)
    assert build(root).code == 0
    svg = soup(root / "site/places/ruritania/index.html").select_one("svg.graph")
    assert len(svg.select("a.graph-node[data-ref]")) == 15
    more = svg.select_one("a.graph-more")
    assert more.get_text(" ", strip=True) == "and 15 more"
    assert more["href"] == "#connected-h"  # "Connected to", whose list leads to all of them


def test_the_story_graph_puts_each_kind_in_its_column(site_root):
    root = site_root(SITE)
    assert build(root).code == 0
    page = soup(root / "site/graph/index.html")
    svg = page.select_one("svg.graph-story")
    assert svg.select_one("title").get_text() == (
        "How the people, institutions, agreements, places and events connect"
    )
    nodes = [(a["href"], a.select_one(".graph-name").get_text(), a["class"][1]) for a in svg.select("a.graph-node")]
    assert nodes == [
        ("/people/ana-lopez/", "Ana López", "graph-kind-people"),
        ("/institutions/ministry/", "Ministry of Justice", "graph-kind-institutions"),
        ("/agreements/accord/", "The accord", "graph-kind-agreements"),
        ("/places/port-town/", "Port Town", "graph-kind-places"),
        ("/places/ruritania/", "Ruritania", "graph-kind-places"),
    ]
    assert svg.select_one("desc").get_text() == (
        "1 person, 1 institution, 1 agreement, 2 places, and 5 links between them."
    )
    titles = [path.select_one("title").get_text() for path in svg.select("path.graph-edge")]
    assert "The accord — parties — Ruritania" in titles
    assert "Port Town — within — Ruritania" in titles
    assert [a.get_text() for a in page.select(".site-header nav a[aria-current]")] == ["Connections"]


def test_graphs_are_identical_across_builds(site_root, tmp_path):
    root = site_root(SITE)
    first = build(root, "--jobs", "1")
    assert first.code == 0
    pages = ["graph/index.html", "people/ana-lopez/index.html", "places/ruritania/index.html"]
    before = {p: (root / "site" / p).read_bytes() for p in pages}
    (root / ".site.cache").unlink(missing_ok=True)
    again = build(root, "--jobs", "2")
    assert again.code == 0
    assert {p: (root / "site" / p).read_bytes() for p in pages} == before


def test_a_larger_neighbourhood_is_drawn_on_both_sides(site_root):
    # Ruritania refers to one record (it is within the region) and nine refer to it: the referring
    # records go left and the referred one right; the first four of the nine move right, so that
    # both columns are five boxes tall.
    people = "".join(
        f"-- content/people/p{n}.yaml --\nname: Person {n}\ncountry: ruritania\n" for n in range(9)
    )
    root = site_root(
        "-- content/site.yaml --\ntitle: Crowd\n"
        "-- content/places/region.yaml --\nname: The Region\n"
        "-- content/places/ruritania.yaml --\nname: Ruritania\nwithin: region\n" + people
    )
    assert build(root).code == 0
    svg = soup(root / "site/places/ruritania/index.html").select_one("svg.graph")
    self_x = float(svg.select_one(".graph-self rect")["x"])
    sides = [
        (a["href"], "left" if float(a.select_one("rect")["x"]) < self_x else "right")
        for a in svg.select("a.graph-node")
    ]
    # left column first in the document, so that tabbing follows the reading order
    assert sides == [(f"/people/p{n}/", "left") for n in range(4, 9)] + [("/places/region/", "right")] + [
        (f"/people/p{n}/", "right") for n in range(4)
    ]
    rows = len({a.select_one("rect")["y"] for a in svg.select("a.graph-node")})
    assert rows == 5
    assert int(svg["height"]) == 5 * 50 + 4 * 8 + 2 * 8  # boxes of one small line and one of name
    # every edge starts at the record's box and ends at the neighbour's near side
    for a, path in zip(svg.select("a.graph-node"), svg.select("path.graph-edge"), strict=True):
        rect = a.select_one("rect")
        end_x = path["d"].split()[-2]
        near = float(rect["x"]) + (float(rect["width"]) if float(rect["x"]) < self_x else 0)
        assert float(end_x) == near


def test_a_small_neighbourhood_stays_in_one_column(site_root):
    root = site_root(SITE)
    assert build(root).code == 0
    svg = soup(root / "site/people/ana-lopez/index.html").select_one("svg.graph")
    self_x = float(svg.select_one(".graph-self rect")["x"])
    assert all(float(rect["x"]) > self_x for rect in svg.select("a.graph-node rect"))


# Layouts, from the site model ------------------------------------------------------------------


def graph_builder(tmp_path) -> GraphBuilder:
    root = write_site(tmp_path, SITE)
    model = load_site(BuildOptions(root / "content", root / "site", workers=1), Reporter(root))
    return GraphBuilder(model.index, model.views)


def test_a_small_neighbourhood_has_exact_whole_number_geometry(tmp_path):
    drawing = graph_builder(tmp_path).neighbourhood("accord")
    assert (drawing.id, drawing.title, drawing.description) == (
        "graph-accord", "Connections of The accord", "The accord refers to 2 records and is referred to by 0.",
    )
    # two boxes in one column right of the record: 2 × 50 tall with an 8 gap, 8 of padding around
    assert (drawing.width, drawing.height) == (8 + 170 + 90 + 220 + 8, 2 * 50 + 8 + 2 * 8)
    assert [(n.id, n.x, n.y, n.relation) for n in drawing.nodes] == [
        ("accord", "8", "37", ""),
        ("ruritania", "268", "8", "Parties · place"),  # parties come before signatories
        ("ana-lopez", "268", "66", "Signatories · person"),
    ]
    assert [(line.x, line.y, line.text) for line in drawing.nodes[1].sub_lines + drawing.nodes[1].name_lines] == [
        ("278", "27", "Parties · place"), ("278", "45", "Ruritania"),
    ]
    # each edge is a curve within the gap between the record and the column
    assert [(e.path, e.relation, e.forward) for e in drawing.edges] == [
        ("M178 62 C223 62 223 33 268 33", "parties", True),
        ("M178 62 C223 62 223 91 268 91", "signatories", True),
    ]


def test_the_story_puts_one_column_per_kind(tmp_path):
    drawing = graph_builder(tmp_path).story()
    # four columns of 170 with gaps of 72 (the last one for loops); rows of 50 + 14 below headings
    assert (drawing.width, drawing.height) == (8 + 4 * 242, 38 + 2 * 64 + 8)
    assert [(n.id, n.x, n.y) for n in drawing.nodes] == [
        ("ana-lopez", "8", "38"),
        ("ministry", "250", "38"),
        ("accord", "492", "38"),
        ("port-town", "734", "38"),
        ("ruritania", "734", "102"),
    ]
    assert [(h.text, h.x) for h in drawing.headings] == [
        ("People", "8"), ("Institutions", "250"), ("Agreements", "492"), ("Places", "734"),
    ]
    paths = {e.ends: e.path for e in drawing.edges}
    assert paths[("ana-lopez", "ministry")] == "M178 63 C214 63 214 63 250 63"  # next column: one curve
    # two columns apart: along the gap under the first row, across the column between
    assert paths[("accord", "ana-lopez")] == "M178 63 C214 63 214 95 250 95 L420 95 C456 95 456 63 492 63"
    assert paths[("port-town", "ruritania")] == "M904 63 C928.7 63 928.7 127 904 127"  # within a column
    assert drawing.description == "1 person, 1 institution, 1 agreement, 2 places, and 5 links between them."
    assert drawing.left_out == 0
    assert [(row.name, row.cells) for row in drawing.matrix][:2] == [
        ("Ana López", ("", "Role at", "", "", "Country")),
        ("Ministry of Justice", ("", "", "", "", "")),
    ]
