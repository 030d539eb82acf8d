"""/timeline.json and /timeline.ics (`explainer.produce.timeline_export`): their shape, and an
iCalendar file that validates; first from a whole build, then from entries made directly."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import icalendar
import pytest

from explainer.build.command import build_site
from explainer.content.model import Content, Event, Person, Source
from explainer.content.settings import SiteConfig
from explainer.core.dates import PartialDate
from explainer.core.errors import Reporter
from explainer.core.options import BuildOptions
from explainer.produce.timeline_export import calendar_host, timeline_ics, timeline_json
from explainer.site.index import build_index
from explainer.site.timeline import TimelineEntry

FIXTURE = Path(__file__).resolve().parents[1] / "sites" / "timeline"
ENTRY_KEYS = {
    "id", "date", "precision", "end", "end_precision", "label", "kind", "title", "url",
    "timeline_url", "records", "sources", "attached",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("export") / "root"
    shutil.copytree(FIXTURE, root)
    build_site(BuildOptions(root / "content", root / "site"))
    return root / "site"


@pytest.fixture(scope="module")
def data(site) -> dict:
    return json.loads((site / "timeline.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def calendar(site) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / "timeline.ics").read_bytes())


def events_by_uid(calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_json_shape(data):
    assert set(data) == {"title", "url", "entries"}
    assert data["title"] == "Ruritania's accord"
    assert data["url"] == "https://news.example.org/ruritania/timeline/"
    assert [e["id"] for e in data["entries"]] == [
        "ministry-founded", "ana-lopez-role-0-start", "e-inquiry", "f-new-year", "c-year", "d-month",
        "a-talks", "b-summit", "accord-date", "z-promise-said", "a-thanks-said", "ana-lopez-role-0-end",
        "story-published",
    ]
    for entry in data["entries"]:
        assert set(entry) == ENTRY_KEYS


def test_json_entry_values(data):
    entries = {e["id"]: e for e in data["entries"]}
    assert entries["b-summit"] == {
        "id": "b-summit",
        "date": "2024-01-15",
        "precision": "day",
        "end": "2024-01-17",
        "end_precision": "day",
        "label": "January 15\u2009–\u200917, 2024",
        "kind": "event",
        "title": "Summit",
        "url": "https://news.example.org/ruritania/timeline/#b-summit",
        "timeline_url": "https://news.example.org/ruritania/timeline/#b-summit",
        "records": [
            {"id": "b-summit", "name": "Summit", "url": "https://news.example.org/ruritania/timeline/#b-summit"},
            {"id": "ana-lopez", "name": "Ana López", "url": "https://news.example.org/ruritania/people/ana-lopez/"},
            {"id": "ruritania", "name": "Ruritania", "url": "https://news.example.org/ruritania/places/ruritania/"},
        ],
        "sources": [{
            "id": "report", "title": "Report on the accord",
            "url": "https://news.example.org/ruritania/sources/report/", "link": "https://example.com/report",
        }],
        "attached": [],
    }
    year = entries["c-year"]
    assert (year["date"], year["precision"], year["end"], year["label"]) == ("2024", "year", None, "2024")
    month = entries["ana-lopez-role-0-start"]
    assert (month["date"], month["precision"], month["kind"], month["url"]) == (
        "2019-06", "month", "role", "https://news.example.org/ruritania/people/ana-lopez/",
    )
    inquiry = entries["e-inquiry"]
    assert (inquiry["date"], inquiry["end"], inquiry["end_precision"], inquiry["label"]) == (
        "2021", "2022", "year", "2021\u2009–\u20092022",
    )


def test_calendar_has_one_all_day_event_per_entry(calendar, data):
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == "-//explainer//timeline//EN"
    events = events_by_uid(calendar)
    assert list(events) == [f"{e['id']}@news.example.org" for e in data["entries"]]

    def span(uid):
        event = events[uid + "@news.example.org"]
        return event["DTSTART"].dt, event["DTEND"].dt

    assert span("a-talks") == (dt.date(2024, 1, 15), dt.date(2024, 1, 16))
    assert span("b-summit") == (dt.date(2024, 1, 15), dt.date(2024, 1, 18))
    assert span("f-new-year") == (dt.date(2023, 12, 30), dt.date(2024, 1, 3))
    assert span("c-year") == (dt.date(2024, 1, 1), dt.date(2025, 1, 1))
    assert span("d-month") == (dt.date(2024, 1, 1), dt.date(2024, 2, 1))
    assert span("ana-lopez-role-0-start") == (dt.date(2019, 6, 1), dt.date(2019, 7, 1))
    assert span("e-inquiry") == (dt.date(2021, 1, 1), dt.date(2023, 1, 1))
    for event in events.values():
        assert type(event["DTSTART"].dt) is dt.date  # all-day, not a moment in time


def test_calendar_notes_dates_known_only_to_the_month_or_year(calendar):
    events = events_by_uid(calendar)
    assert str(events["c-year@news.example.org"]["DESCRIPTION"]).split("\n")[:2] == [
        "2024: Year of talks", "Date known only to the year: this entry covers all of 2024.",
    ]
    assert str(events["d-month@news.example.org"]["DESCRIPTION"]).split("\n")[1] == (
        "Date known only to the month: this entry covers all of January 2024."
    )
    assert str(events["e-inquiry@news.example.org"]["DESCRIPTION"]).split("\n")[1] == (
        "Dates known only to the year: this entry runs from the start of 2021 to the end of 2022."
    )
    assert str(events["b-summit@news.example.org"]["DESCRIPTION"]) == "\n".join([
        "January 15\u2009–\u200917, 2024: Summit",
        "Involved: Ana López, Ruritania.",
        "Source: Report on the accord.",
        "https://news.example.org/ruritania/timeline/#b-summit",
    ])


def test_calendar_is_deterministic_and_escaped(site, calendar):
    events = events_by_uid(calendar)
    # the stamp is the last day the timeline reaches: "2024" runs to 31 December 2024
    stamps = {event["DTSTAMP"].dt for event in events.values()}
    assert stamps == {dt.datetime(2024, 12, 31, tzinfo=dt.UTC)}
    thanks = events["a-thanks-said@news.example.org"]
    assert str(thanks["SUMMARY"]) == "Ana López: “Thank you, all.”"
    assert thanks["URL"] == "https://news.example.org/ruritania/quotes/#a-thanks"
    assert [str(c) for c in thanks["CATEGORIES"].cats] == ["quote"]
    raw = (site / "timeline.ics").read_bytes()
    assert "SUMMARY:Ana López: “Thank you\\, all.”\r\n".encode() in raw


def test_calendar_lines_are_folded_at_75_octets(site):
    raw = (site / "timeline.ics").read_bytes()
    assert raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # some lines were long enough to fold
    for line in lines:
        line.decode("utf-8")  # never split inside a character


def test_without_a_host_uids_use_explainer_and_there_is_no_url(tmp_path):
    root = tmp_path / "root"
    shutil.copytree(FIXTURE, root)
    build_site(BuildOptions(root / "content", root / "site", base_url="/"))
    calendar = icalendar.Calendar.from_ical((root / "site" / "timeline.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert {str(e["UID"]).split("@")[1] for e in events} == {"explainer"}
    assert all("URL" not in e for e in events)
    data = json.loads((root / "site" / "timeline.json").read_text(encoding="utf-8"))
    assert data["entries"][0]["url"] == "/institutions/ministry/"


def test_empty_timeline_still_validates(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text("title: Nothing dated\n", encoding="utf-8")
    build_site(BuildOptions(content, tmp_path / "site"))
    calendar = icalendar.Calendar.from_ical((tmp_path / "site" / "timeline.ics").read_bytes())
    assert calendar["X-WR-CALNAME"] == "Nothing dated"
    assert list(calendar.walk("VEVENT")) == []
    assert json.loads((tmp_path / "site" / "timeline.json").read_text())["entries"] == []


# From entries made directly -------------------------------------------------------------------

ROOT = Path("/news/site")
TALKS = TimelineEntry(
    "talks", PartialDate(2024, 2), None, "event", "Talks; begin, again", "talks", ("talks", "ana"),
    ("report", "not-a-record"), 0,
)
ACCORD = TimelineEntry(
    "accord-date", PartialDate(2024, 3, 4), PartialDate(2024, 3, 6), "agreement", "The accord", None,
    ("ana",), (), 1,
)


def small_index(base_url: str):
    records = [
        Person(collection="people", id="ana", path=ROOT / "content/people/ana.yaml", line=1, name="Ana López"),
        Event(collection="events", id="talks", path=ROOT / "content/events/talks.yaml", line=1,
              date=PartialDate(2024, 2), title="Talks"),
        Source(collection="sources", id="report", path=ROOT / "content/sources/report.yaml", line=1,
               title="The report", url="https://example.org/report"),
    ]
    config = SiteConfig("Harbour", description="A small story.", base_url=base_url)
    return build_index(Content(ROOT, ROOT / "content", config, records, []), Reporter(ROOT))


def test_timeline_json_of_entries():
    base = "https://news.example.org/h/"
    data = timeline_json(small_index(base), [TALKS, ACCORD])
    ana = {"id": "ana", "name": "Ana López", "url": base + "people/ana/"}
    assert data == {
        "title": "Harbour", "url": base + "timeline/",
        "entries": [
            {
                "id": "talks", "date": "2024-02", "precision": "month", "end": None, "end_precision": None,
                "label": "February 2024", "kind": "event", "title": "Talks; begin, again",
                "url": base + "timeline/#talks", "timeline_url": base + "timeline/#talks",
                "records": [{"id": "talks", "name": "Talks", "url": base + "timeline/#talks"}, ana],
                "sources": [{"id": "report", "title": "The report", "url": base + "sources/report/",
                             "link": "https://example.org/report"}],  # an unknown id is left out
                "attached": [],
            },
            {
                "id": "accord-date", "date": "2024-03-04", "precision": "day", "end": "2024-03-06",
                "end_precision": "day", "label": "March 4\u2009–\u20096, 2024", "kind": "agreement", "title": "The accord",
                "url": None, "timeline_url": base + "timeline/#accord-date", "records": [ana], "sources": [],
                "attached": [],
            },
        ],
    }


def test_timeline_ics_of_entries():
    text = timeline_ics(small_index("https://news.example.org/h/"), [TALKS, ACCORD])
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    lines = text.replace("\r\n ", "").split("\r\n")  # unfolded
    assert lines == [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//explainer//timeline//EN", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", "X-WR-CALNAME:Harbour", "X-WR-CALDESC:A small story.",
        "BEGIN:VEVENT",
        "UID:talks@news.example.org",
        "DTSTAMP:20240306T000000Z",  # the last day the timeline reaches, not the time of the build
        "DTSTART;VALUE=DATE:20240201",
        "DTEND;VALUE=DATE:20240301",  # the whole month: DTEND is the day after
        "SUMMARY:Talks\\; begin\\, again",
        "DESCRIPTION:February 2024: Talks\\; begin\\, again\\nDate known only to the month: this entry "
        "covers all of February 2024.\\nInvolved: Ana López.\\nSource: The report.\\n"
        "https://news.example.org/h/timeline/#talks",
        "CATEGORIES:event", "TRANSP:TRANSPARENT", "URL:https://news.example.org/h/timeline/#talks",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:accord-date@news.example.org",
        "DTSTAMP:20240306T000000Z",
        "DTSTART;VALUE=DATE:20240304",
        "DTEND;VALUE=DATE:20240307",
        "SUMMARY:The accord",
        "DESCRIPTION:March 4\u2009–\u20096\\, 2024: The accord\\nInvolved: Ana López.",
        "CATEGORIES:agreement", "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "END:VCALENDAR", "",
    ]


def test_without_a_host_the_calendar_uses_explainer_and_gives_no_urls():
    index = small_index("/h/")
    assert calendar_host(index) == "explainer"
    assert calendar_host(small_index("https://news.example.org/h/")) == "news.example.org"
    text = timeline_ics(index, [TALKS]).replace("\r\n ", "")
    assert "UID:talks@explainer\r\n" in text
    assert "URL:" not in text and "/h/timeline/" not in text
    assert timeline_json(index, [TALKS])["entries"][0]["url"] == "/h/timeline/#talks"


def test_an_empty_timeline_has_no_events():
    text = timeline_ics(small_index("/"), [])
    assert "BEGIN:VEVENT" not in text
    assert timeline_json(small_index("/"), []) == {"title": "Harbour", "url": "/timeline/", "entries": []}
