"""The timeline for re-use: `/timeline.json` and an iCalendar file, `/timeline.ics`, whole and
one year at a time (`/timeline/2025.json`, `/timeline/2025.ics`).

All are pure functions of the content, so two builds write the same bytes: the calendar's
DTSTAMP is the last day the timeline (or the year) reaches, never the time of the build. Their
words (dates, the calendar's descriptions) are in the site's language. The JSON shape is
documented in docs/outputs.md.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterable
from urllib.parse import urlsplit

from explainer.core.dates import range_label
from explainer.core.i18n import translations_for
from explainer.produce.site import SiteModel
from explainer.render.renderer import PageOutput
from explainer.site import urls
from explainer.site.index import SiteIndex
from explainer.site.timeline import TimelineEntry

PRODUCT_ID = "-//explainer//timeline//EN"


class _Describer:
    """What the exports say of each entry, made once and shared by every file that shows it (the
    whole timeline and its year): the JSON entry and the calendar's event."""

    def __init__(self, index: SiteIndex):
        self.index = index
        self.lang = index.config.language
        self.host = calendar_host(index)
        self.gettext = translations_for(self.lang).gettext
        self.records: dict[str, dict] = {}  # the same records recur in many entries: describe each once
        self.sources: dict[str, dict] = {}

    def record(self, entity_id: str) -> dict:
        if entity_id not in self.records:
            index = self.index
            entity = index.entities[entity_id]
            self.records[entity_id] = {
                "id": entity_id, "name": entity.display_name,
                "url": index.absolute_url(index.link_path(entity_id)),
            }
        return self.records[entity_id]

    def source(self, source_id: str) -> dict:
        if source_id not in self.sources:
            index = self.index
            entity = index.entities[source_id]
            self.sources[source_id] = {
                "id": source_id, "title": entity.display_name,
                "url": index.absolute_url(index.link_path(source_id)),
                "link": getattr(entity, "url", None),
            }
        return self.sources[source_id]

    def entry(self, entry: TimelineEntry) -> dict:
        """One entry of the JSON export."""
        index, record = self.index, self.record
        return {
            "id": entry.id,
            "date": entry.date.iso(),
            "precision": entry.date.precision,
            "end": entry.end.iso() if entry.end else None,
            "end_precision": entry.end.precision if entry.end else None,
            "label": range_label(entry.date, entry.end, self.lang),
            "kind": entry.kind,
            "title": entry.title,
            "url": record(entry.link)["url"] if entry.link else None,
            "timeline_url": index.absolute_url(index.entry_path(entry.id)),
            "records": [record(r) for r in entry.records],
            "sources": [self.source(s) for s in entry.sources if s in index.entities],
            "attached": [
                {
                    "id": item.id, "kind": item.kind, "title": item.title,
                    "url": record(item.id)["url"],
                    "speaker": record(item.speaker) if item.speaker in index.entities else None,
                }
                for item in entry.attached if item.id in index.entities
            ],
        }

    def event(self, entry: TimelineEntry) -> tuple[str, str]:
        """One entry's VEVENT, folded: the text before its DTSTAMP line and the text after it (the
        stamp is the calendar's, which differs between the whole timeline and a year)."""
        index, lang, _ = self.index, self.lang, self.gettext
        description = [range_label(entry.date, entry.end, lang) + ": " + entry.title]
        note = _precision_note(entry, lang)
        if note:
            description.append(note)
        for kind, label in (("agreement", _("Agreements:")), ("quote", _("Said there:"))):
            items = [item.title for item in entry.attached if item.kind == kind]
            if items:
                description.append(f"{label} " + "; ".join(items))
        inside = {item.id for item in entry.attached}
        involved = [index.entities[r].display_name for r in entry.records if r != entry.link and r not in inside]
        if involved:
            description.append(_("Involved:") + " " + ", ".join(involved) + ".")
        sources = [index.entities[s].display_name for s in entry.sources if s in index.entities]
        if sources:
            description.append(_("Source:") + " " + "; ".join(sources) + ".")
        url = index.absolute_url(index.link_path(entry.link)) if entry.link else ""
        if not url.startswith(("http://", "https://")):
            url = ""  # a calendar has no page to resolve a bare path against
        if url:
            description.append(url)
        tail = [
            f"DTSTART;VALUE=DATE:{_ical_date(entry.first_day)}",
            f"DTEND;VALUE=DATE:{_ical_date(entry.last_day + _dt.timedelta(days=1))}",
            f"SUMMARY:{_escape(entry.title)}",
            f"DESCRIPTION:{_escape(chr(10).join(description))}",
            f"CATEGORIES:{_escape(entry.kind)}",
            "TRANSP:TRANSPARENT",
        ]
        if url:
            tail.append(f"URL:{url}")
        tail.append("END:VEVENT")
        return _lines(["BEGIN:VEVENT", f"UID:{entry.id}@{self.host}"]), _lines(tail)


def timeline_json(index: SiteIndex, timeline: list[TimelineEntry], page: str = urls.TIMELINE) -> dict:
    """The timeline (or one year of it) as plain data (see docs/outputs.md for the shape);
    `page` is where it is shown."""
    describe = _Describer(index)
    return _json_head(index, page) | {"entries": [describe.entry(entry) for entry in timeline]}


def _json_head(index: SiteIndex, page: str) -> dict:
    return {"title": index.config.title, "url": index.absolute_url(page), "entries": []}


# iCalendar ------------------------------------------------------------------------------------

def _escape(text: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11)."""
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets (RFC 5545, 3.1), never inside a character."""
    if len(line) <= 75 and line.isascii():  # one octet a character: short enough as it is
        return line
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[bytes] = []
    start, limit = 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back up to the character's start
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, 74  # continuation lines begin with a space
    parts.append(data[start:])
    return "\r\n ".join(part.decode("utf-8") for part in parts)


def _ical_date(day: _dt.date) -> str:
    return day.strftime("%Y%m%d")


def _precision_note(entry: TimelineEntry, lang: str) -> str:
    """Why an all-day entry spans a month or a year: the content gives no finer date."""
    dates = [d for d in (entry.date, entry.end) if d is not None]
    imprecise = [d for d in dates if d.precision != "day"]
    if not imprecise:
        return ""
    _ = translations_for(lang).gettext
    if entry.end is None or entry.end == entry.date:
        note = (_("Date known only to the year: this entry covers all of %(date)s.") if entry.date.precision == "year"
                else _("Date known only to the month: this entry covers all of %(date)s."))
        return note % {"date": entry.date.label(lang)}
    start, end = entry.date.label(lang), entry.end.label(lang)
    if entry.date.precision != "day":
        start = _("the start of %(date)s") % {"date": start}
    if entry.end.precision != "day":
        end = _("the end of %(date)s") % {"date": end}
    note = (_("Dates known only to the year: this entry runs from %(start)s to %(end)s.")
            if any(d.precision == "year" for d in imprecise)
            else _("Dates known only to the month: this entry runs from %(start)s to %(end)s."))
    return note % {"start": start, "end": end}


def calendar_host(index: SiteIndex) -> str:
    """The host that makes UIDs unique: the site's, or 'explainer' when it has no full URL."""
    base = index.config.absolute_base
    return (urlsplit(base).hostname or "explainer") if base else "explainer"


def timeline_ics(index: SiteIndex, timeline: list[TimelineEntry], name: str = "") -> str:
    """The timeline as an iCalendar file: one all-day VEVENT per entry; `name`, the calendar's
    name (the site's title by default)."""
    describe = _Describer(index)
    return _calendar(index, timeline, [describe.event(entry) for entry in timeline], name)


def _calendar(index: SiteIndex, timeline: list[TimelineEntry], events: list[tuple[str, str]], name: str) -> str:
    """The calendar of `timeline`, given each entry's event (`_Describer.event`)."""
    latest = max((e.last_day for e in timeline), default=_dt.date(1970, 1, 1))
    stamp = f"DTSTAMP:{_ical_date(latest)}T000000Z\r\n"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name or index.config.title)}",
    ]
    if index.config.description:
        lines.append(f"X-WR-CALDESC:{_escape(index.config.description.strip())}")
    return _lines(lines) + "".join(head + stamp + tail for head, tail in events) + _lines(["END:VCALENDAR"])


def _lines(lines: list[str]) -> str:
    """Content lines, folded, each ended by CRLF."""
    return "".join(_fold(line) + "\r\n" for line in lines)


# What `json.dumps(data, ensure_ascii=False, separators=(",", ":"))` writes, without making an
# encoder for each of thousands of entries.
_json_text = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _json_file(index: SiteIndex, page: str, entries: list[str]) -> bytes:
    """The JSON export of a page's entries, given each entry's JSON text (`_Describer.entry`): the
    document `timeline_json` gives, written as `json.dumps` writes it."""
    head = _json_text(_json_head(index, page))
    assert head.endswith("[]}")
    return (head[:-2] + ",".join(entries) + "]}\n").encode("utf-8")


def timeline_files(model: SiteModel) -> Iterable[PageOutput]:
    """The producer of `timeline.json` and `timeline.ics`, and of each year's."""
    views = model.views
    if views.reads is not None:  # both files show the entries, and the names of what they involve
        views.read("timeline")
        for entry in model.timeline:
            for entity_id in (entry.link, *entry.records, *(item.speaker for item in entry.attached)):
                if entity_id:
                    views.read("name", entity_id)
            for source_id in entry.sources:
                views.read("entity", source_id)  # its name and its `url`
    index = model.index
    describe = _Describer(index)
    entries = [_json_text(describe.entry(entry)) for entry in model.timeline]
    events = [describe.event(entry) for entry in model.timeline]
    yield PageOutput("timeline.json", _json_file(index, urls.TIMELINE, entries))
    yield PageOutput("timeline.ics", _calendar(index, model.timeline, events, "").encode("utf-8"))
    split = model.renderer.timeline_layout.split
    years: dict[int, list[int]] = {}
    for position, entry in enumerate(model.timeline):
        years.setdefault(entry.date.year, []).append(position)
    for year, positions in years.items():
        page = urls.timeline_period(year) if split else urls.TIMELINE
        yield PageOutput(urls.timeline_year_file(year, "json"), _json_file(index, page, [entries[p] for p in positions]))
        name = f"{index.config.title} ({year})"
        year_events = [events[p] for p in positions]
        year_calendar = _calendar(index, [model.timeline[p] for p in positions], year_events, name)
        yield PageOutput(urls.timeline_year_file(year, "ics"), year_calendar.encode("utf-8"))
