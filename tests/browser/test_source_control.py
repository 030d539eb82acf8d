"""The preview's "Source" control in a real browser: reached and opened with the keyboard, links
that open the editor with `--editor`, buttons that copy the path without it (also in the error
overlay), out of the way of the footer on a phone, and accessible in both themes."""

from __future__ import annotations

import pytest
from serverproc import ServerProcess, edit

pytestmark = pytest.mark.browser

PERSON = "content/people/ana-nunez.yaml"
SUMMARY = "aside.explainer-preview-sources summary"


def start(full_site, *args: str) -> ServerProcess:
    return ServerProcess(full_site, *args).start()


@pytest.fixture
def server(full_site):
    running = start(full_site)
    try:
        yield running
    finally:
        assert running.stop() == 0


@pytest.fixture
def vscode_server(full_site):
    running = start(full_site, "--editor", "vscode")
    try:
        yield running
    finally:
        assert running.stop() == 0


def open_page(page, server, path: str, width: int = 1280, color_scheme: str = "light"):
    pg = page(width=width, color_scheme=color_scheme)
    pg.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.origin)
    assert pg.goto(server.origin + path).status == 200
    return pg


def open_with_keyboard(pg) -> None:
    """From the top of the page, Shift+Tab goes to the last thing on it: the control's summary."""
    pg.keyboard.press("Shift+Tab")
    assert pg.evaluate("document.activeElement.matches('aside.explainer-preview-sources summary')")
    # The focus is visible: the control's own ring, not the browser's default.
    assert pg.evaluate(f"getComputedStyle(document.querySelector('{SUMMARY}')).outlineStyle") == "solid"
    pg.keyboard.press("Enter")
    assert pg.get_attribute("aside.explainer-preview-sources details", "open") == ""


def test_with_vscode_the_paths_open_the_file_at_its_line(page, vscode_server, full_site):
    pg = open_page(page, vscode_server, "/people/oystein-berg/")
    assert not pg.locator("aside.explainer-preview-sources li").first.is_visible()  # closed at first
    open_with_keyboard(pg)
    pg.keyboard.press("Tab")
    focused = pg.evaluate("[document.activeElement.tagName, document.activeElement.getAttribute('href'), "
                          "document.activeElement.textContent]")
    assert focused == ["A", f"vscode://file{full_site / 'content/people.yaml'}:1", "content/people.yaml:1"]
    assert pg.locator("aside.explainer-preview-sources").get_attribute("aria-label") == "Source files of this page"

    # Leave the page first: a failed build reloads the pages that are open, and a reload racing
    # the navigation below would abort it.
    pg.goto("about:blank")
    generation = vscode_server.status()["generation"]
    edit(full_site / PERSON, "aliases: [Núñez]", "aliases: [Núñez")
    vscode_server.wait_for_build(generation)
    pg.goto(vscode_server.origin + "/people/ana-nunez/")
    link = pg.locator("[role=alert] li code a")
    assert link.get_attribute("href") == f"vscode://file{full_site / PERSON}:3"
    assert link.inner_text() == f"{PERSON}:3"
    assert pg.console_errors == []


def test_without_an_editor_a_path_is_copied(page, server):
    pg = open_page(page, server, "/people/ana-nunez/")
    open_with_keyboard(pg)
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.dataset.explainerCopy") == PERSON
    pg.keyboard.press("Enter")
    status = pg.locator("aside.explainer-preview-sources [role=status]")
    pg.wait_for_function("document.querySelector('aside.explainer-preview-sources [role=status]')"
                         ".textContent.startsWith('Copied')")
    assert status.inner_text() == f"Copied {PERSON}"
    assert status.get_attribute("aria-live") == "polite"
    assert pg.evaluate("navigator.clipboard.readText()") == PERSON
    assert pg.console_errors == []


def test_the_error_overlays_path_is_a_button_that_copies_it(page, server, full_site):
    generation = server.status()["generation"]
    edit(full_site / PERSON, "aliases: [Núñez]", "aliases: [Núñez")
    server.wait_for_build(generation)
    pg = open_page(page, server, "/people/ana-nunez/")
    alert = pg.locator("[role=alert]")
    assert alert.inner_text().splitlines()[1] == (
        f"{PERSON}:3: error: invalid YAML: did not find expected ',' or ']'")
    alert.locator("li code button").click()
    pg.wait_for_function("document.querySelector('[role=alert] [role=status]').textContent.startsWith('Copied')")
    assert alert.locator("[role=status]").inner_text() == f"Copied {PERSON}:3"
    assert pg.evaluate("navigator.clipboard.readText()") == f"{PERSON}:3"


def test_on_a_phone_the_tab_leaves_the_footer_readable(page, server):
    pg = open_page(page, server, "/people/", width=375)
    tab = pg.locator("aside.explainer-preview-sources details")
    box = tab.bounding_box()
    assert box["width"] < 120 and box["height"] <= 48  # a small tab ...
    assert box["x"] + box["width"] == 375 and box["y"] + box["height"] == 812  # ... in the corner
    pg.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    footer_text = pg.evaluate("""() => {
        const rects = [];
        const walker = document.createTreeWalker(document.querySelector('footer'), NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            if (!walker.currentNode.textContent.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(walker.currentNode);
            for (const r of range.getClientRects()) rects.push([r.left, r.top, r.right, r.bottom]);
        }
        return rects;
    }""")
    assert footer_text
    box = tab.bounding_box()
    overlapping = [r for r in footer_text if r[0] < box["x"] + box["width"] and box["x"] < r[2]
                   and r[1] < box["y"] + box["height"] and box["y"] < r[3]]
    assert overlapping == []
    pg.locator(SUMMARY).click()
    opened = tab.bounding_box()
    assert opened["x"] >= 0 and opened["width"] <= 375 and opened["y"] >= 0  # open, it fits the screen
    assert pg.locator("aside.explainer-preview-sources li").count() == 2
    pg.locator(SUMMARY).click()
    assert tab.bounding_box()["height"] == box["height"]  # and closes again


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_no_accessibility_violations_with_the_control_open(page, server, axe_check, screenshot, color_scheme):
    pg = open_page(page, server, "/sources/harbour-report/", width=375, color_scheme=color_scheme)
    pg.locator(SUMMARY).click()
    pg.locator("aside.explainer-preview-sources li button").first.focus()
    screenshot(pg, f"source-control-{color_scheme}", full_page=False)
    violations = axe_check(pg)
    assert not violations, violations.report()
