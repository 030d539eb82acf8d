"""The Connections graphs (explainer.views.graph, graph_layout; templates/graph_svg.html) in a real
headless Chromium: every label measured with getBBox() lies inside its box, no two labels or boxes
overlap, no label is cut, nothing scrolls sideways at 375 px, and /graph/ is axe clean in both
themes."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.build.command import build_site
from explainer.core.options import BuildOptions

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]

# Every box and every text of every drawing on the page, in the SVG's user units.
MEASURE = """() => [...document.querySelectorAll('svg.graph')].filter(s => s.getBBox().width > 0).map(svg => ({
  boxes: [...svg.querySelectorAll('.graph-node')].map(n => {
    const r = n.querySelector('rect').getBBox();
    const texts = [...n.querySelectorAll('text')].map(t => { const b = t.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height, t.textContent]; });
    return {rect: [r.x, r.y, r.x + r.width, r.y + r.height], texts};
  }),
  headings: [...svg.querySelectorAll('.graph-heading')].map(t => { const b = t.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; }),
}))"""


@pytest.fixture(scope="module")
def default_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("graph") / "site"
    build_site(BuildOptions(REPO / "content", out, base_url="/"))
    return out


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def check_drawings(pg) -> int:
    drawings = pg.evaluate(MEASURE)
    for drawing in drawings:
        labels = [t[:4] for box in drawing["boxes"] for t in box["texts"]] + drawing["headings"]
        for box in drawing["boxes"]:
            for *rect, text in box["texts"]:
                assert not text.strip().endswith("…"), text
                inside = box["rect"]
                assert inside[0] <= rect[0] and rect[2] <= inside[2] and inside[1] <= rect[1] and rect[3] <= inside[3], (text, rect, inside)
        for n, a in enumerate(labels):
            for b in labels[n + 1:]:
                assert not overlap(a, b), (a, b)
        rects = [box["rect"] for box in drawing["boxes"]]
        for n, a in enumerate(rects):
            for b in rects[n + 1:]:
                assert not overlap(a, b), (a, b)
    return len(drawings)


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["graph/", "people/marco-rubio/"])
def test_labels_fit_their_boxes_and_never_overlap(default_site, static_server, page, width, path):
    pg = page(width=width)
    pg.goto(static_server(default_site) + path)
    drawn = check_drawings(pg)
    # the record's drawing is hidden on a phone, where its list stands in for it
    assert drawn == (0 if width == 375 and path != "graph/" else 1)
    client = pg.evaluate("document.documentElement.clientWidth")
    assert pg.evaluate("document.documentElement.scrollWidth") <= client


def test_every_record_s_full_name_is_drawn(default_site, static_server, page):
    pg = page(width=1280)
    pg.goto(static_server(default_site) + "graph/")
    names = pg.eval_on_selector_all("svg.graph-story a.graph-node", "ns => ns.map(n => [n.querySelector('title').textContent, n.querySelector('.graph-name').textContent])")
    assert names
    for title, drawn in names:
        assert title.startswith(drawn + " ("), (title, drawn)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_graph_page_is_axe_clean(default_site, static_server, page, axe_check, screenshot, scheme):
    pg = page(width=1280, color_scheme=scheme)
    pg.goto(static_server(default_site) + "graph/")
    screenshot(pg, f"graph-{scheme}-1280")
    violations = axe_check(pg)
    assert not violations, violations.report()
