"""Tables of contents (`explainer.markup.toc` and the heading ids that `explainer.markup.renderer` gives)."""

from __future__ import annotations

from conftest import build, soup
from linkcheck import broken_links

from explainer.markup.toc import TocEntry, table_of_contents


def test_h2_headings_with_their_h3s():
    html = (
        '<p>Intro</p><h2 id="one">One</h2><h3 id="one-a">One A</h3><p>x</p>'
        '<h2 id="two">Two <span class="gloss"><a href="#">MOU</a><span role="tooltip">A memo.</span></span></h2>'
        '<h3 id="two-a">Two A</h3><h3 id="two-b">Two &amp; B</h3><h2 id="three">Three</h2>'
    )
    assert table_of_contents(html) == [
        TocEntry("one", "One", (TocEntry("one-a", "One A"),)),
        TocEntry("two", "Two MOU", (TocEntry("two-a", "Two A"), TocEntry("two-b", "Two & B"))),
        TocEntry("three", "Three"),
    ]


def test_fewer_than_three_h2s_give_no_table():
    assert table_of_contents('<h2 id="a">A</h2><h3 id="b">B</h3><h2 id="c">C</h2>') == []


def test_headings_written_as_html_in_any_case_count():
    html = '<H2 id="a">A</H2><h2\nid="b">B</h2><h2 class="x" id="c">C</h2><h2x id="d">D</h2x>'
    assert [entry.id for entry in table_of_contents(html)] == ["a", "b", "c"]
    assert table_of_contents(html.replace('<h2 class="x" id="c">C</h2>', "")) == []


def test_headings_without_ids_and_early_h3s_are_left_out():
    html = '<h3 id="early">Early</h3><h2>No id</h2><h2 id="a">A</h2><h2 id="b">B</h2><h2 id="c">C</h2>'
    assert [entry.id for entry in table_of_contents(html)] == ["a", "b", "c"]
    assert all(entry.children == () for entry in table_of_contents(html))


SITE = """\
-- content/site.yaml --
title: Harbour
-- content/pages/long.md --
---
title: A long page
---
Intro.

## Who signed

Text.

### The minister

More.

## What it says

Text.

## What happens next

Text.
-- content/pages/short.md --
---
title: A short page
---
## Only

## Two
"""


def test_a_long_page_gets_a_table_of_contents_linking_its_headings(site_root):
    root = site_root(SITE)
    assert build(root).code == 0
    page = soup(root / "site/pages/long/index.html")
    toc = page.select_one("nav.toc")
    assert toc["aria-labelledby"] == "toc-title"
    assert toc.select_one("#toc-title").get_text() == "On this page"
    assert [(a["href"], a.get_text()) for a in toc.select("a")] == [
        ("#who-signed", "Who signed"), ("#the-minister", "The minister"),
        ("#what-it-says", "What it says"), ("#what-happens-next", "What happens next"),
    ]
    headings = [(h.name, h["id"]) for h in page.select(".prose h2, .prose h3")]
    assert headings == [("h2", "who-signed"), ("h3", "the-minister"), ("h2", "what-it-says"), ("h2", "what-happens-next")]
    assert "has-toc" in page.select_one("article")["class"]


def test_a_short_page_has_none(site_root):
    root = site_root(SITE)
    assert build(root).code == 0
    page = soup(root / "site/pages/short/index.html")
    assert page.select_one("nav.toc") is None
    assert page.select_one("article")["class"] == ["article"]


def test_heading_anchors_spell_letters_as_ids_do_and_stay_unique(site_root):
    root = site_root("""\
-- content/site.yaml --
title: Harbour
-- content/pages/names.md --
---
title: Names
---
See [what he said](#what-ostergaard-said).

## What Østergaard said

## Straße, Ærø and Łódź

## What Østergaard said

### Đakovo, Þórshöfn and Ħamrun
""")
    run = build(root)
    assert run.code == 0, run.err
    page = soup(root / "site/pages/names/index.html")
    headings = [(h.name, h["id"]) for h in page.select(".prose h2, .prose h3")]
    assert headings == [
        ("h2", "what-ostergaard-said"), ("h2", "strasse-aero-and-lodz"),
        ("h2", "what-ostergaard-said_1"), ("h3", "dakovo-thorshofn-and-hamrun"),
    ]
    toc = [a["href"] for a in page.select("nav.toc a")]
    assert toc == ["#what-ostergaard-said", "#strasse-aero-and-lodz", "#what-ostergaard-said_1",
                   "#dakovo-thorshofn-and-hamrun"]
    assert broken_links(root / "site") == []
