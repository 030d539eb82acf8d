"""The 20,000-record site of tests/test_scale.py (the `big_site` fixture) read in a real
Chromium: a reader pages through a list split by letter and through the timeline by following
its links, and a hover shows a record's preview after fetching one small shard of the previews
(static/preview.js, explainer.produce.previews): every file fetched stays within docs/limits.md's
bounds (a page under 200 KB, what a hover fetches under 50 KB)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MAX_PAGE = 200 * 1024
MAX_HOVER_FETCH = 50 * 1024
CARD = ".preview-card:not([hidden])"
ENTRIES = ".collection-list .item-title a[data-ref]"  # the records a list page lists


def sizes_of_responses(pg) -> dict[str, int]:
    """Every response the page receives from now on: path -> bytes of its body."""
    received: dict[str, int] = {}

    def record(response) -> None:
        if response.ok:
            received[response.url.split("/", 3)[-1]] = len(response.body())

    pg.on("response", record)
    return received


def test_a_reader_follows_the_pages_of_a_list_split_by_letter(page, session_static_server, big_site):
    pg = page(width=1280)
    base = session_static_server(big_site)
    received = sizes_of_responses(pg)
    assert pg.goto(base + "people/").status == 200
    letter = pg.locator(".letter-index a").first
    letter_name = letter.get_attribute("href").strip("/").split("/")[-1].upper()
    letter.click()
    pg.wait_for_load_state()
    assert pg.locator("h1").inner_text().strip().endswith(letter_name)
    first_page = pg.locator(ENTRIES).evaluate_all("els => els.map(e => e.dataset.ref)")
    pg.locator('a[rel="next"]').first.click()
    pg.wait_for_load_state()
    assert pg.url.endswith(f"/people/{letter_name.lower()}/page/2/")
    second_page = pg.locator(ENTRIES).evaluate_all("els => els.map(e => e.dataset.ref)")
    assert first_page and second_page and not set(first_page) & set(second_page)
    pages = {path: size for path, size in received.items() if path.endswith("/") or path.endswith(".html")}
    assert len(pages) == 3 and max(pages.values()) < MAX_PAGE, pages
    assert not pg.console_errors


def test_a_reader_goes_from_the_timeline_overview_into_a_period_and_on(page, session_static_server, big_site):
    pg = page(width=1280)
    assert pg.goto(session_static_server(big_site) + "timeline/").status == 200
    assert pg.locator(".timeline-entry").count() == 0
    period = pg.locator(".timeline-overview > li").first
    count = int(period.locator(".period-count").inner_text().split()[0])
    period.locator("a").first.click()
    pg.wait_for_load_state()
    shown = pg.locator(".timeline-entry").count()
    assert 0 < shown <= count
    if shown < count:  # the period is split into pages: the next one continues it
        pg.locator('a[rel="next"]').first.click()
        pg.wait_for_load_state()
        assert pg.url.endswith("/page/2/") and pg.locator(".timeline-entry").count() > 0
    assert not pg.console_errors


def test_a_hover_fetches_one_small_shard_and_shows_the_preview(page, session_static_server, big_site):
    pg = page(width=1280)
    assert pg.goto(session_static_server(big_site) + "people/").status == 200
    pg.locator(".letter-index a").first.click()
    pg.wait_for_load_state()
    pg.locator(ENTRIES).first.click()  # a person's own page
    pg.wait_for_load_state()
    received = sizes_of_responses(pg)
    link = pg.locator("main a.mention[data-ref]").first
    ref = link.get_attribute("data-ref")
    link.hover()
    card = pg.locator(CARD)
    card.wait_for()
    assert card.locator(".preview-name").get_attribute("href").endswith(f"/{ref}/")
    fetched = {path: size for path, size in received.items() if path.startswith("previews/")}
    assert "previews/index.json" in fetched and len(fetched) == 2, received
    assert max(fetched.values()) < MAX_HOVER_FETCH, fetched
    assert not pg.console_errors
