"""Long lists split into pages (explainer.site.paging, explainer.site.letters, the page names in
explainer.site.urls, the views in explainer.views.lists and the pages of explainer.render.lists):
the split itself as pure functions, and tests/sites/timeline built with two entries a page, where
every list is split and every link must land on the page that shows its target."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build as run_cli

from explainer.build.command import build_site
from explainer.content.settings import SiteConfig
from explainer.core.dates import parse_date
from explainer.core.options import BuildOptions
from explainer.site import urls
from explainer.site.letters import page_letter
from explainer.site.paging import PAGE_SIZE, letter_layout, paginate, record_timeline_length, timeline_layout
from explainer.site.timeline import TimelineEntry
from explainer.views.lists import pagination

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))
from linkcheck import broken_links  # noqa: E402

FIXTURE = TESTS / "sites" / "timeline"


def entry(entry_id: str, date: str, order: int) -> TimelineEntry:
    parsed = parse_date(date)
    assert parsed is not None
    return TimelineEntry(entry_id, parsed, None, "event", entry_id, entry_id, (entry_id,), (), order)


# the split as pure functions --------------------------------------------------------------------

def test_the_default_page_size_is_the_settings_default():
    assert SiteConfig("t").page_size == PAGE_SIZE
    assert record_timeline_length(PAGE_SIZE) == 10 and record_timeline_length(3) == 3


def test_pages_hold_at_most_the_page_size_and_the_first_is_the_list_itself():
    pages = paginate("quotes/", [f"q{i}" for i in range(7)], 3)
    assert [(p.folder, p.number, len(p.ids)) for p in pages] == [
        ("quotes/", 1, 3), ("quotes/page/2/", 2, 3), ("quotes/page/3/", 3, 1),
    ]
    assert paginate("quotes/", [], 3)[0].ids == ()


def test_a_short_list_stays_on_one_page_and_a_long_one_is_split_by_letter():
    items = [("ana", "Ana"), ("bo", "Bo"), ("cy", "Cy")]
    assert not letter_layout("people/", items, 3).split
    items = [("a", "Ángel"), ("ana", "Ana"), ("zed", "Zed"), ("n1", "1984 group"), ("oe", "Œuvre"), ("el", "Ελλάδα")]
    layout = letter_layout("people/", items, 1, taken=[i for i, _ in items])
    assert layout.split and layout.pages[0].ids == ()
    assert [(x.letter, x.folder, x.count) for x in layout.letters] == [
        ("#", "people/other/", 2), ("A", "people/letter-a/", 2), ("O", "people/o/", 1), ("Z", "people/z/", 1),
    ]
    # a person whose id is "a" keeps people/a/; the letter moves aside
    assert layout.letters[1].pages[1].folder == "people/letter-a/page/2/"
    assert page_letter("Ελλάδα") == "#" and page_letter("Øster") == "O"


def test_letter_pages_never_take_a_records_address():
    assert urls.letter_slug("A") == "a"
    assert urls.letter_slug("A", {"a"}) == "letter-a"
    assert urls.letter_slug("A", {"a", "letter-a"}) == "letter-a-2"
    assert urls.letter_slug("#", {"other"}) == "letter-other"


def test_the_timeline_is_split_by_year_then_by_month_then_into_pages():
    dates = ["2020"] * 2 + ["2024"] * 3 + ["2024-01"] * 2 + ["2024-01-15"] * 3 + ["2024-03-02"]
    timeline = [entry(f"e{i}", d, i) for i, d in enumerate(dates)]
    assert not timeline_layout(timeline, len(timeline)).split
    layout = timeline_layout(timeline, 3)
    assert layout.split and layout.count == 11
    assert [(y.folder, y.count, [m.folder for m in y.months]) for y in layout.years] == [
        ("timeline/2020/", 2, []), ("timeline/2024/", 9, ["timeline/2024/01/", "timeline/2024/03/"]),
    ]
    pages = layout.entry_pages()
    assert pages["e2"] == "timeline/2024/"  # dated to the year alone: on the year's own page
    assert pages["e5"] == "timeline/2024/01/" and pages["e8"] == "timeline/2024/01/page/2/"
    assert [p.folder for p in layout.sequence()] == [
        "timeline/2020/", "timeline/2024/", "timeline/2024/01/", "timeline/2024/03/",
    ]
    assert sorted(pages) == sorted(e.id for e in timeline)


# a built site with two entries a page ---------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("paging") / "root"
    shutil.copytree(FIXTURE, root)
    site_yaml = root / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "page_size: 2\n")
    build_site(BuildOptions(root / "content", root / "site"))
    return root / "site"


def page(site: Path, folder: str) -> BeautifulSoup:
    return BeautifulSoup((site / folder / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_a_long_list_links_to_a_window_of_its_pages():
    class Index:
        def url(self, path: str) -> str:
            return "/" + path

    pages = paginate("quotes/", [str(n) for n in range(100)], 5)
    numbers = [[link.number for link in pagination(Index(), pages, pages[n], "Pages").pages] for n in (0, 9, 19)]
    assert numbers == [[1, 2, 3, 4, 0, 20], [1, 0, 7, 8, 9, 10, 11, 12, 13, 0, 20], [1, 0, 17, 18, 19, 20]]
    assert pagination(Index(), pages[:1], pages[0], "Pages") is None


def test_every_link_of_the_split_site_lands_on_a_page_and_anchor_that_exist(site):
    assert broken_links(site, "/ruritania/") == []


def test_the_overview_counts_what_the_period_pages_list(site):
    overview = page(site, "timeline")
    assert not overview.select(".timeline-entry")  # an overview, not a list
    total = int(re.match(r"\d+", overview.select_one(".dek").get_text()).group())
    assert total == len(json.loads((site / "timeline.json").read_text())["entries"])
    listed = 0
    for year in overview.select(".timeline-overview > li"):
        link = year.find("a")
        count = int(year.select_one(".period-count").get_text().split()[0])
        folder = link["href"].removeprefix("/ruritania/")
        months = [a["href"].removeprefix("/ruritania/") for a in year.select(".timeline-months a")]
        entries = len(entries_on(site, folder)) + sum(len(entries_on(site, m)) for m in months)
        assert entries == count, folder
        listed += count
    assert listed == total


def entries_on(site: Path, folder: str) -> list[str]:
    """The entries of every page of one list (following each page's link to the next)."""
    found: list[str] = []
    while folder:
        shown = page(site, folder)
        found += [li["id"] for li in shown.select(".timeline-entry")]
        following = shown.select_one(".pagination a[rel=next]")
        folder = following["href"].removeprefix("/ruritania/") if following else ""
    return found


def test_a_period_page_keeps_the_filters_and_leads_to_its_neighbours(site):
    january = page(site, "timeline/2024/01")
    assert january.select_one("#timeline-filters") is not None
    assert january.select_one(".pagination [aria-current=page]").get_text() == "1"
    assert [a.get_text() for a in january.select(".breadcrumbs a")] == ["Timeline", "2024"]
    assert january.select_one(".timeline-earlier a").get_text() == "Earlier: 2024"
    assert "Timeline: January 2024" in january.title.get_text()
    year = page(site, "timeline/2024")
    assert [a.get_text() for a in year.select(".timeline-months a")] == ["January 2024"]
    assert [li["id"] for li in year.select(".timeline-entry")] == ["c-year"]  # dated to the year alone


def test_links_to_an_event_go_to_the_page_that_shows_it(site):
    data = json.loads((site / "timeline.json").read_text())
    by_id = {e["id"]: e for e in data["entries"]}
    url = by_id["b-summit"]["timeline_url"]
    folder, _, anchor = url.removeprefix("https://news.example.org/ruritania/").partition("#")
    assert folder.startswith("timeline/2024/01/") and anchor == "b-summit"
    assert page(site, folder).find(id="b-summit") is not None
    year_file = json.loads((site / "timeline/2024.json").read_text())
    assert [e["id"] for e in year_file["entries"]] == [e["id"] for e in data["entries"] if e["date"][:4] == "2024"]
    assert year_file["url"] == "https://news.example.org/ruritania/timeline/2024/"
    assert (site / "timeline/2024.ics").read_text().count("BEGIN:VEVENT") == len(year_file["entries"])


def test_a_record_shows_its_latest_entries_and_links_to_its_whole_timeline(site):
    person = page(site, "people/ana-lopez")
    shown = [li["id"] for li in person.select("#timeline-h ~ ol .timeline-entry")]
    assert len(shown) == 2
    more = person.select_one(".timeline-more a")
    assert more["href"] == "/ruritania/people/ana-lopez/timeline/"
    whole = entries_on(site, "people/ana-lopez/timeline/")
    # the page leaves out the quotes and articles its other sections show; its whole timeline has them
    kinds = {li["id"]: li["data-kind"] for li in page(site, "people/ana-lopez/timeline/").select(".timeline-entry")}
    assert all(kinds.get(entry, "event") not in ("quote", "article") for entry in shown)
    assert len(whole) == int(re.search(r"\d+", more.get_text()).group())
    assert shown == [entry for entry in whole if entry in shown][-2:] and set(shown) <= set(whole)


def test_the_glossary_and_the_indexes_are_split_by_letter(site):
    glossary = page(site, "glossary")
    letters = [a.contents[0].strip() for a in glossary.select(".letter-index a")]
    assert letters == ["#", "A", "M", "O", "Z"]
    counts = [int(a.select_one(".letter-count").get_text()) for a in glossary.select(".letter-index a")]
    assert sum(counts) == 7
    a_second = page(site, "glossary/a/page/2")
    assert [dt["id"] for dt in a_second.select("dt")] == ["angola-rule"]
    term = page(site, "glossary/angola-rule")
    assert term.find("a", href="/ruritania/glossary/") is not None
    assert json.loads((site / "glossary/a.json").read_text())["terms"][-1]["anchor_url"].endswith(
        "glossary/a/page/2/#angola-rule")


def test_a_list_that_fits_on_a_page_has_no_page_links(site):
    quotes = page(site, "quotes")  # two quotes, two a page
    assert len(quotes.select(".quote-card")) == 2 and quotes.select_one(".pagination") is None
    assert not (site / "quotes/page").exists()


def test_page_size_must_be_a_whole_number_of_at_least_one(site_root):
    for value, message in (("0", "must be a whole number of at least 1, not 0"),
                           ("ten", "'page_size' must be a whole number, not text")):
        root = site_root(f"-- content/site.yaml --\ntitle: T\npage_size: {value}\n")
        run = run_cli(root)
        assert run.code == 1
        assert "content/site.yaml:2: error: " in run.err and message in run.err, run.err
