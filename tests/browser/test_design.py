"""The default design in a real browser: how the default story looks at phone and laptop widths
in both themes (screenshots in test-artifacts/screenshots/), no sideways scrolling on a phone, the
theme toggle, the web font, tables of contents, the neighbourhood graph, print, and a newsroom's
own theme."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explainer.build.command import build_site
from explainer.core.options import BuildOptions

from .site_pages import MISSING, page_paths

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SHOWN = ("home", "article", "person", "agreement", "timeline", "glossary")
ALL_KINDS = (
    "home", "article", "page", "person", "institution", "agreement", "place", "source", "collection",
    "glossary", "glossary term", "timeline", "quotes", "graph", "search", "404",
)
# The theme's page colours (static/theme.css) as the browser reports them.
LIGHT_BG, DARK_BG = "rgb(251, 249, 244)", "rgb(22, 21, 18)"


def open_page(page, base: str, path: str, **options):
    pg = page(**options)
    response = pg.goto(base + path)
    assert response.status == (404 if path == MISSING else 200)
    pg.evaluate("document.fonts.ready")
    return pg


def path_of(site: Path, kind: str) -> str:
    paths = page_paths(site)
    if kind not in paths:
        pytest.skip(f"the default site has no {kind} page")
    return paths[kind]


def assert_no_sideways_scroll(pg) -> None:
    inner = pg.evaluate("window.innerWidth")
    scroll = pg.evaluate("document.documentElement.scrollWidth")
    assert scroll <= inner, f"the page scrolls sideways: {scroll}px of content in a {inner}px window"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("kind", SHOWN)
def test_screenshots(built_default_site, default_site_url, page, screenshot, kind, width, scheme):
    pg = open_page(page, default_site_url, path_of(built_default_site, kind), width=width, color_scheme=scheme)
    assert pg.evaluate("getComputedStyle(document.body).backgroundColor") == (
        LIGHT_BG if scheme == "light" else DARK_BG
    )
    if width == 375:
        assert_no_sideways_scroll(pg)
    screenshot(pg, f"{kind.replace(' ', '-')}-{width}-{scheme}")
    assert pg.console_errors == []
    assert pg.blocked_requests == []


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_no_page_scrolls_sideways_on_a_phone(built_default_site, default_site_url, page, kind):
    pg = open_page(page, default_site_url, path_of(built_default_site, kind), width=375)
    assert_no_sideways_scroll(pg)
    # nothing sticks out either: every element ends inside the window
    # (what a box that scrolls sideways by itself holds may run past the window: the box does not)
    overflowing = pg.evaluate(
        """() => { const inScroller = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                const overflow = getComputedStyle(a).overflowX;
                if (overflow === 'auto' || overflow === 'scroll') return a.getBoundingClientRect().right <= window.innerWidth + 0.5;
            } return false; };
            return Array.from(document.querySelectorAll('body *'))
            .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > window.innerWidth + 0.5
                     && getComputedStyle(e).position !== 'absolute' && !e.closest('svg, .visually-hidden')
                     && !inScroller(e))
            .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className : '')) }"""
    )
    assert overflowing == []


def test_the_header_fits_a_phone_without_a_menu(built_default_site, default_site_url, page):
    pg = open_page(page, default_site_url, "", width=375)
    links = pg.locator(".site-header nav a")
    assert links.count() >= 6
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
        assert box["height"] >= 24  # a tappable line, not a sliver
    toggle = pg.locator("#theme-toggle").bounding_box()
    assert toggle["x"] + toggle["width"] <= 375 and toggle["y"] < 80  # beside the title


def test_the_theme_follows_the_system_until_the_reader_chooses(built_default_site, default_site_url, page):
    pg = open_page(page, default_site_url, "", color_scheme="dark")
    toggle = pg.get_by_role("button", name="Dark theme")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert pg.evaluate("document.documentElement.dataset.theme") is None
    assert pg.evaluate("getComputedStyle(document.body).backgroundColor") == DARK_BG


def test_the_toggle_switches_remembers_and_applies_before_first_paint(
    built_default_site, default_site_url, page
):
    pg = page(color_scheme="light")
    # Record the theme at the moment <body> is first parsed, before anything can be drawn.
    pg.add_init_script("""
        new MutationObserver((changes, observer) => {
          if (document.body) {
            window.themeAtFirstPaint = document.documentElement.dataset.theme || "";
            window.backgroundAtFirstPaint = getComputedStyle(document.documentElement).getPropertyValue("--bg");
            observer.disconnect();
          }
        }).observe(document, {childList: true, subtree: true});
    """)
    pg.goto(default_site_url)
    toggle = pg.get_by_role("button", name="Dark theme")
    assert toggle.get_attribute("aria-pressed") == "false"
    assert pg.evaluate("getComputedStyle(document.body).backgroundColor") == LIGHT_BG
    toggle.click()
    assert pg.evaluate("document.documentElement.dataset.theme") == "dark"
    assert toggle.get_attribute("aria-pressed") == "true"
    assert pg.evaluate("getComputedStyle(document.body).backgroundColor") == DARK_BG
    assert pg.evaluate("localStorage.getItem('explainer-theme')") == "dark"

    pg.goto(default_site_url + path_of(built_default_site, "person"))
    assert pg.evaluate("window.themeAtFirstPaint") == "dark"
    assert pg.evaluate("window.backgroundAtFirstPaint").strip() == "#161512"
    assert pg.get_by_role("button", name="Dark theme").get_attribute("aria-pressed") == "true"

    pg.get_by_role("button", name="Dark theme").click()
    assert pg.evaluate("localStorage.getItem('explainer-theme')") == "light"
    pg.reload()
    assert pg.evaluate("window.themeAtFirstPaint") == "light"
    assert pg.evaluate("getComputedStyle(document.body).backgroundColor") == LIGHT_BG
    assert pg.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_without_javascript_the_system_theme_applies_and_the_toggle_is_hidden(
    built_default_site, default_site_url, page, scheme
):
    pg = open_page(page, default_site_url, "", color_scheme=scheme, javascript=False)
    assert pg.locator("#theme-toggle").is_hidden()
    assert pg.evaluate("getComputedStyle(document.body).backgroundColor") == (
        LIGHT_BG if scheme == "light" else DARK_BG
    )


def test_the_web_font_is_used(built_default_site, default_site_url, page):
    pg = open_page(page, default_site_url, path_of(built_default_site, "article"))
    assert pg.evaluate("getComputedStyle(document.querySelector('.prose p')).fontFamily").startswith(
        '"Source Serif 4"'
    )
    assert pg.evaluate("document.fonts.check('18px \"Source Serif 4\"')")
    loaded = pg.evaluate("Array.from(document.fonts).filter(f => f.status === 'loaded').map(f => f.family)")
    assert '"Source Serif 4"' in loaded or "Source Serif 4" in loaded


def test_a_long_page_has_its_contents_beside_the_text_or_above_it(built_default_site, default_site_url, page):
    wide = open_page(page, default_site_url, "pages/what-was-agreed/", width=1280)
    toc, prose = wide.locator("nav.toc").bounding_box(), wide.locator(".prose").bounding_box()
    assert toc["x"] >= prose["x"] + prose["width"]  # a column to the right
    headings = wide.locator(".prose h2").all_inner_texts()
    assert wide.locator("nav.toc > ol > li > a").all_inner_texts() == headings
    wide.locator("nav.toc a").nth(2).click()
    assert wide.url.endswith("#" + wide.locator(".prose h2").nth(2).get_attribute("id"))
    assert 0 <= wide.locator(".prose h2").nth(2).bounding_box()["y"] < 100

    phone = open_page(page, default_site_url, "pages/what-was-agreed/", width=375)
    toc, prose = phone.locator("nav.toc").bounding_box(), phone.locator(".prose").bounding_box()
    assert toc["y"] + toc["height"] <= prose["y"]  # above the text


def test_the_neighbourhood_graph_is_compact_and_a_list_on_phones(built_default_site, default_site_url, page):
    person = path_of(built_default_site, "person")
    wide = open_page(page, default_site_url, person, width=1280)
    graph = wide.locator(".connected svg.graph")
    assert graph.is_hidden()  # under "Connected to", closed: the list says the same
    wide.locator(".connected details.graph-details summary").click()
    box = graph.bounding_box()
    assert box["x"] >= 0 and box["width"] >= 600  # opened over the page at a readable size
    rects = wide.eval_on_selector_all(
        ".connected a.graph-node rect",
        "rs => rs.map(r => [r.getAttribute('x'), Number(r.getAttribute('height'))])",
    )
    columns: dict[str, list[float]] = {}
    for x, height in rects:
        columns.setdefault(x, []).append(height)
    assert len(rects) > len(columns)  # the boxes share columns: two sides
    # Each box is as tall as its own label, so the drawing is as tall as its fullest column
    # (boxes 8 apart, 8 of padding above and below), drawn at most at its own size.
    fullest = max(sum(heights) + 8 * (len(heights) - 1) for heights in columns.values())
    assert box["height"] <= fullest + 16 + 1
    assert box["height"] <= 760  # about a screen
    assert box["x"] + box["width"] <= 1280

    phone = open_page(page, default_site_url, person, width=375)
    assert phone.locator(".connected details.graph-details").is_hidden()  # too small to read
    assert phone.locator(".connected .connections li").first.is_visible()


def test_print_shows_the_story_and_its_link_targets_without_the_furniture(
    built_default_site, default_site_url, page, tmp_path, static_server
):
    # The default story links nowhere outside itself, so a small site with a source on the web.
    (tmp_path / "content/sources").mkdir(parents=True)
    (tmp_path / "content/site.yaml").write_text("title: Harbour\n", encoding="utf-8")
    (tmp_path / "content/sources/report.yaml").write_text(
        "title: The report\nurl: https://example.org/report\n", encoding="utf-8"
    )
    build_site(BuildOptions(tmp_path / "content", tmp_path / "site", base_url="/"))
    pg = page()
    pg.goto(static_server(tmp_path / "site") + "sources/report/")
    external = pg.locator("main a[href='https://example.org/report']")
    assert external.evaluate("a => getComputedStyle(a, '::after').content") == "none"
    pg.emulate_media(media="print")
    for selector in (".site-header nav", "#theme-toggle", ".site-footer", ".skip-link", ".breadcrumbs"):
        assert pg.locator(selector).evaluate("e => getComputedStyle(e).display") == "none", selector
    assert external.evaluate("a => getComputedStyle(a, '::after').content") in (
        '" (" attr(href) ")"', '" (https://example.org/report)"'
    )
    assert pg.locator("h1").is_visible()

    person = open_page(page, default_site_url, path_of(built_default_site, "person"))
    person.emulate_media(media="print")
    assert person.locator(".graph-details").evaluate("e => getComputedStyle(e).display") == "none"
    assert person.locator(".infobox").is_visible()
    assert person.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"


def test_a_newsroom_theme_changes_the_colours(tmp_path, static_server, page):
    theme = (REPO / "static/theme.css").read_text(encoding="utf-8")
    theme = theme.replace("--light-accent: #a3311f;", "--light-accent: #0b5394;")
    theme = re.sub(r"--light-bg: #[0-9a-f]{6};", "--light-bg: #ffffff;", theme)
    (tmp_path / "static").mkdir()
    (tmp_path / "static/theme.css").write_text(theme, encoding="utf-8")
    (tmp_path / "content/people").mkdir(parents=True)
    (tmp_path / "content/site.yaml").write_text("title: Harbour\n", encoding="utf-8")
    (tmp_path / "content/people/ana-lopez.yaml").write_text("name: Ana López\n", encoding="utf-8")
    build_site(BuildOptions(tmp_path / "content", tmp_path / "site", base_url="/"))
    pg = page()
    pg.goto(static_server(tmp_path / "site") + "people/ana-lopez/")
    assert pg.evaluate("getComputedStyle(document.querySelector('.kicker')).color") == "rgb(11, 83, 148)"
    assert pg.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
