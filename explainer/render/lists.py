"""The pages of long lists: the timeline (whole, or its overview and period pages), collection
indexes and the glossary (whole, or split by letter), the quotes, and records' own timelines.

`ListPages` is part of `explainer.render.renderer.Renderer`. Which entry goes on which page is
`explainer.site.paging`'s decision; here each page is rendered, its job made (`list_jobs`), and
what it shows is summed up as a key for incremental builds (`list_keys`: one page of a split list
reads `("collection", "list:<folder>")`, so that an edit renders again only the pages it moves).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from explainer.content.kinds import BY_NAME, COLLECTIONS
from explainer.content.model import Entity, GlossaryTerm, Quote
from explainer.render import reuse
from explainer.site import urls
from explainer.site.index import SiteIndex
from explainer.site.order import editorial_key, sort_name
from explainer.site.paging import (
    LetterLayout,
    ListPage,
    Period,
    TimelineLayout,
    glossary_layout,
    letter_layout,
    paginate,
    record_timeline_length,
)
from explainer.site.timeline import TimelineEntry
from explainer.views.builder import COLLECTION_TITLES, QUOTE_ORDER, ViewBuilder, index_order, order_key
from explainer.views.glossary import Glossary, LetterGroup, letter_id
from explainer.views.lists import letter_links, page_title, pagination
from explainer.views.record_sections import (
    SECTION_SHOWN,
    SECTIONS,
    connection_groups,
    quotes_said,
    story_mentions,
)
from explainer.views.timeline import build_timeline_page, period_nav, timeline_overview

LIST_INDEXES = tuple(name for name in COLLECTIONS if BY_NAME[name].listed)
SPLIT_KEY = ("collection", "list:timeline-split")  # whether the timeline is split into periods


def list_key(folder: str) -> tuple[str, str]:
    return ("collection", "list:" + folder)


@dataclass(frozen=True)
class ListJob:
    """What one page of a split list shows: the list's `kind`, its `name` (a collection, a
    record's id, a period's folder) and the page."""

    kind: str  # "timeline", "collection", "glossary", "quotes", "record_timeline" or "record_section"
    name: str  # for "record_section": "<record id>/<section>"
    page: ListPage


class ListPages:
    """The list pages of a `Renderer` (which provides the attributes below)."""

    index: SiteIndex
    views: ViewBuilder
    timeline: list[TimelineEntry]
    glossary: Glossary
    glossary_reads: frozenset[tuple[str, ...]]
    previous: reuse.Previous | None  # the last build's layouts, on the preview's fast path (`reuse`)
    layouts: reuse.Layouts  # this build's, for the next

    def page(self, path: str, template: str, **context: Any) -> Any:
        raise NotImplementedError  # Renderer.page

    # layouts ---------------------------------------------------------------------------------
    @functools.cached_property
    def timeline_layout(self) -> TimelineLayout:
        config = self.index.config
        return reuse.reuse_timeline(self.previous, self.layouts, self.timeline, config.page_size, config.language)

    @functools.cached_property
    def _entries(self) -> dict[str, TimelineEntry]:
        return {entry.id: entry for entry in self.timeline}

    @functools.cached_property
    def _periods(self) -> dict[str, Period]:
        return {page.folder: period for period in self.timeline_layout.periods() for page in period.pages}

    def collection_layout(self, collection: str) -> LetterLayout:
        return self._collection_layouts[collection]

    @functools.cached_property
    def _collection_layouts(self) -> dict[str, LetterLayout]:
        layouts = {}
        size, lang = self.index.config.page_size, self.index.config.language
        for collection in LIST_INDEXES:
            records, folder = self.index.by_collection(collection), urls.collection_folder(collection)
            layouts[collection] = reuse.reuse_letters(  # the lead article's mentions order an editorial index
                self.previous, self.layouts, folder, records, (self.views.mentions, size, lang),
                lambda e: (sort_name(e), editorial_key(e, self.views.mentions)), functools.partial(self._index_items, records),
                functools.partial(lambda folder, items: letter_layout(folder, items, size, [i for i, _ in items], lang), folder),
            )
        return layouts

    def _index_items(self, records: list[Entity]) -> list[tuple[str, str]]:
        return [(e.id, sort_name(e)) for e in index_order(records, self.views.mentions)]

    @functools.cached_property
    def glossary_layout(self) -> LetterLayout:
        config, terms = self.index.config, self.index.by_collection("glossary")
        return reuse.reuse_letters(
            self.previous, self.layouts, urls.GLOSSARY, terms, (config.page_size, config.language),
            lambda t: getattr(t, "term", None), lambda: [(t.id, t.term) for t in terms if isinstance(t, GlossaryTerm)],
            lambda _: glossary_layout(self.index),
        )

    @functools.cached_property
    def quote_pages(self) -> tuple[ListPage, ...]:
        """The quotes in editorial order (`site.paging.quote_layout`'s, as the views sort them)."""
        return paginate(urls.QUOTES, [quote.id for quote in self.views.quotes_in_order()], self.index.config.page_size)

    @functools.cached_property
    def _record_timelines(self) -> dict[str, tuple[ListPage, ...]]:
        """The pages of the records whose whole timeline has pages of its own."""
        if not self.timeline_layout.split:
            return {}
        return reuse.reuse_record_timelines(
            self.previous, self.layouts, self.timeline, (self.index.config.page_size,), self._all_record_timelines,
        )

    def _all_record_timelines(self) -> dict[str, tuple[ListPage, ...]]:
        shown, size = record_timeline_length(self.index.config.page_size), self.index.config.page_size
        result = {}
        outer, self.views.reads = self.views.reads, None  # which pages there are is not a page's read
        try:
            for entity in self.index.entities.values():
                entries = self.views.timeline_of(entity.id)
                if self.index.page_path(entity.id) is not None and len(entries) > shown:
                    start = urls.record_timeline(entity.collection, entity.id)
                    result[entity.id] = paginate(start, [e.id for e in entries], size)
        finally:
            self.views.reads = outer
        return result

    @functools.cached_property
    def _record_sections(self) -> dict[str, tuple[ListPage, ...]]:
        """The pages of each section too long for its record's page, by "<record id>/<section>"."""
        outer, self.views.reads = self.views.reads, None  # which pages there are is not a page's read
        try:
            sections = reuse.reuse_sections(
                self.previous, self.layouts, self.views, lambda entity_id: self.index.page_path(entity_id) is not None,
            )
        finally:
            self.views.reads = outer
        return {f"{entity_id}/{name}": pages for entity_id, (found, _) in sections.items() for name, pages in found}

    def section_more(self, entity: Entity, totals: dict[str, int]) -> dict[str, tuple[str, int] | None]:
        """Under each bounded section of a record's page, the link to the pages that list all of
        it and how many entries it leads to that the record's page does not show (or None)."""
        more: dict[str, tuple[str, int] | None] = {}
        for section in SECTIONS:
            pages = self._record_sections.get(f"{entity.id}/{section}")
            hidden = totals.get(section, 0) - SECTION_SHOWN[section]
            more[section] = (self.index.url(pages[0].folder), hidden) if pages and hidden > 0 else None
        return more

    @functools.cached_property
    def _list_jobs(self) -> dict[str, ListJob]:
        """Every page of a split list but the first of each list (the existing page kinds)."""
        jobs: dict[str, ListJob] = {}
        layout = self.timeline_layout
        for period in layout.periods():
            for page in period.pages:
                jobs[page.folder] = ListJob("timeline", period.folder, page)
        for collection in LIST_INDEXES:
            for page in self.collection_layout(collection).all_pages()[1:]:
                jobs[page.folder] = ListJob("collection", collection, page)
        for page in self.glossary_layout.all_pages()[1:]:
            jobs[page.folder] = ListJob("glossary", "", page)
        for page in self.quote_pages[1:]:
            jobs[page.folder] = ListJob("quotes", "", page)
        for entity_id, pages in self._record_timelines.items():
            for page in pages:
                jobs[page.folder] = ListJob("record_timeline", entity_id, page)
        for name, pages in self._record_sections.items():
            for page in pages:
                jobs[page.folder] = ListJob("record_section", name, page)
        return jobs

    def list_jobs(self) -> list[str]:
        """The folders of the list pages that follow a list's first page, in a stable order."""
        return list(self._list_jobs)

    def list_keys(self) -> dict[str, object]:
        """What each page of a split list shows, by its key's name (see `incremental`)."""
        layouts = (
            self.timeline_layout, *(self.collection_layout(c) for c in LIST_INDEXES), self.glossary_layout, self.quote_pages,
        )
        return reuse.reuse_list_keys(self.previous, self.layouts, self.timeline, layouts, self._list_keys)

    def list_key_digests(self, digest: Callable[[object], str]) -> dict[str, str]:
        """`list_keys`, each value digested by `digest` (the last build's digests when it has them)."""
        return reuse.reuse_key_digests(self.previous, self.layouts, self.list_keys(), digest)

    def _list_keys(self) -> dict[str, object]:
        keys: dict[str, object] = {SPLIT_KEY[1]: self.timeline_layout.split}
        for collection in LIST_INDEXES:  # the order of each index (`ViewBuilder.collection_items`)
            keys[order_key(collection)[1]] = self.collection_layout(collection).ids()
        keys[QUOTE_ORDER[1]] = tuple(quote.id for quote in self.views.quotes_in_order())
        layout = self.timeline_layout
        entries = self._entries
        for period in layout.periods():
            for page in period.pages:
                nav = period_nav(self.index, layout, period, page)
                keys[list_key(page.folder)[1]] = (tuple(entries[i] for i in page.ids), period.count, nav.key())
        for collection in LIST_INDEXES:
            self._letter_keys(keys, self.collection_layout(collection))
        self._letter_keys(keys, self.glossary_layout)
        for page in self.quote_pages:
            keys[list_key(page.folder)[1]] = (page.ids, len(self.quote_pages))
        return keys

    @staticmethod
    def _letter_keys(keys: dict[str, object], layout: LetterLayout) -> None:
        shape = layout.key()
        for letter in (None, *layout.letters):
            for page in layout.pages if letter is None else letter.pages:
                keys[list_key(page.folder)[1]] = (page.ids, shape, len(letter.pages) if letter else 1)

    def timeline_more(self, entity: Entity, shown: int, total: int) -> tuple[str, str] | None:
        """The link under a record's timeline to the rest of it: (href, text), or None."""
        if not total:
            return None
        self.views.read(*SPLIT_KEY)
        ngettext = self.views.ngettext
        if not self.timeline_layout.split:
            text = self.views.gettext("See this on the full timeline") if total <= shown else ngettext(
                "See all %(num)d entry on the full timeline", "See all %(num)d entries on the full timeline", total,
            ) % {"num": total}
            return (self.index.url(urls.TIMELINE) + "?record=" + entity.id, text)
        if total <= shown or entity.id not in self._record_timelines:
            return None
        text = ngettext("See all %(num)d entry", "See all %(num)d entries", total) % {"num": total}
        return (self.index.url(urls.record_timeline(entity.collection, entity.id)), text)

    # pages ------------------------------------------------------------------------------------
    def list_page(self, folder: str):
        job = self._list_jobs[folder]
        return getattr(self, "_" + job.kind + "_page")(job)

    def timeline_page(self):
        layout, _ = self.timeline_layout, self.views.gettext
        self.views.read("timeline")
        description = _("What happened when: %(site)s") % {"site": self.index.config.title}
        if layout.split:
            return self.page(
                urls.page_file(urls.TIMELINE), "timeline.html", title=_("Timeline"), description=description,
                overview=timeline_overview(self.index, layout), timeline=None, period_nav=None, section="timeline",
                period=None, year_data="",
            )
        return self.page(
            urls.page_file(urls.TIMELINE), "timeline.html", title=_("Timeline"), description=description,
            timeline=build_timeline_page(self.views, self.timeline), overview=None, period_nav=None,
            period=None, year_data="",
            section="timeline", searchable=True,
            listing=("events", [e.id for e in self.timeline if e.kind == "event" and e.link == e.id]),
        )

    def _timeline_page(self, job: ListJob):
        self.views.read(*list_key(job.page.folder))
        period = self._periods[job.page.folder]
        entries = [self._entries[i] for i in job.page.ids]
        _, lang = self.views.gettext, self.views.lang
        title = page_title(_("Timeline: %(period)s") % {"period": period.label}, job.page, lang)
        return self.page(
            urls.page_file(job.page.folder), "timeline.html", title=title,
            description=_("What happened in %(period)s: %(site)s") % {"period": period.label, "site": self.index.config.title},
            timeline=build_timeline_page(self.views, entries, split=True, period=period) if entries else None,
            overview=None,
            period_nav=period_nav(self.index, self.timeline_layout, period, job.page), period=period,
            year_data=urls.timeline_year_file(period.year, "json"), section="timeline", searchable=bool(entries),
            listing=("events", [e.id for e in entries if e.kind == "event" and e.link == e.id]),
        )

    def collection_index(self, collection: str):
        layout = self.collection_layout(collection)
        return self._collection_page(ListJob("collection", collection, layout.pages[0]))

    def _collection_page(self, job: ListJob):
        collection, page = job.name, job.page
        layout, _ = self.collection_layout(collection), self.views.gettext
        title = _(COLLECTION_TITLES[collection])
        letter = next((x for x in layout.letters if page in x.pages), None)
        if layout.split:
            self.views.read(*list_key(page.folder))
        else:
            self.views.read("collection", collection)
            self.views.read(*order_key(collection))
        shown = _("%(heading)s: %(letter)s") % {"heading": title, "letter": letter.letter} if letter else title
        return self.page(
            urls.page_file(page.folder), "collection.html", title=page_title(shown, page, self.views.lang),
            heading=title, description=_("%(collection)s in %(site)s") % {"collection": title, "site": self.index.config.title},
            collection=collection,
            items=[self._collection_item(i) for i in page.ids], section=collection,
            count=layout.count, letter=letter.letter if letter else "",
            letters=letter_links(self.index, layout, letter.folder if letter else ""),
            pages=pagination(self.index, letter.pages, page, _("Pages of %(letter)s") % {"letter": letter.letter}) if letter else None,
            listing=("collection", []),
        )

    def _collection_item(self, entity_id: str) -> tuple:
        """(link, summary HTML, badge) of one record in an index."""
        badge = getattr(self.index.entities[entity_id], "status", "") or ""
        return (self.views.link(entity_id), self.views.html(entity_id, "summary"), badge)

    def glossary_page(self):
        return self._glossary_page(ListJob("glossary", "", self.glossary_layout.pages[0]))

    def _glossary_page(self, job: ListJob):
        layout, page = self.glossary_layout, job.page
        letter = next((x for x in layout.letters if page in x.pages), None)
        if not layout.split:
            self.views.read_all(self.glossary_reads)
            groups = self.glossary.groups
        else:
            self.views.read(*list_key(page.folder))
            items = tuple(self.glossary.items[self.glossary.positions[i]] for i in page.ids)
            for item in items:
                self.views.read_all(self.glossary.reads[item.id])
            groups = (LetterGroup(letter.letter, letter_id(letter.letter), items),) if letter and items else ()
        _ = self.views.gettext
        shown = _("Glossary: %(letter)s") % {"letter": letter.letter} if letter else _("Glossary")
        return self.page(
            urls.page_file(page.folder), "glossary.html", title=page_title(shown, page, self.views.lang),
            description=_("Terms used in %(site)s") % {"site": self.index.config.title}, glossary=self.glossary,
            split=layout.split, groups=groups, count=layout.count, letter=letter.letter if letter else "",
            letter_data=urls.glossary_letter_file(urls.letter_slug(letter.letter)) if letter else "",
            letters=letter_links(self.index, layout, letter.folder if letter else ""),
            pages=pagination(self.index, letter.pages, page, _("Pages of %(letter)s") % {"letter": letter.letter}) if letter else None,
            section="glossary", listing=("glossary", [i.id for g in groups for i in g.items]),
        )

    def quotes_page(self):
        return self._quotes_page(ListJob("quotes", "", self.quote_pages[0]))

    def _quotes_page(self, job: ListJob):
        page = job.page
        self.views.read(*list_key(page.folder))
        quotes, _ = [self.index.entities[i] for i in page.ids], self.views.gettext
        return self.page(
            urls.page_file(page.folder), "quotes.html", title=page_title(_("Quotes"), page, self.views.lang),
            description=_("Every quotation in %(site)s, checked against its source") % {"site": self.index.config.title},
            quotes=[self.views.quote_view(q) for q in quotes if isinstance(q, Quote)],
            pages=pagination(self.index, self.quote_pages, page, _("Pages of quotes")),
            section="quotes", listing=("quotes", list(page.ids)),
        )

    def _record_timeline_page(self, job: ListJob):
        entity = self.index.entities[job.name]
        entries = self.views.timeline_of(entity.id)
        pages = self._record_timelines.get(entity.id) or (job.page,)
        shown = {*job.page.ids}
        items = [self.views.timeline_item(e) for e in entries if e.id in shown]
        link, _ = self.views.link(entity.id), self.views.gettext
        return self.page(
            urls.page_file(job.page.folder), "record_timeline.html",
            title=page_title(_("%(name)s: timeline") % {"name": entity.display_name}, job.page, self.views.lang),
            description=_("Every dated entry involving %(name)s: %(site)s") % {
                "name": entity.display_name, "site": self.index.config.title},
            record=link, collection_title=_(COLLECTION_TITLES[entity.collection]), items=items, count=len(entries),
            collection_href=self.index.url(urls.collection_folder(entity.collection)) if entity.collection in LIST_INDEXES else "",
            pages=pagination(self.index, pages, job.page, _("Pages of this timeline")), section=entity.collection,
        )

    def _record_section_page(self, job: ListJob):
        entity_id, section = job.name.split("/")
        entity = self.index.entities[entity_id]
        ids = self.views.section_ids(entity)
        pages = self._record_sections.get(job.name) or (job.page,)
        shown = tuple(i for i in job.page.ids if i in set(ids.of(section)))
        link, _ = self.views.link(entity.id), self.views.gettext
        heading = _(SECTIONS[section])
        return self.page(
            urls.page_file(job.page.folder), "record_section.html",
            title=page_title(_("%(name)s: %(section)s") % {"name": entity.display_name, "section": heading.lower()},
                             job.page, self.views.lang),
            description=_("%(section)s: %(name)s, in full: %(site)s") % {
                "section": heading, "name": entity.display_name, "site": self.index.config.title},
            record=link, collection_title=_(COLLECTION_TITLES[entity.collection]), heading=heading,
            section_name=section, count=len(ids.of(section)),
            collection_href=self.index.url(urls.collection_folder(entity.collection)) if entity.collection in LIST_INDEXES else "",
            in_story=story_mentions(self.views, entity.id, shown) if section == "in-the-story" else [],
            quotes=quotes_said(self.views, shown) if section == "what-they-said" else [],
            connected=connection_groups(self.views, entity.id, shown) if section == "connected-to" else [],
            pages=pagination(self.index, pages, job.page, _("Pages of %(section)s") % {"section": heading.lower()}),
            section=entity.collection,
        )
