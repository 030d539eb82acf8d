"""The preview in a real browser: a save reloads the page, a stylesheet is swapped in place, and
the error overlay comes and goes (and shows with JavaScript off)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import build
from serverproc import REPO, ServerProcess, edit

pytestmark = pytest.mark.browser

PERSON = "content/people/ana-nunez.yaml"


@pytest.fixture
def server(full_site):
    # The site's own stylesheet, so that the test can edit it.
    (full_site / "static").mkdir()
    shutil.copy(REPO / "static" / "style.css", full_site / "static" / "style.css")
    running = ServerProcess(full_site).start()
    try:
        yield running
    finally:
        # Stopped while browsers are still connected: cleanly all the same.
        assert running.stop() == 0
        assert "Traceback" not in running.output


def open_live(page, server, path: str):
    """A page at `path`, once its live-reload connection is up."""
    pg = page(width=1280)
    browsers = server.status()["browsers"]
    assert pg.goto(server.origin + path).status == 200
    server.wait_until(lambda s: s["browsers"] > browsers)
    pg.evaluate("window.__beforeEdit = true")
    return pg


def test_a_saved_edit_reloads_the_page(page, server, full_site):  # page first: the server stops under it
    pg = open_live(page, server, "/people/ana-nunez/")
    assert "who announced the" in pg.inner_text("main")
    edit(full_site / PERSON, "who announced the lease.", "who announced the lease at dawn.")
    pg.wait_for_function("document.querySelector('main')?.innerText.includes('at dawn')")
    assert pg.evaluate("window.__beforeEdit") is None  # a fresh document: the page was reloaded
    assert pg.console_errors == []


def unchanged_page(full_site: Path, tmp_path: Path, old: str, new: str) -> str:
    """The URL of a page that a clean build leaves byte for byte the same after the edit."""
    copy = tmp_path / "dry-run"
    shutil.copytree(full_site / "content", copy / "content")
    shutil.copytree(full_site / "seeds", copy / "seeds")
    assert build(copy).code == 0
    before = {p: p.read_bytes() for p in (copy / "site").rglob("index.html")}
    edit(copy / PERSON, old, new)
    assert build(copy).code == 0
    same = sorted(p for p, data in before.items() if p.read_bytes() == data)
    assert same, "the edit changes every page"
    return "/" + same[0].parent.relative_to(copy / "site").as_posix() + "/"


def test_a_page_the_edit_does_not_touch_is_left_alone(server, full_site, page, tmp_path):
    old, new = "who announced the lease.", "who announced the lease at noon."
    untouched = open_live(page, server, unchanged_page(full_site, tmp_path, old, new))
    touched = open_live(page, server, "/people/ana-nunez/")
    generation = server.status()["generation"]
    edit(full_site / PERSON, old, new)
    server.wait_for_build(generation)
    touched.wait_for_function("document.querySelector('main')?.innerText.includes('at noon')")
    assert untouched.evaluate("window.__beforeEdit") is True


def test_a_stylesheet_change_applies_without_a_reload(server, full_site, page):
    pg = open_live(page, server, "/people/ana-nunez/")
    old_href = pg.get_attribute("link[rel=stylesheet][href^='/static/style.']", "href")
    stylesheet = full_site / "static" / "style.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\nbody { outline: 7px solid rgb(1, 2, 3); }\n",
                          encoding="utf-8")
    pg.wait_for_function("getComputedStyle(document.body).outlineWidth === '7px'")
    assert pg.evaluate("getComputedStyle(document.body).outlineColor") == "rgb(1, 2, 3)"
    assert pg.evaluate("window.__beforeEdit") is True  # same document: no reload
    # The site's own stylesheets (the preview's overlay.css, for its "Source" tab, stays as it is).
    hrefs = pg.eval_on_selector_all("link[rel=stylesheet]:not([data-explainer-preview])",
                                    "links => links.map(l => l.getAttribute('href'))")
    assert pg.locator("link[rel=stylesheet][data-explainer-preview]").count() == 1
    styles = [h for h in hrefs if h.startswith("/static/style.")]
    assert len(styles) == 1 and styles[0] != old_href
    assert [h for h in hrefs if h not in styles] == [h for h in hrefs if h.startswith("/static/theme.")]
    assert pg.console_errors == []


def test_the_error_overlay_comes_and_goes(server, full_site, page, screenshot, axe_check):
    pg = open_live(page, server, "/people/ana-nunez/")
    person = full_site / PERSON
    original = person.read_text(encoding="utf-8")
    edit(person, "aliases: [Núñez]", "aliases: [Núñez")
    alert = pg.wait_for_selector("[role=alert]")
    assert alert.inner_text().splitlines() == [
        "The site was not rebuilt: 1 error. This page is from the last good build.",
        "content/people/ana-nunez.yaml:3: error: invalid YAML: did not find expected ',' or ']'",
    ]
    assert alert.is_visible()
    box = alert.bounding_box()
    assert box["y"] == 0 and box["width"] == 1280  # a banner across the top of the viewport
    screenshot(pg, "overlay")
    violations = axe_check(pg, include=".explainer-preview-errors")
    assert not violations, violations.report()

    person.write_text(original, encoding="utf-8")
    pg.wait_for_selector("[role=alert]", state="detached")
    assert "who announced the" in pg.inner_text("main")


def test_the_overlay_shows_without_javascript(server, full_site, page):
    generation = server.status()["generation"]
    edit(full_site / PERSON, "aliases: [Núñez]", "aliases: [Núñez")
    server.wait_for_build(generation)
    pg = page(width=375, javascript=False)
    pg.goto(server.origin + "/people/ana-nunez/")
    alert = pg.locator("[role=alert]")
    assert alert.is_visible()
    assert "content/people/ana-nunez.yaml:3: error: invalid YAML" in alert.inner_text()
