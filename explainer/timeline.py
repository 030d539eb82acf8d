"""One timeline model fed by every dated thing in the site.

Events, agreement dates, role starts and ends, institutions' founding, dated quotes and articles'
dates all become `TimelineEntry`s. Coarser dates sort before finer ones within their span ("2023"
before "3 February 2023"); entries on the same date keep the order they have in the content.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dates import PartialDate, range_label
from .index import SiteIndex
from .model import Agreement, Document, Event, Institution, Person, Quote


@dataclass(frozen=True)
class TimelineEntry:
    id: str  # anchor on the timeline page
    date: PartialDate
    end: PartialDate | None
    kind: str  # event, agreement, role, founding, quote, article
    title: str
    link: str | None  # the entity the entry is about (its id)
    records: tuple[str, ...]  # ids of the records involved
    sources: tuple[str, ...]
    order: int  # position in the content, for stable same-day order

    @property
    def label(self) -> str:
        return range_label(self.date, self.end)

    @property
    def sort_key(self) -> tuple:
        return (self.date, self.order)


def build_timeline(index: SiteIndex) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []

    def add(entry_id, date, end, kind, title, link, records, sources):
        records = tuple(dict.fromkeys(r for r in records if r in index.entities))
        entries.append(
            TimelineEntry(entry_id, date, end, kind, title, link, records,
                          tuple(s.id for s in sources), len(entries))
        )

    for entity in index.entities.values():
        if isinstance(entity, Event):
            records = [r.id for r in entity.participants]
            if entity.place:
                records.append(entity.place.id)
            records += [r.id for r in entity.related]
            add(entity.id, entity.date, entity.end, "event", entity.title, entity.id,
                records, entity.sources)
        elif isinstance(entity, Agreement) and entity.date:
            status = f" ({entity.status})" if entity.status else ""
            records = [entity.id, *(r.id for r in entity.parties), *(r.id for r in entity.signatories)]
            add(f"{entity.id}-date", entity.date, None, "agreement", entity.title + status,
                entity.id, records, entity.sources)
        elif isinstance(entity, Institution) and entity.founded:
            add(f"{entity.id}-founded", entity.founded, None, "founding",
                f"{entity.name} founded", entity.id, [entity.id], entity.sources)
        elif isinstance(entity, Person):
            for number, role in enumerate(entity.roles):
                org = [role.organization.id] if role.organization else []
                where = ""
                if role.organization and role.organization.id in index.entities:
                    where = f", {index.entities[role.organization.id].display_name}"
                if role.start:
                    add(f"{entity.id}-role-{number}-start", role.start, None, "role",
                        f"{entity.name} becomes {role.title}{where}", entity.id,
                        [entity.id, *org], entity.sources)
                if role.end:
                    add(f"{entity.id}-role-{number}-end", role.end, None, "role",
                        f"{entity.name} leaves the post of {role.title}{where}", entity.id,
                        [entity.id, *org], entity.sources)
        elif isinstance(entity, Quote) and entity.date:
            speaker = index.entities.get(entity.speaker.id)
            who = speaker.display_name if speaker else entity.speaker.id
            add(entity.id + "-said", entity.date, None, "quote", f"{who}: “{entity.text}”",
                entity.id, [entity.speaker.id, *(r.id for r in entity.related)], (entity.source,))
        elif isinstance(entity, Document) and entity.collection == "articles" and entity.date:
            add(f"{entity.id}-published", entity.date, None, "article", entity.title, entity.id,
                [], entity.sources)
    return sorted(entries, key=lambda e: e.sort_key)


def entries_for(timeline: list[TimelineEntry], entity_id: str) -> list[TimelineEntry]:
    """The entries of `timeline` that involve one record."""
    return [e for e in timeline if e.link == entity_id or entity_id in e.records]
