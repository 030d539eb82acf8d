"""Events are the timeline's spine: a quote or an agreement with `event:` is shown inside its
event's entry, not as an entry of its own; counts, pages and exports count entries.

Built from tests/sites/events (a summit where an accord is signed and two people speak, and a
quote and a pact with no event)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SITES, build

from explainer.build.command import build_site
from explainer.build.pipeline import load_site
from explainer.core.errors import Reporter
from explainer.core.options import BuildOptions
from explainer.site.paging import timeline_layout
from explainer.site.timeline import Attached, build_timeline, patch_timeline
from explainer.views.timeline_items import spoke_title
from explainer.views.viewtypes import AttachedView, LinkView, SpokeView

FIXTURE = SITES / "events"
ORDER = ["talks", "pact-date", "summit", "press", "it-is-done-said"]


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("events") / "events"
    shutil.copytree(FIXTURE, root)
    build_site(BuildOptions(root / "content", root / "site", workers=1))
    return root


@pytest.fixture(scope="module")
def model(root):
    return load_site(BuildOptions(root / "content", root / "unused", workers=1), Reporter(root))


def page(root: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((root / "site" / path).read_text(encoding="utf-8"), "html.parser")


def test_attached_items_are_inside_their_event_not_entries_of_their_own(model):
    timeline = build_timeline(model.index)
    assert [e.id for e in timeline] == ORDER
    summit = next(e for e in timeline if e.id == "summit")
    assert summit.attached == (
        Attached("accord", "agreement", "The accord (signed)"),
        Attached("we-will-sign", "quote", "Ana López: “We will sign today,”", "ana-lopez"),
        Attached("not-before-the-vote", "quote", "Ben Ortiz: “Not before the vote.”", "ben-ortiz"),
    )
    # What the attached items involve is involved in the event (the filters and record pages use it).
    assert summit.records == (
        "summit", "ana-lopez", "ruritania", "accord", "we-will-sign", "not-before-the-vote", "ben-ortiz",
    )
    assert [e.attached for e in timeline if e.id != "summit"] == [(), (), (), ()]


def test_an_agreement_entry_reads_its_status_in_the_statuses_words(model):
    pact = next(e for e in build_timeline(model.index) if e.id == "pact-date")
    assert pact.title == "Fishing pact (in force)"  # the status is `in-force`


def test_pages_count_entries_not_attached_items(model):
    timeline = build_timeline(model.index)
    layout = timeline_layout(timeline, 2)
    assert layout.split and layout.count == 5
    assert [(p.label, p.count, [pg.ids for pg in p.pages]) for p in layout.periods()] == [
        ("2024", 5, [()]),
        ("January 2024", 5, [("talks", "pact-date"), ("summit", "press"), ("it-is-done-said",)]),
    ]


def test_patching_an_attached_item_remakes_its_event(model):
    fresh = build_timeline(model.index)
    # the last build's summit, before the quote was attached to it
    stale = [e._replace(attached=e.attached[:2]) if e.id == "summit" else e for e in fresh]
    assert patch_timeline(model.index, stale, ["not-before-the-vote"]) == fresh


def test_timeline_page_shows_attached_items_under_the_summary(root):
    soup = page(root, "timeline/index.html")
    assert [li["id"] for li in soup.select("main .timeline-year li.timeline-entry")] == ORDER
    assert soup.select_one("main .dek").get_text().startswith("5 dated entries, 2024.")
    summit = soup.find(id="summit")
    children = [c.get("class", [""])[0] for c in summit.find_all(recursive=False)]
    assert children == [
        "timeline-meta", "timeline-title", "timeline-summary", "timeline-attached", "timeline-attached",
        "timeline-records", "timeline-sources",
    ]
    agreements = summit.select_one(".timeline-agreements")
    assert agreements.get_text() == "Agreements: The accord (signed)"
    assert agreements.a["href"] == "/agreements/accord/"
    said = [(li.get_text(), li.a["href"]) for li in summit.select(".timeline-quotes li")]
    assert said == [
        ("Ana López: “We will sign today”", "/quotes/#we-will-sign"),
        ("Ben Ortiz: “Not before the vote.”", "/quotes/#not-before-the-vote"),
    ]
    # the attached items are not listed again among the records involved
    assert summit.select_one(".timeline-records").get_text() == "Involved: Ana López, Ruritania, Ben Ortiz"
    kinds = [box.parent.get_text(" ", strip=True) for box in soup.select("input[name=kind]")]
    assert kinds == ["Events (3)", "Agreements (1)", "Quotes (1)"]
    assert soup.find(id="timeline-filters").find("option", value="ben-ortiz").get_text() == "Ben Ortiz (1)"


def test_record_page_timeline_names_the_speaker_instead_of_repeating_the_words(root):
    soup = page(root, "people/ana-lopez/index.html")
    section = soup.find("h2", id="timeline-h").parent
    titles = [(li["id"], li.select_one(".timeline-title").get_text()) for li in section.select("li.timeline-entry")]
    # her quote at no event is under "What they said", not an entry here; the one at the summit is both
    assert titles == [("talks", "Talks begin"), ("summit", "Summit")]
    said = soup.find("h2", id="quotes-h").parent
    assert [card["id"] for card in said.select("figure.quote-card")] == ["we-will-sign", "it-is-done"]
    spoke = [(a.get_text(), a["href"]) for a in section.find(id="summit").select(".timeline-spoke a")]
    assert spoke == [("Ana López spoke", "/quotes/#we-will-sign"), ("Ben Ortiz spoke", "/quotes/#not-before-the-vote")]
    text = section.get_text()
    assert "We will sign" not in text and "It is done" not in text and "Not before" not in text
    # the agreement's own page shows the event it was made at, the agreement not linked to itself
    accord = page(root, "agreements/accord/index.html").find("h2", id="timeline-h").parent
    assert [li["id"] for li in accord.select("li.timeline-entry")] == ["summit"]
    assert accord.select_one(".timeline-agreements").get_text() == "Agreements: The accord (signed)"
    assert accord.select_one(".timeline-agreements a") is None


def test_views_of_attached_items(model):
    summit = next(e for e in build_timeline(model.index) if e.id == "summit")
    item = model.views.timeline_item(summit)
    ana = LinkView("/people/ana-lopez/", "Ana López", "people", "ana-lopez")
    ben = LinkView("/people/ben-ortiz/", "Ben Ortiz", "people", "ben-ortiz")
    assert item.agreements == (
        AttachedView(LinkView("/agreements/accord/", "The accord", "agreements", "accord"), "The accord (signed)"),
    )
    assert [(q.link.id, q.text, q.speaker) for q in item.quotes] == [
        ("we-will-sign", "“We will sign today”", ana), ("not-before-the-vote", "“Not before the vote.”", ben),
    ]
    assert item.speakers == (
        SpokeView("Ana López", "/quotes/#we-will-sign", "we-will-sign", 1),
        SpokeView("Ben Ortiz", "/quotes/#not-before-the-vote", "not-before-the-vote", 1),
    )


def test_json_export_puts_attached_items_inside_their_event(root):
    data = json.loads((root / "site" / "timeline.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in data["entries"]] == ORDER
    summit = next(e for e in data["entries"] if e["id"] == "summit")
    ana = {"id": "ana-lopez", "name": "Ana López", "url": "/people/ana-lopez/"}
    assert summit["attached"] == [
        {"id": "accord", "kind": "agreement", "title": "The accord (signed)", "url": "/agreements/accord/",
         "speaker": None},
        {"id": "we-will-sign", "kind": "quote", "title": "Ana López: “We will sign today,”",
         "url": "/quotes/#we-will-sign", "speaker": ana},
        {"id": "not-before-the-vote", "kind": "quote", "title": "Ben Ortiz: “Not before the vote.”",
         "url": "/quotes/#not-before-the-vote",
         "speaker": {"id": "ben-ortiz", "name": "Ben Ortiz", "url": "/people/ben-ortiz/"}},
    ]
    year = json.loads((root / "site" / "timeline" / "2024.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in year["entries"]] == ORDER
    assert next(e for e in year["entries"] if e["id"] == "summit")["attached"] == summit["attached"]


def test_calendar_lists_attached_items_in_the_event_description(root):
    text = (root / "site" / "timeline.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert text.count("BEGIN:VEVENT") == 5
    summit = text[text.index("UID:summit@"):]
    summit = summit[:summit.index("END:VEVENT")]
    assert (
        "DESCRIPTION:January 15\\, 2024: Summit\\nAgreements: The accord (signed)\\nSaid there: "
        "Ana López: “We will sign today\\,”\\; Ben Ortiz: “Not before the vote.”\\n"
        "Involved: Ana López\\, Ruritania\\, Ben Ortiz.\\nSource: Report on the accord.\r\n"
    ) in summit


SITE = """
-- content/site.yaml --
title: Test site
-- content/people/ana.yaml --
name: Ana
-- content/events.yaml --
- id: summit
  date: 2024-01-15
  title: Summit
-- content/sources.yaml --
- id: report
  title: Report
"""


def quote(*lines: str) -> str:
    """A quote file `content/quotes/q.yaml` of Ana's, with `lines` after its required fields."""
    return "\n".join(["-- content/quotes/q.yaml --", "text: Yes.", "speaker: ana", "source: report", *lines, ""])


def errors_of(site_root, spec: str) -> list[str]:
    run = build(site_root(SITE + spec))
    assert run.code == 1, run.err
    return [line for line in run.lines[:-1] if ": error: " in line]


def test_an_unknown_event_is_an_error_with_a_suggestion(site_root):
    assert errors_of(site_root, quote("event: sumit")) == ["content/quotes/q.yaml:4: error: unknown id 'sumit' in 'event' (did you mean 'summit'?)"]


def test_an_event_that_is_not_an_event_is_an_error_with_a_suggestion(site_root):
    assert errors_of(site_root, """
-- content/agreements.yaml --
- id: accord
  title: Accord
  event: ana
- id: summit-deal
  title: Deal
  event: summit-deal-day
-- content/events/summit-deal-day.yaml --
date: 2024-01-15
title: Day
-- content/places.yaml --
- id: summit-hall
  name: Hall
""" + quote("event: summit-hall")) == [
        "content/agreements.yaml:3: error: 'ana' is a person, but 'event' must refer to an event",
        "content/quotes/q.yaml:4: error: 'summit-hall' is a place, but 'event' must refer to an event (did you mean 'summit'?)",
    ]


def test_an_attached_item_dated_outside_its_event_is_an_error(site_root):
    assert errors_of(site_root, quote("date: 2024-01-16", "event: summit")) == [
        "content/quotes/q.yaml:4: error: this quote is dated 2024-01-16, but its event 'summit' is dated "
        "January 15, 2024: what is shown inside an event must fall within its dates",
    ]


def test_a_quote_entry_on_a_record_page_is_named_by_its_speaker(model):
    entries = {e.id: e for e in build_timeline(model.index)}
    assert spoke_title(model.index, model.views.link, entries["it-is-done-said"]) == "Ana López spoke"
    assert spoke_title(model.index, model.views.link, entries["summit"]) == ""


def test_no_entry_lists_a_quotation_among_the_records_involved(site_root):
    root = site_root(SITE + quote() + """-- content/events/talks.yaml --
date: 2024-01-10
title: Talks
participants: [ana]
related: [q, summit]
""")
    assert build(root).code == 0
    talks = BeautifulSoup((root / "site/timeline/index.html").read_text(encoding="utf-8"), "html.parser").find(id="talks")
    assert talks.select_one(".timeline-records").get_text() == "Involved: Ana, Summit"
    assert talks["data-records"] == "talks ana q summit"  # the filter still finds it by the quote
