"""What each page shows, as plain data for the templates (which hold markup, not logic).

Pure functions from the index, the converted Markdown and the timeline to view dataclasses, in
the site's language (`index.config.language`): labels from the catalogs, dates from CLDR.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from explainer.content.kinds import SINGULAR, TITLES
from explainer.content.model import (
    Agreement,
    Document,
    Entity,
    Event,
    GlossaryTerm,
    Institution,
    Person,
    Place,
    Quote,
    Source,
    shown_aliases,
)
from explainer.core.dates import range_label
from explainer.core.i18n import N_, translations_for
from explainer.markup.convert import ConvertedText
from explainer.markup.renderer import first_sentence
from explainer.markup.text import html_text
from explainer.markup.trie import NameTrie
from explainer.site.index import SiteIndex, fold
from explainer.site.order import editorial_key, first_mentions, sort_name
from explainer.site.paging import record_timeline_length
from explainer.site.sourcetext import SourceLibrary
from explainer.site.timeline import KIND_LABELS, TimelineEntry
from explainer.views.provenance import add_provenance, entry_cites, quote_mark
from explainer.views.record_sections import (
    SECTIONS,
    TIMELINE_SHOWN_ELSEWHERE,
    SectionIds,
    connection_groups,
    quotes_said,
    section_ids,
    story_mentions,
    without_quotes,
)
from explainer.views.timeline_items import attached_views, is_quote, spoke_title
from explainer.views.viewtypes import (  # noqa: F401 - the view types stay importable from here
    Backlink,
    CiteMark,
    InfoRow,
    InfoValue,
    LinkView,
    QuoteView,
    RecordPage,
    TimelineItem,
)

COLLECTION_TITLES = TITLES
T = TypeVar("T")


class ViewBuilder:
    def __init__(
        self, index: SiteIndex, converted: ConvertedText, timeline: list[TimelineEntry],
        previous: ViewBuilder | None = None,
    ):
        self.index = index
        self.converted = converted
        self.timeline = timeline
        self.lang = index.config.language
        translations = translations_for(self.lang)
        self.gettext, self.ngettext = translations.gettext, translations.ngettext
        # Source documents, split when a page first shows or cites one (`provenance`), and the
        # trie of the site's names, which marks mentions in them (the build sets it).
        self.sources: SourceLibrary = SourceLibrary(
            index.content.source_texts, previous.sources if previous is not None else None,
        )
        self.names: NameTrie | None = None
        self._summaries: dict[str, str] = {}
        # Views that many pages show are built once per build, with the keys they read, which
        # are noted again on every page that shows them.
        self._links: dict[str, LinkView] = {}
        self._timeline_items: dict[str, tuple[TimelineItem, frozenset[tuple[str, ...]]]] = {}
        self._section_ids: dict[str, tuple[SectionIds, frozenset[tuple[str, ...]]]] = {}
        # While a page renders, the keys of everything it reads (see `incremental`).
        self.reads: set[tuple[str, ...]] | None = None
        # Built once so that no page has to scan every record; taken over from the last build's
        # views (`previous`) when the entries or quotes are the very same objects.
        if previous is not None and _same_objects(previous.timeline, timeline):
            self._timeline_by_record: dict[str, list[TimelineEntry]] = previous._timeline_by_record
        else:
            self._timeline_by_record = defaultdict(list)
            for entry in timeline:
                for entity_id in dict.fromkeys((entry.link, *entry.records)):
                    if entity_id:
                        self._timeline_by_record[entity_id].append(entry)
        # Where the lead article first mentions each record and quote (`explainer.site.order`).
        self.mentions = first_mentions(index)
        quotes = [quote for quote in index.records("quotes") if isinstance(quote, Quote)]
        quotes.sort(key=lambda q: editorial_key(q, self.mentions))
        self._quotes = quotes
        if previous is not None and _same_objects(previous._quotes, quotes):
            self._quotes_by_record: dict[str, list[Quote]] = previous._quotes_by_record
        else:
            self._quotes_by_record = defaultdict(list)
            for quote in quotes:
                involved = [quote.speaker.id, *(r.id for r in quote.related), quote.source.id]
                if quote.reported_by:
                    involved.append(quote.reported_by.id)
                for entity_id in dict.fromkeys(involved):
                    self._quotes_by_record[entity_id].append(quote)

    # small pieces ---------------------------------------------------------------------------
    def read(self, *key: str) -> None:
        """Note that the page being rendered depends on `key` (see `incremental.KEYS`)."""
        if self.reads is not None:
            self.reads.add(key)

    def read_all(self, keys) -> None:
        if self.reads is not None:
            self.reads.update(keys)

    @contextmanager
    def tracking(self) -> Iterator[set[tuple[str, ...]]]:
        """The keys read inside the block, as a set (also noted for the page, if one renders)."""
        outer, self.reads = self.reads, set()
        inner = self.reads
        try:
            yield inner
        finally:
            self.reads = outer
            if outer is not None:
                outer |= inner

    def html(self, entity_id: str, field_name: str) -> str:
        """The converted Markdown of one field (every read of an entity's text goes through here)."""
        self.read("entity", entity_id)
        return self.converted.get(entity_id, field_name)

    def terms_html(self, entity_id: str) -> list[str]:
        self.read("entity", entity_id)
        return self.converted.terms.get(entity_id, [])

    def link(self, entity_id: str) -> LinkView:
        if self.reads is not None:
            self.reads.add(("name", entity_id))
        view = self._links.get(entity_id)
        if view is None:
            entity = self.index.entities[entity_id]
            view = LinkView(self.index.url_for(entity_id), entity.display_name, entity.collection, entity_id)
            self._links[entity_id] = view
        return view

    def links(self, refs) -> tuple[LinkView, ...]:
        return tuple(self.link(r.id) for r in refs if r.id in self.index.entities)

    def plain_summary(self, entity: Entity) -> str:
        """A one-line plain-text description for metadata and previews."""
        self.read("entity", entity.id)
        cached = self._summaries.get(entity.id)
        if cached is not None:
            return cached
        if isinstance(entity, Document):
            text = entity.dek or html_text(self.html(entity.id, "body"))[:200]
        else:
            text = html_text(self.html(entity.id, "summary") or self.html(entity.id, "definition"))
        first = first_sentence(text)
        summary = first if first.endswith((".", "!", "?", "”", "’")) or not first else first + "."
        self._summaries[entity.id] = summary
        return summary

    def quote_view(self, quote: Quote) -> QuoteView:
        self.read("entity", quote.id)
        def maybe(ref):
            return self.link(ref.id) if ref and ref.id in self.index.entities else None

        return QuoteView(
            quote.id, quote.text, maybe(quote.speaker), maybe(quote.reported_by),
            maybe(quote.source), quote.date.label(self.lang) if quote.date else "",
            self.html(quote.id, "context"), quote_mark(self, quote), *self._quote_language(quote),
            context_lang=quote.fallback or "",
        )

    def _quote_language(self, quote: Quote) -> tuple[str, str]:
        """The language of a quote's words and their translation, in an edition in another
        language; ("", "") in the default language's."""
        config = self.index.config
        if not config.languages or config.language == config.languages[0]:
            return "", ""
        return config.languages[0], quote.translation.get(config.language, "")

    def _remembered(self, made: dict[str, tuple[T, frozenset[tuple[str, ...]]]], key: str, make: Callable[[], T]) -> T:
        """`make()`, made once per build and kept in `made` under `key` with the keys it read,
        which are noted again on every page that uses it."""
        cached = made.get(key)
        if cached is None:
            with self.tracking() as reads:
                value = make()
            made[key] = (value, frozenset(reads))
            return value
        value, known = cached
        self.read_all(known)
        return value

    def timeline_item(self, entry: TimelineEntry) -> TimelineItem:
        return self._remembered(self._timeline_items, entry.id, lambda: self._timeline_item(entry))

    def section_ids(self, entity: Entity) -> SectionIds:
        """What each section of `entity`'s page lists (`record_sections.section_ids`): the list
        pages of its long sections and its own page both ask."""
        return self._remembered(self._section_ids, entity.id, lambda: section_ids(self, entity))

    def _timeline_item(self, entry: TimelineEntry) -> TimelineItem:
        link = self.link(entry.link) if entry.link in self.index.entities else None
        attached = attached_views(self.index, self.link, entry)
        inside = {a.id for a in entry.attached}
        return TimelineItem(
            entry.id, range_label(entry.date, entry.end, self.lang), entry.date.iso(), entry.kind, entry.title, link,
            tuple(self.link(r) for r in entry.records if r != entry.link and r not in inside and not is_quote(self.index, r)),
            tuple(self.link(s) for s in entry.sources if s in self.index.entities),
            kind_label=self.gettext(KIND_LABELS[entry.kind]),
            record_ids=entry.records,
            summary_html=self.html(entry.link, "summary") if entry.kind == "event" and entry.link else "",
            on_timeline=(
                link is not None and entry.link is not None
                and self.index.link_path(entry.link) == self.index.entry_path(entry.id)
            ),
            cites=entry_cites(self, entry.link, entry.kind),
            agreements=attached[0], quotes=attached[1], speakers=attached[2],
            short_title=spoke_title(self.index, self.link, entry, self.gettext),
            original_lang=self._fallback_of(entry.link),
        )

    def _fallback_of(self, entity_id: str | None) -> str:
        """The language an entity's text is shown in when it has no translation into this
        edition's; "" when it has one (or in the default language's edition)."""
        entity = self.index.entities.get(entity_id) if entity_id else None
        return (entity.fallback or "") if entity is not None else ""

    # sections -------------------------------------------------------------------------------
    def infobox(self, entity: Entity) -> list[InfoRow]:
        rows: list[InfoRow] = []
        _, lang = self.gettext, self.lang

        def row(field: str, *values: InfoValue, label: str = "") -> None:
            values = tuple(v for v in values if v.text or v.link or v.html or v.badge)
            if values:
                rows.append(InfoRow(label or _(field), values, field=field))

        def ref_value(ref) -> InfoValue:
            return InfoValue(link=self.link(ref.id)) if ref and ref.id in self.index.entities else InfoValue()

        if isinstance(entity, Person):
            for role in entity.roles:
                dates = ""
                if role.start and role.end:
                    dates = f" ({range_label(role.start, role.end, lang)})"
                elif role.start:
                    dates = " (" + _("since %(date)s") % {"date": role.start.label(lang)} + ")"
                elif role.end:
                    dates = " (" + _("until %(date)s") % {"date": role.end.label(lang)} + ")"
                org = ref_value(role.organization)
                row(N_("Role"), InfoValue(text=role.title + dates), org)
            row(N_("Country"), ref_value(entity.country))
            for link in entity.links:
                row(N_("Link"), InfoValue(link=LinkView(link.url, link.title), external=True))
        elif isinstance(entity, Institution):
            row(N_("Short name"), InfoValue(text=entity.short_name or ""))
            row(N_("Kind"), InfoValue(text=entity.kind or ""))
            row(N_("Country"), ref_value(entity.country))
            row(N_("Part of"), ref_value(entity.parent))
            row(N_("Founded"), InfoValue(text=entity.founded.label(lang) if entity.founded else ""))
            for fact in entity.facts:
                row(fact.label, InfoValue(text=fact.value), label=fact.label)
        elif isinstance(entity, Agreement):
            row(N_("Status"), InfoValue(badge=entity.status or ""))
            row(N_("Kind"), InfoValue(text=entity.kind or ""))
            row(N_("Date"), InfoValue(text=entity.date.label(lang) if entity.date else ""))
            row(N_("Parties"), *(InfoValue(link=v) for v in self.links(entity.parties)))
            row(N_("Signatories"), *(InfoValue(link=v) for v in self.links(entity.signatories)))
        elif isinstance(entity, Place):
            row(N_("Kind"), InfoValue(text=entity.kind or ""))
            row(N_("Within"), ref_value(entity.within))
        elif isinstance(entity, Source):
            row(N_("Publisher"), InfoValue(text=entity.publisher or ""))
            row(N_("Date"), InfoValue(text=entity.date.label(lang) if entity.date else ""))
            if entity.url:
                row(N_("Address"), InfoValue(link=LinkView(entity.url, entity.url), external=True))
            row(N_("Text on file"), InfoValue(text=entity.file or ""))
        elif isinstance(entity, GlossaryTerm):
            row(N_("Abbreviation"), InfoValue(text=entity.abbreviation or ""))
        elif isinstance(entity, Event):
            row(N_("Date"), InfoValue(text=self.timeline_label(entity)))
        if also := shown_aliases(entity):
            aliases = InfoValue(text=", ".join(also))
            rows.append(InfoRow(_("Also called"), (aliases,), names=True, field="Also called"))
        return rows

    def timeline_label(self, event: Event) -> str:
        return range_label(event.date, event.end, self.lang)

    def timeline_of(self, entity_id: str) -> list[TimelineEntry]:
        """The timeline entries that involve an entity, in timeline order."""
        self.read("timeline-of", entity_id)
        return self._timeline_by_record.get(entity_id, [])

    def quotes_for(self, entity_id: str) -> list[QuoteView]:
        """Quotes said, reported or sourced by the entity, or related to it, in editorial order."""
        self.read("quotes-of", entity_id)
        self.read(*QUOTE_ORDER)
        return [self.quote_view(q) for q in self._quotes_by_record.get(entity_id, [])]

    def quotes_in_order(self) -> list[Quote]:
        """Every quote, in editorial order (what `QUOTE_ORDER`'s value is)."""
        return list(self._quotes)

    def quotes_of(self, entity_id: str) -> list[Quote]:
        """The quote records said, reported or sourced by the entity, or related to it."""
        self.read("quotes-of", entity_id)
        self.read(*QUOTE_ORDER)
        return list(self._quotes_by_record.get(entity_id, []))

    # pages ----------------------------------------------------------------------------------
    def record_page(self, entity: Entity) -> RecordPage:
        self.read("entity", entity.id)
        ids = self.section_ids(entity)
        # The timeline of its page leaves out what other sections show (the full timeline keeps it).
        every_entry = self.timeline_of(entity.id)
        entries = [e for e in every_entry if e.kind not in TIMELINE_SHOWN_ELSEWHERE]
        sources = self.links(getattr(entity, "sources", ()))
        html = self.html(entity.id, "summary")
        if isinstance(entity, GlossaryTerm):
            html = self.html(entity.id, "definition") + html
        page = RecordPage(
            entity=entity,
            kind_label=self.gettext(SINGULAR[entity.collection]),
            collection_title=self.gettext(COLLECTION_TITLES[entity.collection]),
            title=entity.display_name,
            summary_html=html,
            description=self.plain_summary(entity),
            infobox=self.infobox(entity),
            quotes=quotes_said(self, ids.shown("what-they-said")),
            timeline=[
                without_quotes(self.timeline_item(e)) for e in entries[-record_timeline_length(self.index.config.page_size):]
            ],
            timeline_total=len(entries),
            timeline_all=len(every_entry),
            in_story=story_mentions(self, entity.id, ids.shown("in-the-story")),
            connected=connection_groups(self, entity.id, ids.shown("connected-to")),
            sources=list(sources),
            body_html=self.html(entity.id, "body"),
            terms_html=self.terms_html(entity.id),
            section_totals={name: len(ids.of(name)) for name in SECTIONS},
        )
        add_provenance(self, entity, page)
        return page

    def collection_items(self, collection: str) -> list[tuple[LinkView, str, str]]:
        """(link, summary HTML, badge) for each record of a collection, in the order of its index."""
        self.read("collection", collection)
        self.read(*order_key(collection))
        items = []
        for entity in index_order(self.index.by_collection(collection), self.mentions):
            badge = getattr(entity, "status", "") or ""
            items.append((self.link(entity.id), self.html(entity.id, "summary"), badge))
        return items


def order_key(collection: str) -> tuple[str, str]:
    """The key of a collection's index order (its value: the ids in that order)."""
    return ("collection", "order:" + collection)


QUOTE_ORDER = order_key("quotes")
EDITORIAL = ("agreements", "quotes")  # collections whose index is in editorial order


def index_order(entities, mentions) -> list:
    """A collection's records as its index lists them: agreements (and quotes) in editorial order,
    people by `sort_name`, the rest by name."""
    entities = list(entities)
    if entities and entities[0].collection in EDITORIAL:
        return sorted(entities, key=lambda e: editorial_key(e, mentions))
    return sorted(entities, key=lambda e: (fold(sort_name(e)), e.id))


def _same_objects(old: list, new: list) -> bool:
    return len(old) == len(new) and all(map(operator.is_, old, new))
