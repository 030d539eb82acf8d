"""One timeline model fed by every dated thing in the site.

Events (with `end` for ranges), agreement dates, role starts and ends, institutions' founding,
dated quotes and articles' dates all become `TimelineEntry`s, each knowing its sources and the
records involved. Events are the spine: a quote or an agreement with `event:` is no entry of its
own but `Attached` to its event's entry (the agreements first, then the quotes, each in editorial
order), and what it involves is involved in the event's entry.

Order: entries sort by start date, and a coarser date sorts before the finer dates within its span
("2023" before "February 2023" before "3 February 2023"). On the same start, events come first
(by their `order`, then in content order), then the quotes and agreements of that day in editorial
order (`explainer.site.order`: `order`, then first mention in the lead article), then the rest
(roles, foundings, articles). Otherwise entries keep the order they have in the content:
collections in the order of `model.COLLECTIONS` (articles last), folder-form records in file-name
order, list-form records in list order, and a person's roles in the order they are listed (each
start before its end).
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from explainer.content.kinds import SINGULAR, names_where
from explainer.content.model import (
    AGREEMENT_STATUS_WORDS,
    Agreement,
    Document,
    Entity,
    Event,
    Institution,
    Person,
    Quote,
)
from explainer.core.dates import PartialDate, range_label
from explainer.core.errors import Reporter
from explainer.core.i18n import N_
from explainer.site.index import SiteIndex
from explainer.site.order import Mention, editorial_key, first_mentions

KINDS = ("event", "agreement", "role", "founding", "quote", "article")
ARTICLE_INVOLVES = names_where("article_involves")
# Glossary terms and sources may be related to an entry, but they take no part in it.
NOT_INVOLVED = ("glossary", "sources")
KIND_LABELS = {
    "event": N_("Event"), "agreement": N_("Agreement"), "role": N_("Role"), "founding": N_("Founding"),
    "quote": N_("Quote"), "article": N_("Article"),
}
KIND_PLURALS = {
    "event": N_("Events"), "agreement": N_("Agreements"), "role": N_("Roles"), "founding": N_("Foundings"),
    "quote": N_("Quotes"), "article": N_("Articles"),
}


@dataclass(frozen=True)
class Attached:
    """A quote or an agreement shown inside its event's entry rather than as an entry of its own."""

    id: str
    kind: str  # "quote" or "agreement"
    title: str  # what its own entry would be called
    speaker: str | None = None  # a quote's speaker (id)


class TimelineEntry(NamedTuple):
    """One entry of the timeline. (A named tuple, not a dataclass: a site has one for each dated
    record, which every cached build reads back from the cache, in a third of the time.)"""

    id: str  # anchor on the timeline page, unique among entries and record ids
    date: PartialDate
    end: PartialDate | None
    kind: str  # one of KINDS
    title: str
    link: str | None  # the entity the entry is about (its id)
    records: tuple[str, ...]  # ids of every record involved, the linked one first
    sources: tuple[str, ...]
    order: int  # position in the content, for a stable same-day order
    rank: tuple = ()  # the same-day order before `order` (`same_day_rank`)
    attached: tuple[Attached, ...] = ()  # an event's quotes and agreements, shown inside it

    @property
    def label(self) -> str:
        return range_label(self.date, self.end)

    @property
    def sort_key(self) -> tuple:
        return (self.date, self.rank, self.order)

    @property
    def first_day(self) -> _dt.date:
        return self.date.first_day()

    @property
    def last_day(self) -> _dt.date:
        """The last day the entry may cover: the end of its end date, or of its own date's span."""
        return last_day(self.end or self.date)


def last_day(date: PartialDate) -> _dt.date:
    """The last calendar day inside a date's span ("2023" → 31 December 2023)."""
    if date.day:
        return date.first_day()
    if date.month:
        following = _dt.date(date.year + (date.month == 12), date.month % 12 + 1, 1)
        return following - _dt.timedelta(days=1)
    return _dt.date(date.year, 12, 31)


# What an entity puts on the timeline, before anchors are made unique and the order is numbered:
# (anchor, date, end, kind, title, link, records involved, sources, attached items).
RawEntry = tuple


def event_of(index: SiteIndex, entity: Entity) -> str | None:
    """The event a quote or an agreement is attached to (`event:`), when that is an event."""
    ref = getattr(entity, "event", None)
    target = index.entities.get(ref.id) if ref is not None else None
    return ref.id if isinstance(target, Event) and ref is not None else None


def _status_words(status: str | None) -> str:
    words = AGREEMENT_STATUS_WORDS.get(status or "")
    return f" ({words.badge.lower()})" if words else ""


def _quote_title(index: SiteIndex, quote: Quote) -> str:
    speaker = index.entities.get(quote.speaker.id)
    return f"{speaker.display_name if speaker else quote.speaker.id}: “{quote.text}”"


def _involves(entity: Entity) -> list[str]:
    """The records a quote (speaker, relayer) or an agreement (parties, signatories) involves."""
    if isinstance(entity, Quote):
        return [entity.speaker.id, *([entity.reported_by.id] if entity.reported_by else [])]
    if isinstance(entity, Agreement):
        return [*(r.id for r in entity.parties), *(r.id for r in entity.signatories)]
    return []


def attached_items(index: SiteIndex, event_id: str, mentions: Mapping[str, Mention]) -> tuple[Attached, ...]:
    """The agreements, then the quotes, attached to an event, each in editorial order."""
    found = [index.entities[e.source] for e in index.edges_to(event_id) if e.field == "event"]
    agreements = [a for a in found if isinstance(a, Agreement)]
    quotes = [q for q in found if isinstance(q, Quote)]
    return (
        *(Attached(a.id, "agreement", a.title + _status_words(a.status))
          for a in sorted(agreements, key=lambda a: editorial_key(a, mentions))),
        *(Attached(q.id, "quote", _quote_title(index, q), q.speaker.id)
          for q in sorted(quotes, key=lambda q: editorial_key(q, mentions))),
    )


def same_day_rank(index: SiteIndex, kind: str, link: str | None, mentions: Mapping[str, Mention]) -> tuple:
    """Where an entry stands among entries of the same start: events first (an event's place does
    not hang on mentions, so the list pages events are on are known before Markdown is
    converted), then quotes and agreements in editorial order, then the rest."""
    entity = index.entities.get(link) if link else None
    if kind == "event":
        order = getattr(entity, "order", None)
        return (0, 0, order) if order is not None else (0, 1, 0)
    if kind in ("quote", "agreement") and entity is not None:
        key = editorial_key(entity, mentions)
        return (1, key[0], key[1]) if key[0] < 2 else (1, 2, (0, 0))
    return (2, 0, 0)


def build_timeline(index: SiteIndex) -> list[TimelineEntry]:
    """Every dated thing in the site as timeline entries, in timeline order."""
    mentions = first_mentions(index)
    entries: list[TimelineEntry] = []
    taken = set(index.entities)
    for entity in index.entities.values():
        for raw in entity_entries(index, entity, mentions):
            entry_id, link = raw[0], raw[5]
            if entry_id != link:
                # a derived anchor ("x-date") must not shadow a record's own anchor
                base, number = entry_id, 2
                while entry_id in taken:
                    entry_id, number = f"{base}-{number}", number + 1
            taken.add(entry_id)
            entries.append(_entry(index, (entry_id, *raw[1:]), len(entries), mentions))
    return sorted(entries, key=lambda e: e.sort_key)


def _entry(index: SiteIndex, raw: RawEntry, order: int, mentions: Mapping[str, Mention]) -> TimelineEntry:
    entry_id, date, end, kind, title, link, records, sources, *rest = raw
    records = tuple(dict.fromkeys(
        r for r in (link, *records)
        if r in index.entities and index.entities[r].collection not in NOT_INVOLVED
    ))
    return TimelineEntry(
        entry_id, date, end, kind, title, link, records, tuple(s.id for s in sources), order,
        same_day_rank(index, kind, link, mentions), rest[0] if rest else (),
    )


def patch_timeline(
    index: SiteIndex, base: list[TimelineEntry], ids: Collection[str], check_order: bool = True,
    last_mentions: Mapping[str, Mention] | None = None,
) -> list[TimelineEntry] | None:
    """`base` with the entries of the entities `ids` made again, or None when that could change
    other entries (an anchor or the number of entries changed, or, with `check_order`, the
    same-day order of another entry or the order of what is attached to an event): then build it
    whole. The entries of the events that `ids`' quotes and agreements are attached to are made
    again too.

    Valid only while every entity keeps its id, its kind and its name. When the lead article's
    mentions are `last_mentions` (those `base` was ordered by), no other entry can move.
    """
    mentions = first_mentions(index)
    check_order = check_order and mentions != last_mentions
    # an attached item's change is a change of its event's entry (the one it was attached to before too)
    ids = set(ids)
    ids |= {event for event in (event_of(index, index.entities[i]) for i in ids) if event}
    ids |= {e.link for e in base if e.attached and e.link and any(a.id in ids for a in e.attached)}
    old: dict[str, list[TimelineEntry]] = {}
    for entry in [entry for entry in base if entry.link in ids]:  # (a few: one pass in a comprehension)
        if entry.link is not None:
            old.setdefault(entry.link, []).append(entry)
    kept = [entry for entry in base if entry.link not in ids]
    for entry in kept if check_order else ():
        if entry.rank != same_day_rank(index, entry.kind, entry.link, mentions):
            return None
        if entry.attached and entry.link and attached_items(index, entry.link, mentions) != entry.attached:
            return None  # the editorial order inside an event changed
    fresh = []
    for entity_id in ids:
        before = sorted(old.get(entity_id, ()), key=lambda e: e.order)
        raws = entity_entries(index, index.entities[entity_id], mentions)
        if [raw[0] for raw in raws] != [entry.id for entry in before]:
            return None
        for raw, entry in zip(raws, before, strict=True):
            made = _entry(index, raw, entry.order, mentions)
            fresh.append(entry if made == entry else made)  # the same object compares fastest
    for entry in fresh:
        bisect.insort(kept, entry, key=lambda e: e.sort_key)
    return kept


def complete_timeline(
    index: SiteIndex, draft: list[TimelineEntry], last: list[TimelineEntry] | None = None,
    changed: Collection[str] = (),
) -> list[TimelineEntry]:
    """The timeline once Markdown is converted, from `draft`, the one built before (to lay the
    list pages out): what conversion changes is made again, the rest kept. Conversion adds the
    mentions, which articles' entries list and which order the quotes and agreements of a day
    and inside an event (`same_day_rank`, `attached_items`); nothing else of an entry reads them.
    Building the whole timeline twice was a tenth of a one-record `build.py` at 10,000 records.

    `last`: the last build's timeline, when each article not `changed` is converted as it was
    then (a cached build whose linkset is the last one's): the articles whose entries in `draft`
    are last's very objects (`patch_timeline` kept them) have their mentions already."""
    mentions = first_mentions(index)
    complete: set[str | None] = set()
    if last is not None:
        kept = {id(entry) for entry in last}
        drafted = [entry for entry in draft if entry.kind == "article"]
        complete = {e.link for e in drafted if id(e) in kept} - {e.link for e in drafted if id(e) not in kept}
        complete -= set(changed)
    redo = {e.id for e in index.by_collection("articles") if e.id not in complete}
    for entry in draft:
        if entry.link is not None and (
            entry.rank != same_day_rank(index, entry.kind, entry.link, mentions)
            or (entry.attached and attached_items(index, entry.link, mentions) != entry.attached)
        ):
            redo.add(entry.link)
    timeline = patch_timeline(index, draft, redo, check_order=False)
    return timeline if timeline is not None else build_timeline(index)


def entity_entries(index: SiteIndex, entity: Entity, mentions: Mapping[str, Mention] | None = None) -> list[RawEntry]:
    """What one entity puts on the timeline (it may read other entities' names and kinds, and
    the quotes and agreements attached to an event); `mentions` orders those."""
    # `related` says what an event or a quote is about; an agreement's or an institution's
    # related records are about the record, not about the day it was made or founded
    related = [r.id for r in getattr(entity, "related", ())]
    if isinstance(entity, Event):
        records = [r.id for r in entity.participants]
        if entity.place:
            records.append(entity.place.id)
        attached = attached_items(index, entity.id, first_mentions(index) if mentions is None else mentions)
        for item in attached:
            records += [item.id, *_involves(index.entities[item.id])]
        return [(entity.id, entity.date, entity.end, "event", entity.title, entity.id,
                 records + related, entity.sources, attached)]
    if isinstance(entity, (Agreement, Quote)) and event_of(index, entity):
        return []  # shown inside its event's entry
    if isinstance(entity, Agreement) and entity.date:
        return [(f"{entity.id}-date", entity.date, None, "agreement", entity.title + _status_words(entity.status),
                 entity.id, _involves(entity), entity.sources)]
    if isinstance(entity, Institution) and entity.founded:
        records = [entity.country.id] if entity.country else []
        return [(f"{entity.id}-founded", entity.founded, None, "founding",
                 f"{entity.name} founded", entity.id, records, entity.sources)]
    if isinstance(entity, Person):
        raws: list[RawEntry] = []
        for number, role in enumerate(entity.roles):
            org = [role.organization.id] if role.organization else []
            where = ""
            if role.organization and role.organization.id in index.entities:
                where = f", {index.entities[role.organization.id].display_name}"
            if role.start:
                raws.append((f"{entity.id}-role-{number}-start", role.start, None, "role",
                             f"{entity.name} becomes {role.title}{where}", entity.id,
                             org, entity.sources))
            if role.end:
                raws.append((f"{entity.id}-role-{number}-end", role.end, None, "role",
                             f"{entity.name} leaves the post of {role.title}{where}", entity.id,
                             org, entity.sources))
        return raws
    if isinstance(entity, Quote) and entity.date:
        sources = (entity.source, *(s for s in entity.sources if s.id != entity.source.id))
        return [(f"{entity.id}-said", entity.date, None, "quote", _quote_title(index, entity),
                 entity.id, _involves(entity) + related, sources)]
    if isinstance(entity, Document) and entity.collection == "articles" and entity.date:
        # An article's publication is on the timeline of every record it mentions.
        mentioned = [
            edge.target for edge in index.edges_from(entity.id)
            if index.entities[edge.target].collection in ARTICLE_INVOLVES
        ]
        return [(f"{entity.id}-published", entity.date, None, "article", entity.title, entity.id,
                 mentioned, entity.sources)]
    return []


def check_dates(index: SiteIndex, reporter: Reporter, entities: Iterable[Entity] | None = None) -> None:
    """Report ranges that end before they start (an event's `end`, a role's `end`), in every
    entity or just in `entities`."""
    for entity in index.entities.values() if entities is None else entities:
        if isinstance(entity, Event) and entity.end and last_day(entity.end) < entity.date.first_day():
            reporter.error(
                entity.path, entity.line_of("end"),
                f"'end' ({entity.end.iso()}) is before 'date' ({entity.date.iso()}): "
                "a range must end on or after the day it starts",
            )
        elif isinstance(entity, (Quote, Agreement)) and entity.date and event_of(index, entity):
            event = index.entities[event_of(index, entity) or ""]
            assert isinstance(event, Event)
            if entity.date.first_day() > last_day(event.end or event.date) or last_day(entity.date) < event.date.first_day():
                reporter.error(
                    entity.path, entity.line_of("date"),
                    f"this {SINGULAR[entity.collection]} is dated {entity.date.iso()}, but its event "
                    f"'{event.id}' is dated {range_label(event.date, event.end)}: what is shown inside "
                    "an event must fall within its dates",
                )
        elif isinstance(entity, Person):
            for role in entity.roles:
                if role.start and role.end and last_day(role.end) < role.start.first_day():
                    reporter.error(
                        entity.path, role.line,
                        f"the role '{role.title}' ends ({role.end.iso()}) before it starts "
                        f"({role.start.iso()})",
                    )
