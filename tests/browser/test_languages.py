"""A two-language site in a real browser (tests/sites/bilingual, served under a sub-path): the
language switcher keeps you on the same record, a Spanish page passes axe, and search on a Spanish
page searches the Spanish index."""

from __future__ import annotations

import shutil

import pytest
from conftest import SITES, build

PREFIX = "/explainers/port/"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def bilingual_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("bilingual")
    shutil.copytree(SITES / "bilingual", root, dirs_exist_ok=True)
    run = build(root, "--base-url", PREFIX)
    assert run.code == 0, run.err
    assert (root / "site/pagefind/pagefind-ui.js").is_file(), "Pagefind is installed (requirements.txt)"
    return root / "site"


def test_the_switcher_keeps_you_on_the_same_record(page, static_server, bilingual_site):
    base = static_server(bilingual_site, prefix=PREFIX)
    pg = page()
    pg.goto(base + "institutions/harbour-council/")
    assert pg.get_attribute("html", "lang") == "en"
    pg.click("nav.language-switcher a[hreflang=es]")
    pg.wait_for_url(base + "es/institutions/harbour-council/")
    assert pg.get_attribute("html", "lang") == "es"
    assert pg.inner_text("h1") == "Consejo Portuario de Port Alba"
    pg.click("nav.language-switcher a[hreflang=en]")
    pg.wait_for_url(base + "institutions/harbour-council/")
    assert pg.inner_text("h1") == "Harbour Council of Port Alba"
    assert pg.console_errors == []
    assert pg.blocked_requests == []


@pytest.mark.parametrize("path", ["es/people/ana-nunez/", "es/articles/lease-agreed/", "es/quotes/"])
def test_spanish_pages_pass_axe(page, static_server, axe_check, bilingual_site, path):
    base = static_server(bilingual_site, prefix=PREFIX)
    pg = page()
    pg.goto(base + path)
    violations = axe_check(pg)
    assert not violations, violations.report()


def test_a_spanish_query_on_the_spanish_search_page_finds_the_spanish_page(page, static_server, bilingual_site):
    base = static_server(bilingual_site, prefix=PREFIX)
    pg = page()
    pg.goto(base + "es/glossary/lease/")
    pg.fill("#site-search-q", "arrendamiento")
    pg.press("#site-search-q", "Enter")
    pg.wait_for_url(base + "es/search/?q=arrendamiento")
    pg.wait_for_selector(".pagefind-ui__result-link")
    results = [
        (a.get_attribute("href"), a.inner_text()) for a in pg.query_selector_all(".pagefind-ui__result-title a")
    ]
    assert (PREFIX + "es/glossary/lease/", "arrendamiento") in results
    assert all(href.startswith(PREFIX + "es/") for href, _ in results)
    assert pg.console_errors == []


def test_the_spanish_timeline_counts_in_spanish_as_its_filters_change(page, static_server, bilingual_site):
    base = static_server(bilingual_site, prefix=PREFIX)
    pg = page(width=1280)
    pg.goto(base + "es/timeline/")
    pg.wait_for_selector("#timeline-filters:not([hidden])")

    def counts():
        return (pg.inner_text("#timeline-status"), pg.inner_text("main .dek .timeline-count"),
                pg.inner_text("figure.timeline-figure .timeline-count"))

    assert counts() == ("Se muestran las 8 entradas.", "8 entradas con fecha", "8 entradas")
    pg.get_by_label("Hechos").uncheck()
    assert counts() == ("Se muestran 5 de 8 entradas.", "5 entradas con fecha", "5 entradas")
    pg.select_option("#timeline-record", "lease-agreed")
    assert counts() == ("Se muestran 1 de 8 entradas.", "1 entrada con fecha", "1 entrada")
    pg.click("button[type=reset]")
    pg.wait_for_function("document.getElementById('timeline-status').textContent.startsWith('Se muestran las')")
    assert pg.inner_text("button[type=reset]") == "Mostrar todo"
    assert pg.console_errors == []
