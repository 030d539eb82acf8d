"""Every page stays small as the story grows: a 20,000-record site made by bench/generate.py (the
`big_site` fixture of tests/conftest.py), built without search, holds the bounds docs/limits.md
states ("The size of pages"). tests/browser/test_scale_browser.py reads the same site in Chromium.

What is measured is what the pages (explainer.render.renderer, explainer.render.lists, the views
of explainer.views.builder and explainer.views.graph) and the files beside them
(explainer.produce.previews, explainer.produce.timeline_export, explainer.produce.glossary_json,
explainer.produce.feeds) make of a large story. The site is generated and built once per test
session (a minute or two), so the tests are marked slow; CI runs them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SCALE_RECORDS as RECORDS

from explainer.content.settings import SiteConfig
from explainer.output.check import check_output

pytestmark = pytest.mark.slow

MAX_PAGE = 200 * 1024  # bytes of any HTML page
MAX_HOVER_FETCH = 50 * 1024  # bytes of anything a page fetches when a link is hovered
ENTRY = re.compile(rb'<li class="timeline-entry[^"]*" id="([^"]+)"')


def sizes(site: Path, pattern: str) -> list[tuple[int, str]]:
    return sorted((path.stat().st_size, path.relative_to(site).as_posix()) for path in site.glob(pattern))


def test_no_html_page_is_larger_than_the_bound(big_site):
    pages = sizes(big_site, "**/*.html")
    assert len(pages) > RECORDS * 3 // 4
    assert pages[-1][0] < MAX_PAGE, pages[-5:]


def test_a_hover_fetches_a_small_shard_of_the_previews(big_site):
    assert not (big_site / "previews.json").exists()
    shards = json.loads((big_site / "previews/index.json").read_text())["shards"]
    files = sizes(big_site, "previews/*.json")
    assert len(files) == shards + 1
    assert files[-1][0] < MAX_HOVER_FETCH, files[-3:]
    everything: dict[str, dict] = {}
    for _, name in files:
        if not name.endswith("index.json"):
            everything.update(json.loads((big_site / name).read_text()))
    assert len(everything) >= RECORDS  # every record, article and page has its preview


def test_every_link_resolves_and_every_page_passes_the_checks(big_site):
    report = check_output(big_site, SiteConfig("scale"), validate=False)
    assert [str(problem) for problem in report.problems][:20] == []


def test_the_timeline_overview_counts_what_the_period_pages_list(big_site):
    overview = BeautifulSoup((big_site / "timeline/index.html").read_text(), "html.parser")
    assert not overview.select(".timeline-entry")
    total = len(json.loads((big_site / "timeline.json").read_text())["entries"])
    listed = set()
    for item in overview.select(".timeline-overview > li"):
        count = int(item.select_one(".period-count").get_text().split()[0])
        links = [item.find("a")["href"], *(a["href"] for a in item.select(".timeline-months a"))]
        ids = [entry for href in links for entry in entries_of_period(big_site, href)]
        assert len(ids) == count, links[0]
        listed.update(ids)
    assert len(listed) == total


NEXT = re.compile(rb'<a href="([^"]+)" rel="next">')


def entries_of_period(site: Path, href: str) -> list[bytes]:
    """The entries on every page of a period, following each page's link to the next."""
    found: list[bytes] = []
    while href:
        html = (site / href.lstrip("/") / "index.html").read_bytes()
        found += ENTRY.findall(html)
        following = NEXT.search(html)
        href = following.group(1).decode() if following else ""
    return found


def test_large_lists_are_split_by_letter_and_page(big_site):
    for collection in ("people", "institutions", "places", "agreements", "sources", "glossary"):
        index = BeautifulSoup((big_site / collection / "index.html").read_text(), "html.parser")
        letters = index.select(".letter-index a")
        assert len(letters) > 1, collection
        counts = sum(int(a.select_one(".letter-count").get_text()) for a in letters)
        if collection == "glossary":
            assert counts == len(json.loads((big_site / "glossary.json").read_text())["terms"])
        else:
            assert counts == sum(1 for p in (big_site / collection).glob("*/index.html")
                                 if p.parent.name not in {a["href"].strip("/").split("/")[-1] for a in letters})
    assert (big_site / "people/a/page/2/index.html").exists()
    assert (big_site / "quotes/page/2/index.html").exists()
    assert sizes(big_site, "timeline/*.json")  # the timeline by year, besides timeline.json
