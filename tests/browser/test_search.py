"""Site search in a real browser: Pagefind's UI on the default explainer, served under a sub-path."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, run_build

PREFIX = "/explainers/cecot/"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def default_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("search") / "site"
    run = run_build("build", "--content", str(REPO / "content"), "--out", str(out), "--base-url", PREFIX)
    assert run.code == 0, run.err
    assert (out / "pagefind" / "pagefind-ui.js").is_file(), "Pagefind is installed (requirements.txt)"
    return out


def result_links(pg) -> list[tuple[str, str]]:
    pg.wait_for_selector(".pagefind-ui__result-link")
    return [(a.get_attribute("href"), a.inner_text()) for a in pg.query_selector_all(".pagefind-ui__result-title a")]


def test_searching_cecot_from_the_header_finds_the_cecot_page_first(page, static_server, default_site):
    base = static_server(default_site, prefix=PREFIX)
    pg = page()
    pg.goto(base + "people/marco-rubio/")
    pg.fill("#site-search-q", "CECOT")
    pg.press("#site-search-q", "Enter")
    pg.wait_for_url(base + "search/?q=CECOT")
    results = result_links(pg)
    assert results[0] == (PREFIX + "institutions/cecot/", "CECOT")
    assert all(href.startswith(PREFIX) for href, _ in results)
    assert pg.console_errors == []
    assert pg.blocked_requests == []


def test_an_alias_finds_its_record_first(page, static_server, default_site):
    base = static_server(default_site, prefix=PREFIX)
    pg = page()
    pg.goto(base + "search/?q=Center%20for%20the%20Confinement%20of%20Terrorism")
    assert result_links(pg)[0] == (PREFIX + "institutions/cecot/", "CECOT")


def test_a_result_opens_its_page(page, static_server, default_site):
    base = static_server(default_site, prefix=PREFIX)
    pg = page(width=375)
    pg.goto(base + "search/?q=Rubio")
    href, text = result_links(pg)[0]
    assert (href, text) == (PREFIX + "people/marco-rubio/", "Marco Rubio")
    pg.click(".pagefind-ui__result-title a >> nth=0")
    pg.wait_for_url(base + "people/marco-rubio/")
    assert pg.inner_text("h1") == "Marco Rubio"
    assert pg.console_errors == []


RECORDS = ("people/", "institutions/", "places/", "agreements/")
# Words written in camel case on purpose (none in the default story yet).
CAMEL_CASE = frozenset()


def all_results(pg) -> list[tuple[str, str]]:
    """Every result of the search on the page, after pressing "Load more results" until it goes."""
    pg.wait_for_selector(".pagefind-ui__result-link")
    while pg.locator(".pagefind-ui__button").count():
        pg.click(".pagefind-ui__button")
        pg.wait_for_timeout(100)
    return result_links(pg)


def test_searching_a_name_lists_the_lead_article_among_the_first_two_and_records_before_terms(
    page, static_server, default_site
):
    base = static_server(default_site, prefix=PREFIX)
    pg = page()
    pg.goto(base + "search/?q=Bukele")
    results = [href.removeprefix(PREFIX) for href, _ in all_results(pg) if "#" not in href]  # pages, not sections
    assert results[0] == "people/nayib-bukele/"
    assert "articles/el-salvador-offers-to-jail-us-prisoners/" in results[:2]
    records = [n for n, href in enumerate(results) if href.startswith(RECORDS)]
    terms = [n for n, href in enumerate(results) if href.startswith("glossary/")]
    assert records and terms
    assert max(records) < min(terms), results


@pytest.mark.parametrize("query", ["Bukele", "CECOT", "prisoners"])
def test_no_excerpt_runs_two_blocks_words_together(page, static_server, default_site, query):
    base = static_server(default_site, prefix=PREFIX)
    pg = page()
    pg.goto(base + f"search/?q={query}")
    all_results(pg)
    excerpts = pg.locator(".pagefind-ui__result-excerpt").all_inner_texts()
    assert len(excerpts) >= 5
    for excerpt in excerpts:
        joined = [
            m.group() for m in re.finditer(r"\b\w*[a-z][A-Z]\w*", excerpt) if m.group() not in CAMEL_CASE
        ]
        assert joined == [], excerpt
