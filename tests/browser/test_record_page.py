"""Record pages and the home page in a real browser, on the fixture site of tests/record_site.py:
a person with three quotes and eight connections fits in about two screens at 1280 × 800, nothing
scrolls sideways at 375 px, and the record page and the home page (with its key facts) pass axe in
both themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from record_site import build_record_site

from .test_design import assert_no_sideways_scroll, open_page

pytestmark = pytest.mark.browser

HEIGHT_BUDGET = 1700  # about two screens of 800 px


@pytest.fixture(scope="module")
def record_site(tmp_path_factory) -> Path:
    return build_record_site(tmp_path_factory.mktemp("record") / "site")


@pytest.fixture(scope="module")
def record_url(record_site, session_static_server) -> str:
    return session_static_server(record_site)


def test_a_person_with_three_quotes_and_eight_connections_fits_in_two_screens(record_url, page):
    pg = open_page(page, record_url, "people/lina-ek/", width=1280)
    assert pg.locator(".said .quote-card").count() == 3
    assert pg.locator(".connections li").count() == 8
    height = pg.evaluate("document.documentElement.scrollHeight")
    assert height <= HEIGHT_BUDGET, f"the page is {height}px tall"
    # the drawing of the connections is closed: its boxes take no room until the reader opens it
    assert pg.locator(".graph-details svg").is_hidden()
    pg.locator(".graph-details summary").click()
    assert pg.locator(".graph-details svg").is_visible()


@pytest.mark.parametrize("path", ["people/lina-ek/", "", "pages/what-was-agreed/"])
def test_nothing_scrolls_sideways_on_a_phone(record_url, page, path):
    pg = open_page(page, record_url, path, width=375)
    assert_no_sideways_scroll(pg)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["people/lina-ek/", "", "pages/what-was-agreed/"])
def test_record_page_and_home_page_pass_axe(record_url, page, axe_check, path, scheme):
    pg = open_page(page, record_url, path, width=1280, color_scheme=scheme)
    if path.startswith("people/"):
        pg.locator(".graph-details summary").click()  # the drawing too
    violations = axe_check(pg)
    assert not violations, violations.report()
