"""The default story with a keyboard alone: Tab reaches every link and control in order (the skip
link first, then the title, the theme toggle, the sections and the search box), the focused
element always shows a ring, the skip link jumps to the content, and glossary tooltips and hover
previews open on focus and close on Escape."""

from __future__ import annotations

import pytest

from .site_pages import page_paths

pytestmark = pytest.mark.browser

# What a browser puts in the tab order by default, less what the page takes out of it.
FOCUSABLE = (
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]"
)
MARK_FOCUSABLE = """(selector) => {
  const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const found = Array.from(document.querySelectorAll(selector)).filter((e) =>
    e.tabIndex >= 0 && !e.disabled && visible(e) && !e.closest('[inert], details:not([open]) > :not(summary)'));
  found.forEach((e, i) => { e.dataset.kbd = String(i); });
  return found.map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40));
}"""
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  return {
    kbd: e.dataset.kbd === undefined ? null : Number(e.dataset.kbd),
    name: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || '').trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    inView: (() => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth; })(),
  };
}"""


def open_kind(page, site, base, kind, **options):
    paths = page_paths(site)
    if kind not in paths:
        pytest.skip(f"the default site has no {kind} page")
    pg = page(**options)
    assert pg.goto(base + paths[kind]).status == 200
    pg.evaluate("document.fonts.ready")
    return pg


def walk(pg) -> tuple[list[str], list[dict]]:
    """Every element Tab visits, from the top of the page until focus leaves the page."""
    focusable = pg.evaluate(MARK_FOCUSABLE, FOCUSABLE)
    visited: list[dict] = []
    for _ in range(len(focusable) + 10):
        pg.keyboard.press("Tab")
        focused = pg.evaluate(FOCUSED)
        if focused is None or (visited and focused["kbd"] == visited[0]["kbd"]):
            break
        visited.append(focused)
    return focusable, visited


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("kind", ["home", "article", "person", "agreement", "glossary", "timeline", "page"])
def test_tab_reaches_every_link_and_control_in_order_with_a_visible_ring(
    built_default_site, default_site_url, page, kind, width
):
    pg = open_kind(page, built_default_site, default_site_url, kind, width=width)
    if kind == "timeline":
        pg.wait_for_selector("#timeline-filters:not([hidden])")
    focusable, visited = walk(pg)
    order = [v["kbd"] for v in visited]
    assert order == list(range(len(focusable))), (
        "Tab order differs from the focusable elements:\n"
        + "\n".join(f"{n}: {f}" for n, f in enumerate(focusable))
        + "\nvisited:\n" + "\n".join(v["name"] for v in visited)
    )
    assert visited[0]["name"].startswith("a Skip to content")
    names = [v["name"] for v in visited]
    toggle = next(n for n, name in enumerate(names) if name.startswith("button#theme-toggle"))
    first_section = next(n for n, name in enumerate(names) if "site-title" not in name and n > 1)
    assert toggle <= first_section + 1  # in the header, before the sections
    if pg.locator("#site-search-q").count():
        # the search box follows the editions and comes before the sections, as it is drawn (on
        # the title's line on a wide screen, on a line above the sections on a phone)
        search = next(n for n, name in enumerate(names) if name.startswith("input#site-search-q"))
        editions = pg.locator(".site-header .language-switcher a").count()
        assert search == toggle + editions + 1
        sections = pg.locator(".site-header nav:not(.language-switcher) a").count()
        assert names[search + 2 : search + 2 + sections] == [
            "a " + text.strip() for text in pg.locator(".site-header nav:not(.language-switcher) a").all_inner_texts()
        ]
    unringed = [v["name"] for v in visited if not (v["outline"] or v["shadow"])]
    assert unringed == []
    assert all(v["inView"] for v in visited), [v["name"] for v in visited if not v["inView"]]


def test_the_skip_link_shows_on_focus_and_jumps_to_the_content(built_default_site, default_site_url, page):
    pg = open_kind(page, built_default_site, default_site_url, "person")
    skip = pg.locator(".skip-link")
    assert skip.bounding_box()["y"] + skip.bounding_box()["height"] <= 0  # off screen until needed
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 20
    pg.keyboard.press("Enter")
    assert pg.evaluate("document.activeElement.id") == "main"
    pg.keyboard.press("Tab")
    inside = pg.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert inside


def test_the_theme_toggle_works_from_the_keyboard(built_default_site, default_site_url, page):
    pg = open_kind(page, built_default_site, default_site_url, "home")
    for _ in range(10):
        pg.keyboard.press("Tab")
        if pg.evaluate("document.activeElement.id") == "theme-toggle":
            break
    assert pg.evaluate("document.activeElement.id") == "theme-toggle"
    pg.keyboard.press("Enter")
    assert pg.evaluate("document.documentElement.dataset.theme") == "dark"
    pg.keyboard.press("Space")
    assert pg.evaluate("document.documentElement.dataset.theme") == "light"
    assert pg.locator("#theme-toggle").get_attribute("aria-pressed") == "false"


def tab_to(pg, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        pg.keyboard.press("Tab")
        if pg.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_glossary_tooltip_opens_on_focus_and_closes_on_escape(built_default_site, default_site_url, page):
    pg = open_kind(page, built_default_site, default_site_url, "article")
    tab_to(pg, ".prose .gloss a")
    tip = pg.locator(".gloss:focus-within [role=tooltip]")
    assert tip.is_visible()
    assert tip.inner_text().strip()
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
    pg.keyboard.press("Escape")
    assert not tip.is_visible()
    pg.keyboard.press("Tab")  # moving on and coming back shows it again
    pg.keyboard.press("Shift+Tab")
    assert pg.locator(".gloss:focus-within [role=tooltip]").is_visible()


def test_a_hover_preview_opens_on_focus_and_closes_on_escape(built_default_site, default_site_url, page):
    pg = open_kind(page, built_default_site, default_site_url, "article")
    tab_to(pg, ".prose a.mention")
    name = pg.evaluate("document.activeElement.textContent")
    card = pg.locator(".preview-card:not([hidden])")
    card.wait_for()
    assert card.locator(".preview-name").inner_text()
    assert pg.evaluate("document.activeElement.getAttribute('aria-describedby')") == "preview-card"
    assert pg.evaluate("document.activeElement.textContent") == name  # focus stays on the link
    pg.keyboard.press("Escape")
    pg.wait_for_selector(".preview-card", state="hidden")
    assert pg.evaluate("document.activeElement.getAttribute('aria-describedby')") is None
