"""The timeline model and the /timeline/ page: order, labels, grouping, links and filters.

Built from tests/sites/timeline, which has year-, month- and day-precision dates, ranges, and
several entries on one day coming from folder-form and list-form collections.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build as run_cli

from explainer.build.command import build_site
from explainer.core.dates import PartialDate
from explainer.core.options import BuildOptions
from explainer.site.timeline import last_day

TESTS = Path(__file__).resolve().parents[1]
FIXTURE = TESTS / "sites" / "timeline"
REPO = TESTS.parent

EXPECTED_ORDER = [
    ("ministry-founded", "1990", "Ministry of Justice founded"),
    ("ana-lopez-role-0-start", "June 2019", "Ana López becomes Minister, Ministry of Justice"),
    ("e-inquiry", "2021\u2009–\u20092022", "Long inquiry"),
    ("f-new-year", "December 30, 2023\u2009–\u2009January 2, 2024", "New Year recess"),
    ("c-year", "2024", "Year of talks"),
    ("d-month", "January 2024", "January talks"),
    # January 15, 2024: events (file-name order), then agreements and quotes in editorial order (the
    # accord, mentioned by the lead article; the quotes it does not quote, in list order), then roles
    ("a-talks", "January 15, 2024", "Talks begin"),
    ("b-summit", "January 15\u2009–\u200917, 2024", "Summit"),
    ("accord-date", "January 15, 2024", "The accord (signed)"),
    ("z-promise-said", "January 15, 2024", "Ana López: “We will sign.”"),
    ("a-thanks-said", "January 15, 2024", "Ana López: “Thank you, all.”"),
    ("ana-lopez-role-0-end", "January 15, 2024", "Ana López leaves the post of Minister, Ministry of Justice"),
    ("story-published", "January 16, 2024", "The accord is signed"),
]


def build(content: Path, out: Path, base_url: str | None = None) -> Path:
    build_site(BuildOptions(content, out, base_url=base_url))
    return out


def page(out: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((out / path).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("timeline") / "root"
    shutil.copytree(FIXTURE, root)
    return build(root / "content", root / "site")


@pytest.fixture(scope="module")
def timeline_page(site) -> BeautifulSoup:
    return page(site, "timeline/index.html")


def entries(soup: BeautifulSoup) -> list:
    return soup.select("main .timeline-year li.timeline-entry")


def test_entries_in_timeline_order_with_labels(timeline_page):
    got = [
        (li["id"], li.select_one("time").get_text(), li.select_one(".timeline-title").get_text())
        for li in entries(timeline_page)
    ]
    assert got == EXPECTED_ORDER


def test_time_elements_carry_the_date_as_written(timeline_page):
    datetimes = [li.select_one("time")["datetime"] for li in entries(timeline_page)]
    assert datetimes == [
        "1990", "2019-06", "2021", "2023-12-30", "2024", "2024-01",
        "2024-01-15", "2024-01-15", "2024-01-15", "2024-01-15", "2024-01-15", "2024-01-15",
        "2024-01-16",
    ]


def test_grouped_by_year_then_month_with_year_only_dates_first(timeline_page):
    outline = []
    for section in timeline_page.select("main section.timeline-year"):
        outline.append(("h2", section.h2["id"], section.h2.get_text()))
        for month in section.select(".timeline-month"):
            heading = month.h3
            label = (heading["id"], heading.get_text()) if heading else ("", "")
            outline.append(("month", *label, [li["id"] for li in month.select("li.timeline-entry")]))
    assert outline == [
        ("h2", "year_1990", "1990"),
        ("month", "", "", ["ministry-founded"]),
        ("h2", "year_2019", "2019"),
        ("month", "month_2019-06", "June 2019", ["ana-lopez-role-0-start"]),
        ("h2", "year_2021", "2021"),
        ("month", "", "", ["e-inquiry"]),
        ("h2", "year_2023", "2023"),
        ("month", "month_2023-12", "December 2023", ["f-new-year"]),
        ("h2", "year_2024", "2024"),
        ("month", "", "", ["c-year"]),
        ("month", "month_2024-01", "January 2024", [
            "d-month", "a-talks", "b-summit", "accord-date", "z-promise-said", "a-thanks-said",
            "ana-lopez-role-0-end", "story-published",
        ]),
    ]


def test_year_links_jump_to_each_year(timeline_page):
    links = [(a.get_text(), a["href"]) for a in timeline_page.select("nav.timeline-years a")]
    assert links == [
        ("1990", "#year_1990"), ("2019", "#year_2019"), ("2021", "#year_2021"), ("2023", "#year_2023"),
        ("2024", "#year_2024"),
    ]


def test_kind_labels_and_data_attributes(timeline_page):
    got = {
        li["id"]: (li.select_one(".timeline-kind").get_text(), li["data-kind"], li["data-records"])
        for li in entries(timeline_page)
    }
    assert got["ministry-founded"] == ("Founding", "founding", "ministry ruritania")
    assert got["ana-lopez-role-0-start"] == ("Role", "role", "ana-lopez ministry")
    assert got["accord-date"] == ("Agreement", "agreement", "accord ruritania ana-lopez")
    assert got["b-summit"] == ("Event", "event", "b-summit ana-lopez ruritania")
    assert got["z-promise-said"] == ("Quote", "quote", "z-promise ana-lopez")
    # An article's publication involves the records it mentions.
    assert got["story-published"] == ("Article", "article", "story ana-lopez accord ruritania")


def test_each_entry_links_its_records_and_sources(timeline_page):
    summit = timeline_page.find(id="b-summit")
    involved = [(a["href"], a.get_text()) for a in summit.select(".timeline-records a")]
    assert involved == [
        ("/ruritania/people/ana-lopez/", "Ana López"), ("/ruritania/places/ruritania/", "Ruritania"),
    ]
    assert summit.select_one(".timeline-records").get_text() == "Involved: Ana López, Ruritania"
    sources = [(a["href"], a.get_text()) for a in summit.select(".timeline-sources a")]
    assert sources == [("/ruritania/sources/report/", "Report on the accord")]
    assert summit.select_one(".timeline-sources").get_text() == "Source: Report on the accord"


def test_titles_link_to_their_record_but_events_not_to_themselves(timeline_page):
    def title_link(entry_id):
        a = timeline_page.find(id=entry_id).select_one(".timeline-title a")
        return a["href"] if a else None

    assert title_link("accord-date") == "/ruritania/agreements/accord/"
    assert title_link("ministry-founded") == "/ruritania/institutions/ministry/"
    assert title_link("ana-lopez-role-0-start") == "/ruritania/people/ana-lopez/"
    assert title_link("z-promise-said") == "/ruritania/quotes/#z-promise"
    assert title_link("story-published") == "/ruritania/articles/story/"
    assert title_link("b-summit") is None  # it is this very entry


def test_event_summaries_are_shown(timeline_page):
    talks = timeline_page.find(id="a-talks")
    summary = talks.select_one(".timeline-summary")
    assert summary.get_text(" ", strip=True) == "The Ministry of Justice opens talks."
    assert summary.a["href"] == "/ruritania/institutions/ministry/"


def test_filters_are_hidden_until_the_script_runs(timeline_page):
    form = timeline_page.find("form", id="timeline-filters")
    assert form.has_attr("hidden")
    kinds = [
        (box["value"], box.parent.get_text(" ", strip=True)) for box in form.select("input[name=kind]")
    ]
    assert kinds == [
        ("event", "Events (6)"), ("agreement", "Agreements (1)"), ("role", "Roles (2)"),
        ("founding", "Foundings (1)"), ("quote", "Quotes (2)"), ("article", "Articles (1)"),
    ]
    assert all(box.has_attr("checked") for box in form.select("input[name=kind]"))
    groups = [
        (group["label"], [(o["value"], o.get_text()) for o in group.select("option")])
        for group in form.select("select[name=record] optgroup")
    ]
    assert groups == [
        ("People", [("ana-lopez", "Ana López (8)")]),
        ("Institutions", [("ministry", "Ministry of Justice (3)")]),
        ("Agreements", [("accord", "The accord (2)")]),
        ("Places", [("ruritania", "Ruritania (4)")]),
        ("Articles", [("story", "The accord is signed (1)")]),
    ]
    script = timeline_page.find("script", src=lambda src: src and "/static/timeline." in src)
    assert script["src"].startswith("/ruritania/static/timeline.") and script.has_attr("defer")


def test_page_links_the_machine_readable_versions(timeline_page):
    alternates = {
        link["type"]: link["href"] for link in timeline_page.select("head link[rel=alternate]")
    }
    assert alternates == {
        "application/json": "/ruritania/timeline.json", "text/calendar": "/ruritania/timeline.ics",
        "application/atom+xml": "/ruritania/feed.xml",  # the site's feed, on every page
    }


def test_record_page_has_its_own_timeline(site):
    soup = page(site, "people/ana-lopez/index.html")
    section = soup.find("h2", id="timeline-h").parent
    got = [
        (li["id"], li.select_one("time").get_text(), li.select_one(".timeline-title").get_text())
        for li in section.select("li.timeline-entry")
    ]
    assert got == [
        row for row in EXPECTED_ORDER
        # her quotes are under "What they said" and the article under "In the story": not here
        if row[0] in {"ana-lopez-role-0-start", "ana-lopez-role-0-end", "accord-date", "a-talks", "b-summit"}
    ]
    # The page's own entries do not link to the page, and it is not listed among the involved.
    start = section.find(id="ana-lopez-role-0-start")
    assert start.select_one(".timeline-title a") is None
    assert start.select_one(".timeline-records").get_text() == "Involved: Ministry of Justice"
    assert section.find(id="b-summit").select_one(".timeline-title a")["href"] == "/ruritania/timeline/#b-summit"
    more = section.select_one(".timeline-more a")
    assert (more["href"], more.get_text()) == (
        "/ruritania/timeline/?record=ana-lopez", "See all 8 entries on the full timeline",
    )


def test_default_site_shows_cecot_opening_before_3_february_2025(tmp_path):
    soup = page(build(REPO / "content", tmp_path / "site"), "timeline/index.html")
    items = entries(soup)
    labels = [(li["id"], li.select_one("time").get_text()) for li in items]
    ids = [entry_id for entry_id, _ in labels]
    assert ("cecot-opening", "2023") in labels
    february = [i for i, (_, label) in enumerate(labels) if label == "February 3, 2025"]
    assert february and ids.index("cecot-opening") < february[0]
    assert ("signing-ceremony", "February 3, 2025") in labels
    # the events of the day keep the order the content gives them
    day_events = [i for i in ids if i in {
        "signing-ceremony", "rubio-remarks", "bukele-social-media-post", "musk-endorsement", "bruce-statement",
    }]
    assert day_events == [
        "signing-ceremony", "rubio-remarks", "bukele-social-media-post", "musk-endorsement", "bruce-statement",
    ]
    assert [h.get_text() for h in soup.select("main .timeline-year h2")] == ["2023", "2025"]


def test_derived_anchor_never_shadows_a_record_id(tmp_path):
    content = tmp_path / "content"
    (content / "events").mkdir(parents=True)
    (content / "site.yaml").write_text("title: T\n", encoding="utf-8")
    (content / "agreements.yaml").write_text(
        "- id: pact\n  title: Pact\n  date: 2020-05-01\n", encoding="utf-8"
    )
    (content / "events" / "pact-date.yaml").write_text(
        "date: 2020-05-01\ntitle: The date itself\nrelated: [pact]\n", encoding="utf-8"
    )
    soup = page(build(content, tmp_path / "site"), "timeline/index.html")
    assert [li["id"] for li in entries(soup)] == ["pact-date", "pact-date-2"]  # the event first


def test_empty_timeline(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text("title: T\n", encoding="utf-8")
    soup = page(build(content, tmp_path / "site"), "timeline/index.html")
    assert soup.select_one("main p").get_text() == "No dated entries yet."
    assert soup.select("main svg, main form") == []


@pytest.mark.parametrize(("date", "expected"), [
    (PartialDate(2024), dt.date(2024, 12, 31)),
    (PartialDate(2024, 2), dt.date(2024, 2, 29)),
    (PartialDate(2023, 2), dt.date(2023, 2, 28)),
    (PartialDate(2023, 12), dt.date(2023, 12, 31)),
    (PartialDate(2023, 12, 5), dt.date(2023, 12, 5)),
])
def test_last_day_of_a_dates_span(date, expected):
    assert last_day(date) == expected


def test_ranges_that_end_before_they_start_are_errors(site_root):
    root = site_root("""
-- content/site.yaml --
title: T
-- content/events.yaml --
- id: backwards
  date: 2024-05-01
  title: Backwards
  end: 2023
- id: same-month
  date: 2024-05-20
  end: 2024-05
  title: Ends in the month it starts
-- content/people/ana.yaml --
name: Ana
roles:
  - title: Minister
    start: 2020
  - title: Judge
    start: 2021-03-02
    end: 2021-03-01
""")
    run = run_cli(root)
    assert run.code == 1
    assert run.lines[:-1] == [
        "content/events.yaml:4: error: 'end' (2023) is before 'date' (2024-05-01): "
        "a range must end on or after the day it starts",
        "content/people/ana.yaml:5: error: the role 'Judge' ends (2021-03-01) before it starts (2021-03-02)",
    ]
