"""A record page's sections, each saying one thing once: what goes in "In the story", "What they
said" and "Connected to", and the pages that list the rest of a section too long for the record's
page.

- **In the story**: the articles and pages linked to the record (nearly always because they
  mention it), each with the sentence that mentions it.
- **What they said**: the quotes the record is the speaker of, as cards.
- **Connected to**: every other record linked to it, in either direction and by any field, merged
  into one entry per record, grouped by kind, with a plain word for the relation where one helps
  ("party to", "took part in"; `site.index.PLAIN_RELATIONS`). Left out, because another section
  shows them: the record's own sources (its "Sources" section), the quotes it said ("What they
  said"), and on a source's page the quotes taken from it ("What relies on this source").

Each section shows at most `paging.RECORD_SECTION` entries (quotes: `paging.RECORD_QUOTES`); the
rest are on pages of their own (`urls.record_section`), `page_size` entries a page, so no record
page grows with the site. `section_ids` decides what each section holds, from ids alone, so that
the renderer can tell which records need those pages without building any view.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Protocol

from explainer.content.kinds import DOCUMENT_COLLECTIONS, TITLES
from explainer.content.model import Entity, Quote, citations
from explainer.core.i18n import N_
from explainer.site.index import ORDER, PLAIN_RELATIONS, SiteIndex
from explainer.site.paging import RECORD_QUOTES, RECORD_SECTION
from explainer.views.viewtypes import (
    Connection,
    ConnectionGroup,
    LinkView,
    QuoteView,
    StoryMention,
    TimelineItem,
)

# The sections that can run onto pages of their own, by the name in their address
# (`people/x/in-the-story/`), with their headings in English (the templates hold the same words;
# views translate them, `N_`).
SECTIONS = {"in-the-story": N_("In the story"), "what-they-said": N_("What they said"), "connected-to": N_("Connected to")}
# Timeline entries a record's page leaves out of its "Timeline": a quote's words are in "What
# they said" or linked under "Connected to", an article is in "In the story".
TIMELINE_SHOWN_ELSEWHERE = ("quote", "article")
# How many entries of each section a record's own page shows.
SECTION_SHOWN = {"in-the-story": RECORD_SECTION, "what-they-said": RECORD_QUOTES, "connected-to": RECORD_SECTION}
# Fields whose links another section shows (see the module's docstring): (field, incoming).
SHOWN_ELSEWHERE = frozenset({("sources", False), ("speaker", True), ("source", True)})


class Views(Protocol):
    """What this module needs of `builder.ViewBuilder`."""

    index: SiteIndex

    def gettext(self, message: str) -> str: ...
    def read(self, *key: str) -> None: ...
    def link(self, entity_id: str) -> LinkView: ...
    def quotes_of(self, entity_id: str) -> list[Quote]: ...
    def quote_view(self, quote: Quote) -> QuoteView: ...


@dataclass(frozen=True)
class SectionIds:
    """The ids each section lists, in order, for one record."""

    story: tuple[str, ...]
    said: tuple[str, ...]
    connected: tuple[str, ...]

    def of(self, section: str) -> tuple[str, ...]:
        return {"in-the-story": self.story, "what-they-said": self.said, "connected-to": self.connected}[section]

    def shown(self, section: str) -> tuple[str, ...]:
        """The entries of a section that the record's own page shows."""
        return self.of(section)[:SECTION_SHOWN[section]]

    def overflowing(self) -> tuple[str, ...]:
        """The sections with more entries than the record's page shows."""
        return tuple(name for name in SECTIONS if len(self.of(name)) > SECTION_SHOWN[name])


def section_ids(views: Views, entity: Entity) -> SectionIds:
    """What each section of `entity`'s page lists (every entry, not only those its page shows)."""
    index = views.index
    views.read("edges-from", entity.id)
    views.read("edges-to", entity.id)
    said = tuple(q.id for q in views.quotes_of(entity.id) if q.speaker.id == entity.id)
    elsewhere = set(said) | {ref.id for ref in getattr(entity, "sources", ())} | {
        c.source.id for c in citations(entity)
    }
    fields: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for incoming, edges in ((False, index.edges_from(entity.id)), (True, index.edges_to(entity.id))):
        for edge in edges:
            other = edge.source if incoming else edge.target
            if other == entity.id or other not in index.entities or (edge.field, incoming) in SHOWN_ELSEWHERE:
                continue
            if (edge.field, incoming) not in fields[other]:
                fields[other].append((edge.field, incoming))
    story: list[str] = []
    connected: list[str] = []
    # By kind, then id: an order that a record's name does not change, so that a page need not
    # read the name of every record it does not show (see `incremental`).
    for other in sorted(fields, key=lambda i: (ORDER[index.entities[i].collection], i)):
        if index.entities[other].collection in DOCUMENT_COLLECTIONS:
            story.append(other)
        elif other not in elsewhere:
            connected.append(other)
    return SectionIds(tuple(story), said, tuple(connected))


def may_overflow(views: Views, entity: Entity) -> bool:
    """Whether a section of `entity`'s page may list more than the page shows: a bound on
    `section_ids` that sorts nothing (each section lists each other record it is linked with at
    most once, and each quote once), so that only the records with many links are looked at
    closely."""
    index = views.index
    shown = min(SECTION_SHOWN["in-the-story"], SECTION_SHOWN["connected-to"])
    outgoing, incoming = index.edges_from(entity.id), index.edges_to(entity.id)
    if len(views.quotes_of(entity.id)) > SECTION_SHOWN["what-they-said"]:
        return True
    if len(outgoing) + len(incoming) <= shown:
        return False
    return len({edge.target for edge in outgoing} | {edge.source for edge in incoming}) > shown


def without_quotes(item: TimelineItem) -> TimelineItem:
    """A timeline entry as a record's page shows it: without the quotes among the records involved
    (their words are in "What they said" or under "Connected to")."""
    records = tuple(r for r in item.records if r.collection != "quotes")
    return item if len(records) == len(item.records) else replace(item, records=records)


def relation_words(views: Views, entity_id: str, others: set[str]) -> dict[str, str]:
    """The plain words for how each of `others` is linked to `entity_id`: "party to, took part in"
    (one pass over the record's links, however many it has)."""
    index = views.index
    found: dict[str, list[str]] = defaultdict(list)
    for edge in index.edges_from(entity_id):
        if edge.target in others:
            found[edge.target].append(PLAIN_RELATIONS[edge.field][0])
    for edge in index.edges_to(entity_id):
        if edge.source in others:
            found[edge.source].append(PLAIN_RELATIONS[edge.field][1])
    _ = views.gettext
    return {other: ", ".join(_(word) for word in dict.fromkeys(words) if word) for other, words in found.items()}


def story_mentions(views: Views, entity_id: str, ids: tuple[str, ...]) -> list[StoryMention]:
    """The articles and pages `ids`, each with the first sentence of it that mentions the record."""
    contexts: dict[str, str] = {}
    for edge in views.index.edges_to(entity_id):
        if edge.context and edge.source not in contexts:
            contexts[edge.source] = edge.context
    return [StoryMention(views.link(i), contexts.get(i, "")) for i in ids]


def connection_groups(views: Views, entity_id: str, ids: tuple[str, ...]) -> list[ConnectionGroup]:
    """The records `ids`, grouped by kind in the site's order of kinds, with their relations."""
    groups: dict[str, list[Connection]] = defaultdict(list)
    words = relation_words(views, entity_id, set(ids))
    for other in ids:
        link = views.link(other)
        groups[link.collection].append(Connection(link, words.get(other, "")))
    return [
        ConnectionGroup(views.gettext(TITLES[collection]), tuple(items))
        for collection, items in sorted(groups.items(), key=lambda kv: ORDER[kv[0]])
    ]


def quotes_said(views: Views, ids: tuple[str, ...]) -> list[QuoteView]:
    quotes = (views.index.entities[i] for i in ids)
    return [views.quote_view(quote) for quote in quotes if isinstance(quote, Quote)]
