"""What a renderer takes over from the last build's, on the preview server's fast path and in a
cached `build.py`.

Owns `Layouts` (what one renderer laid out, with what decided each part: the timeline's periods,
each index's letters, the glossary's, and which records' sections run onto pages of their own)
and `Previous` (the last build's `Layouts` and what changed since, made by `build.patch`, or by
`build.cache` from the part of them the cache on disk keeps: all but the corrections' count
and what each record's sections read). Each part is taken over when what decides it is the
same, and a record's sections unless a key they read changed; otherwise it is laid out again.
So a one-record edit lays out what it touches, not the whole site, and the result is always what
laying everything out again gives (the incremental tests compare the output with a clean build,
byte for byte).

A clean build has no `Previous`: it lays everything out, and keeps `Layouts` for the next build.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from explainer.content.model import Entity, corrections
from explainer.site import urls
from explainer.site.index import SiteIndex
from explainer.site.paging import (
    LetterLayout,
    ListPage,
    TimelineLayout,
    paginate,
    same_dates,
    timeline_layout,
)
from explainer.site.timeline import TimelineEntry
from explainer.views.builder import QUOTE_ORDER, ViewBuilder
from explainer.views.keys import Key
from explainer.views.record_sections import may_overflow

T = TypeVar("T")
# A record's sections too long for its page: ((section, its pages), ...), in `SECTIONS` order.
SectionPages = tuple[tuple[str, tuple[ListPage, ...]], ...]


@dataclass(frozen=True)
class Letters:
    """A list split by letter (or not): what its layout was made from, and the layout."""

    entities: list[Entity]  # the list's records, in content order
    settings: tuple  # whatever else decides the order and the layout
    items: list[tuple[str, str]]  # (id, name) in the list's order
    layout: LetterLayout


@dataclass
class Layouts:
    """What one renderer laid out, each part with what decided it (the keys each record's sections
    read only with `keep`: when the preview server keeps it for the next build)."""

    keep: bool = False

    timeline: tuple[list[TimelineEntry], tuple, TimelineLayout] | None = None
    letters: dict[str, Letters] = field(default_factory=dict)  # by the list's folder
    record_timelines: tuple[list[TimelineEntry], tuple, dict[str, tuple[ListPage, ...]]] | None = None
    # Each record with a page (in index order): its sections' pages, and the keys deciding them read.
    sections: dict[str, tuple[SectionPages, frozenset[Key]]] = field(default_factory=dict)
    # Which records read each key while their sections were decided (a superset: never narrowed).
    readers: dict[Key, set[str]] = field(default_factory=dict)
    quote_order: tuple[str, ...] = ()  # every quote's id, in editorial order (what QUOTE_ORDER is)
    corrections: int | None = None  # how many corrections the site has
    jobs: tuple[object, tuple] | None = None  # the pages to render, and what decided them besides the entities
    list_keys: tuple[list[TimelineEntry], tuple, dict[str, object]] | None = None
    key_digests: tuple[dict[str, object], dict[str, str]] | None = None  # the list keys, and their digests


@dataclass(frozen=True)
class Previous:
    """The last build's layouts, and what changed since: the entities made again, and every key
    whose value may differ because of them (`build.patch.patch_site`)."""

    layouts: Layouts
    changed: frozenset[str]
    touched: frozenset[Key]
    before: dict[str, Entity]  # the changed entities as they were


def reuse_timeline(
    previous: Previous | None, kept: Layouts, timeline: list[TimelineEntry], size: int, lang: str,
) -> TimelineLayout:
    """The timeline's layout: the last one when its entries, dates and order are the same."""
    last = previous.layouts.timeline if previous is not None else None
    if last is not None and last[1] == (size, lang) and same_dates(last[0], timeline):
        layout = last[2]
    else:
        layout = timeline_layout(timeline, size, lang)
    kept.timeline = (timeline, (size, lang), layout)
    return layout


def reuse_letters(
    previous: Previous | None, kept: Layouts, folder: str, entities: list[Entity], settings: tuple,
    describe: Callable[[Entity], object], items: Callable[[], list[tuple[str, str]]],
    make: Callable[[list[tuple[str, str]]], LetterLayout],
) -> LetterLayout:
    """A list's layout by letter, made by `make` from its `items` ((id, name) in the list's order),
    which follow from its `entities` (each by what `describe` says of it: what orders and names
    it) and `settings`: the last layout when these are the same, or when the items they give are."""
    last = previous.layouts.letters.get(folder) if previous is not None else None
    if last is not None and last.settings == settings and (
        (len(last.entities) == len(last.items) and _described_alike(last.entities, entities, describe))
        # The letters a cached `build.py` keeps have no entities, one per item: its entities are
        # the last build's but the changed ones, which the items may follow when described alike.
        or (previous is not None and not last.entities and _changed_alike(previous, len(last.items), entities, describe))
    ):
        found, layout = last.items, last.layout
    else:
        found = items()
        same = last is not None and last.settings == settings and last.items == found
        layout = last.layout if last is not None and same else make(found)
    kept.letters[folder] = Letters(entities, settings, found, layout)
    return layout


def reuse_record_timelines(
    previous: Previous | None, kept: Layouts, timeline: list[TimelineEntry], settings: tuple,
    make: Callable[[], dict[str, tuple[ListPage, ...]]],
) -> dict[str, tuple[ListPage, ...]]:
    """The pages of the records whose timeline has pages of its own: the last ones when the
    timeline holds the very same entries (and the settings are the same)."""
    last = previous.layouts.record_timelines if previous is not None else None
    if last is not None and last[1] == settings and same_objects(last[0], timeline):
        pages = last[2]
    else:
        pages = make()
    kept.record_timelines = (timeline, settings, pages)
    return pages


def reuse_list_keys(
    previous: Previous | None, kept: Layouts, timeline: list[TimelineEntry], layouts: tuple,
    make: Callable[[], dict[str, object]],
) -> dict[str, object]:
    """What each page of a split list shows (`ListPages.list_keys`): the last build's when the
    timeline holds the very same entries and the lists are laid out the same (`layouts`, most
    often the very same objects, taken over)."""
    last = previous.layouts.list_keys if previous is not None else None
    keys = last[2] if last is not None and same_objects(last[0], timeline) and last[1] == layouts else make()
    kept.list_keys = (timeline, layouts, keys)
    return keys


def reuse_key_digests(
    previous: Previous | None, kept: Layouts, keys: dict[str, object], digest: Callable[[object], str],
) -> dict[str, str]:
    """Each list key's digest (the planner's snapshot compares them): the last build's when the
    keys are the very ones it digested (`reuse_list_keys` took them over). A timeline page's key
    holds its entries, and digesting them all again was a third of a one-record preview rebuild."""
    last = previous.layouts.key_digests if previous is not None else None
    digests = last[1] if last is not None and last[0] is keys else {name: digest(value) for name, value in keys.items()}
    kept.key_digests = (keys, digests)
    return digests


def entry_pages(previous: Previous | None, timeline: list[TimelineEntry], size: int) -> dict[str, str]:
    """Entry id -> the folder of the page of the timeline that shows it: laid out from the last
    build's layout when the entries, dates and order are the same."""
    last = previous.layouts.timeline if previous is not None else None
    if last is not None and last[1][0] == size and same_dates(last[0], timeline):
        return last[2].entry_pages()
    return timeline_layout(timeline, size).entry_pages()


def reuse_corrections(previous: Previous | None, kept: Layouts, index: SiteIndex) -> int:
    """How many corrections the site has: the last count, give or take the changed entities'."""
    last = previous.layouts.corrections if previous is not None else None
    if previous is None or last is None:
        count = sum(len(corrections(entity)) for entity in index.entities.values())
    else:
        count = last + sum(
            len(corrections(index.entities[i])) - len(corrections(previous.before[i])) for i in previous.changed
        )
    kept.corrections = count
    return count


def reuse_jobs(previous: Previous | None, kept: Layouts, inputs: object, make: Callable[[], tuple[T, ...]]) -> tuple[T, ...]:
    """Every page to render: the last list when the same entities (the fast path's condition) and
    the same `inputs` (the pages of split lists, of corrections) decide it."""
    last = previous.layouts.jobs if previous is not None else None
    jobs = last[1] if last is not None and last[0] == inputs else make()
    kept.jobs = (inputs, jobs)
    return jobs


def _described_alike(old: list[Entity], new: list[Entity], describe: Callable[[Entity], object]) -> bool:
    """Whether two lists hold the same entities, or others that `describe` says the same of."""
    if len(old) != len(new):
        return False
    return same_objects(old, new) or all(a is b or describe(a) == describe(b) for a, b in zip(old, new, strict=True))


def _changed_alike(previous: Previous, count: int, entities: list[Entity], describe: Callable[[Entity], object]) -> bool:
    """Whether a list of `count` entities, the others unchanged, still holds as many and each
    changed one of them is described as it was before (`Previous.before`)."""
    if len(entities) != count:
        return False
    members = {entity.id: entity for entity in entities}
    return all(
        entity_id in previous.before and describe(previous.before[entity_id]) == describe(members[entity_id])
        for entity_id in previous.changed if entity_id in members
    )


def same_objects(old: list, new: list) -> bool:
    """Whether two lists hold the very same objects, in the same order."""
    return len(old) == len(new) and all(map(operator.is_, old, new))


def reuse_sections(
    previous: Previous | None, kept: Layouts, views: ViewBuilder, has_page: Callable[[str], bool],
) -> dict[str, tuple[SectionPages, frozenset[Key]]]:
    """For each record with a page (in index order), the pages of its sections too long for its
    page. The last build's for every record whose own entity did not change and none of whose
    reads was touched (found through `readers`, so that only those records are looked at)."""
    index = views.index
    size = index.config.page_size
    kept.quote_order = tuple(quote.id for quote in views.quotes_in_order())
    last = previous.layouts if previous is not None else None
    if previous is None or last is None or not last.sections or (not last.keep and kept.quote_order != last.quote_order):
        kept.sections, kept.readers = {}, {}
        for entity in index.entities.values():
            # A build nothing follows looks closely only at the records with links enough to
            # overflow a section; the preview's first build notes what every record's read.
            if has_page(entity.id) and (kept.keep or may_overflow(views, entity)):
                _decide(views, entity, size, kept)
        return kept.sections
    if not last.keep:
        return _sections_again(previous, kept, views, has_page, last.sections)
    kept.sections, kept.readers = dict(last.sections), last.readers  # `readers` only ever grows
    touched = set(previous.touched)
    if kept.quote_order != last.quote_order:
        touched.add(QUOTE_ORDER)
    again = set(previous.changed)
    for key in touched:
        again |= last.readers.get(key, set())
    for entity_id in again:
        if entity_id in kept.sections:  # the same records have pages as last time (`patch`)
            _decide(views, index.entities[entity_id], size, kept)
    return kept.sections


def _sections_again(
    previous: Previous, kept: Layouts, views: ViewBuilder, has_page: Callable[[str], bool],
    last: dict[str, tuple[SectionPages, frozenset[Key]]],
) -> dict[str, tuple[SectionPages, frozenset[Key]]]:
    """The sections as a build nothing follows decides them (the records that may overflow one),
    from the last such build's (a cached `build.py`), whose reads were not noted: a record's
    sections read only keys that name it (its entity, its links either way, its quotes) and the
    quotes' order, which is the same; so the records named by a touched key are decided again."""
    index = views.index
    sections = dict(last)
    kept.sections, kept.readers = {}, {}
    for entity_id in set(previous.changed) | {key[1] for key in previous.touched if len(key) == 2}:
        sections.pop(entity_id, None)
        entity = index.entities.get(entity_id)
        if entity is not None and has_page(entity_id) and may_overflow(views, entity):
            _decide(views, entity, index.config.page_size, kept)
    sections.update(kept.sections)
    kept.sections = {entity_id: sections[entity_id] for entity_id in index.entities if entity_id in sections}
    return kept.sections


def _decide(views: ViewBuilder, entity: Entity, size: int, kept: Layouts) -> None:
    if kept.keep:
        with views.tracking() as reads:
            ids = views.section_ids(entity)
    else:  # a build nothing follows: what the sections read is not needed
        ids, reads = views.section_ids(entity), set()
    pages = tuple(
        (section, paginate(urls.record_section(entity.collection, entity.id, section), ids.of(section), size))
        for section in ids.overflowing()
    )
    keys = frozenset(reads)
    kept.sections[entity.id] = (pages, keys)
    for key in keys:
        kept.readers.setdefault(key, set()).add(entity.id)
