"""Long lists split into pages of a bounded size: which entry goes on which page.

Every list page shows at most `page_size` entries (`site.yaml`, default `PAGE_SIZE`), so a page
stays small however large the story grows (docs/limits.md):

- the timeline: while it has at most `page_size` entries, `/timeline/` shows them all. Beyond
  that, `/timeline/` is an overview of the years; a year with at most `page_size` entries has its
  page (`/timeline/2025/`); a larger year's page lists its months, each with its page
  (`/timeline/2025/02/`), and the entries dated only to the year. Any of these lists longer than
  `page_size` goes on numbered pages (`/timeline/2025/02/page/2/`).
- a collection's index and the glossary: one page while they have at most `page_size` entries;
  beyond that the first page lists the letters (A–Z and '#', `explainer.site.letters`) and each
  letter has its pages (`/people/a/`, `/people/a/page/2/`).
- the quotes: numbered pages, in content order.
- a record's page shows its latest `record_timeline_length` timeline entries; when the timeline is
  split, a record with more has its own timeline pages (`/people/x/timeline/`).
- a record's page shows at most `RECORD_SECTION` entries of "In the story" and of "Connected to"
  and `RECORD_QUOTES` of "What they said"; a longer section has pages of its own
  (`/people/x/connected-to/`, `views.record_sections`).

Everything here is a pure function of the ids, dates and names it is given (paths come from
`explainer.site.urls`). `lay_out` decides, before any Markdown is converted, where the records
that are anchors on a list page (events, quotes, glossary terms) and the timeline entries are, so
that links to them go to the right page.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from explainer.content.model import GlossaryTerm
from explainer.core.dates import PartialDate
from explainer.site import urls
from explainer.site.index import SiteIndex
from explainer.site.letters import letter_order, page_letter, term_sort_key
from explainer.site.order import editorial_order, first_mentions
from explainer.site.timeline import TimelineEntry, build_timeline, patch_timeline

# The thresholds that keep pages small (docs/limits.md, "The size of pages"):
PAGE_SIZE = 50  # the default of `page_size`: entries on one list page
RECORD_TIMELINE = 10  # timeline entries on a record's own page (fewer if `page_size` is smaller)
RECORD_SECTION = 12  # entries of "In the story" or "Connected to" on a record's page; the rest on pages of their own
RECORD_QUOTES = 5  # quotes in a record's "What they said"; the rest on pages of their own
INVOLVED_SHOWN = 20  # records named under one timeline entry; the others are counted
FILTER_OPTIONS = 100  # records the "Involving" filter offers on a page of a split timeline
ALL_PAGES = 12  # a list of up to this many pages links to each; a longer one to a window of them
AROUND = 3  # pages linked on each side of the current one in that window
NAV_PAGES = 3  # pages (with an `order`) in the site's navigation
HOME_PICKS = 8  # the most the home page shows of each kind of record (and the lead article)
PREVIEWS_PER_SHARD = 64  # entries in a shard of the hover previews, on average at most


def record_timeline_length(page_size: int) -> int:
    """How many of its latest timeline entries a record's page shows."""
    return min(RECORD_TIMELINE, page_size)


@dataclass(frozen=True)
class ListPage:
    """One page of a list: where it is, its number (from 1) and the ids it shows, in order."""

    folder: str
    number: int
    ids: tuple[str, ...]


def paginate(folder: str, ids: Sequence[str], size: int) -> tuple[ListPage, ...]:
    """`ids` on pages of at most `size`, the first at `folder`; one empty page when there are none."""
    if not ids:
        return (ListPage(folder, 1, ()),)
    return tuple(
        ListPage(urls.paged(folder, number + 1), number + 1, tuple(ids[start:start + size]))
        for number, start in enumerate(range(0, len(ids), size))
    )


# Lists split by letter ----------------------------------------------------------------------

@dataclass(frozen=True)
class Letter:
    letter: str  # "A" … "Z", or "#"
    folder: str
    pages: tuple[ListPage, ...]

    @property
    def count(self) -> int:
        return sum(len(page.ids) for page in self.pages)


@dataclass(frozen=True)
class LetterLayout:
    """A list on one page (`split` false: `pages` holds it) or split by letter (`letters`)."""

    folder: str
    count: int
    split: bool
    pages: tuple[ListPage, ...]  # the first page: every entry, or none when split
    letters: tuple[Letter, ...] = ()

    def all_pages(self) -> tuple[ListPage, ...]:
        return self.pages + tuple(page for letter in self.letters for page in letter.pages)

    def ids(self) -> tuple[str, ...]:
        """Every entry, in the order the list shows them."""
        return tuple(i for page in self.all_pages() for i in page.ids)

    def key(self) -> tuple:
        """The shape of the split (what the overview and each letter page's index show)."""
        return (self.split, tuple((letter.letter, letter.folder, letter.count) for letter in self.letters))


def letter_layout(
    folder: str, items: Sequence[tuple[str, str]], size: int, taken: Collection[str] = (), lang: str = "en",
) -> LetterLayout:
    """`items` ((id, name), in the order the list shows them) on one page, or split by letter
    when there are more than `size`, the letters of `lang`'s alphabet. `taken`: ids whose page
    would clash with a letter's."""
    if len(items) <= size:
        return LetterLayout(folder, len(items), False, (ListPage(folder, 1, tuple(i for i, _ in items)),))
    groups: dict[str, list[str]] = {}
    for item_id, name in items:
        groups.setdefault(page_letter(name, lang), []).append(item_id)
    letters = []
    for letter in sorted(groups, key=lambda letter: letter_order(letter, lang)):
        start = urls.letter_folder(folder, urls.letter_slug(letter, taken))
        letters.append(Letter(letter, start, paginate(start, groups[letter], size)))
    return LetterLayout(folder, len(items), True, (ListPage(folder, 1, ()),), tuple(letters))


# The timeline ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """A year or a month of the timeline, with the pages that list its entries. A year split into
    months lists only its entries dated to the year alone (`pages`) and has its `months`."""

    year: int
    month: int  # 0: the whole year
    folder: str
    label: str
    count: int  # every entry in the period, its months' included
    pages: tuple[ListPage, ...]
    months: tuple[Period, ...] = ()

    @property
    def lists_entries(self) -> bool:
        return any(page.ids for page in self.pages)


@dataclass(frozen=True)
class TimelineLayout:
    """The whole timeline on `pages` (not `split`), or an overview of `years`."""

    count: int
    split: bool
    pages: tuple[ListPage, ...]
    years: tuple[Period, ...] = ()

    def periods(self) -> tuple[Period, ...]:
        """Every period with a page of its own, in time order (a split year before its months)."""
        return tuple(p for year in self.years for p in (year, *year.months))

    def sequence(self) -> tuple[Period, ...]:
        """The periods that list entries, in time order: what "earlier" and "later" step through."""
        return self._sequence

    def position(self, period: Period) -> int:
        """Where `period` is in `sequence()`, or -1 when it lists no entries of its own. (Each
        page's navigation asks: searching the sequence every time made the timeline's pages cost
        their number times the number of periods.)"""
        return self._positions.get((period.year, period.month), -1)

    @functools.cached_property
    def _sequence(self) -> tuple[Period, ...]:
        return tuple(p for p in self.periods() if p.lists_entries)

    @functools.cached_property
    def _positions(self) -> dict[tuple[int, int], int]:
        return {(p.year, p.month): n for n, p in enumerate(self._sequence)}

    def all_pages(self) -> tuple[ListPage, ...]:
        return self.pages + tuple(page for period in self.periods() for page in period.pages)

    def entry_pages(self) -> dict[str, str]:
        """Entry id -> the folder of the page that shows it."""
        return {entry_id: page.folder for page in self.all_pages() for entry_id in page.ids}


def _period(year: int, month: int, entries: Sequence[TimelineEntry], size: int, lang: str = "en") -> Period:
    folder = urls.timeline_period(year, month)
    label = PartialDate(year, month).label(lang)
    ids = [entry.id for entry in entries]
    if month or len(entries) <= size:
        return Period(year, month, folder, label, len(entries), paginate(folder, ids, size))
    by_month: dict[int, list[TimelineEntry]] = {}
    for entry in entries:
        by_month.setdefault(entry.date.month or 0, []).append(entry)
    year_only = [entry.id for entry in by_month.pop(0, [])]
    months = tuple(_period(year, m, by_month[m], size, lang) for m in sorted(by_month))
    return Period(year, 0, folder, label, len(entries), paginate(folder, year_only, size), months)


def timeline_layout(timeline: Sequence[TimelineEntry], size: int, lang: str = "en") -> TimelineLayout:
    """Where each entry of `timeline` (in timeline order) is shown; periods named in `lang`."""
    if len(timeline) <= size:
        return TimelineLayout(len(timeline), False, (ListPage(urls.TIMELINE, 1, tuple(e.id for e in timeline)),))
    by_year: dict[int, list[TimelineEntry]] = {}
    for entry in timeline:
        by_year.setdefault(entry.date.year, []).append(entry)
    years = tuple(_period(year, 0, by_year[year], size, lang) for year in sorted(by_year))
    return TimelineLayout(len(timeline), True, (ListPage(urls.TIMELINE, 1, ()),), years)


# The whole site --------------------------------------------------------------------------------

def quote_layout(index: SiteIndex) -> tuple[ListPage, ...]:
    """The quotes, in editorial order (`explainer.site.order`), on pages of `page_size`."""
    mentions = first_mentions(index)
    ids = [quote.id for quote in editorial_order(index.by_collection("quotes"), mentions)]
    return paginate(urls.QUOTES, ids, index.config.page_size)


def glossary_layout(index: SiteIndex) -> LetterLayout:
    """The glossary's terms, in A–Z order, on one page or split by letter."""
    terms = sorted(
        (t for t in index.by_collection("glossary") if isinstance(t, GlossaryTerm)),
        key=lambda t: term_sort_key(t.term, t.id, index.config.language),
    )
    taken = [t.id for t in terms]
    return letter_layout(
        urls.GLOSSARY, [(t.id, t.term) for t in terms], index.config.page_size, taken, index.config.language,
    )


def lay_out(
    index: SiteIndex, base: list[TimelineEntry] | None = None, changed: Collection[str] | None = None,
    last: SiteIndex | None = None, anchors: Mapping[str, str] | None = None,
) -> list[TimelineEntry] | None:
    """Decide which list page shows each anchored record and each timeline entry (`index.anchors`,
    `index.entry_pages`). Needs only ids, dates and names, so it runs before Markdown is converted.
    Returns the timeline it laid out, before conversion (`complete_timeline` finishes it), or None
    when it took `last`'s pages.

    `base` and `changed` (the last timeline, the entities that changed since, all with the same
    ids in the same order) save rebuilding the timeline from scratch; when no entry changed its
    date, the pages are those of `last` (the last build's index): the quotes keep their order, and
    the glossary's changes only with a term's name, which makes the caller lay the site out anew.
    Without `last`, its `anchors` (a cached `build.py` keeps them) are taken the same way unless a
    quote or an article changed; the entry pages are laid out once the timeline is complete."""
    timeline = None
    if base is not None and changed is not None:  # only events' pages are read off it: no mentions needed
        timeline = patch_timeline(index, base, set(changed), check_order=False)
    if (
        timeline is not None and base is not None and last is not None and same_dates(base, timeline)
        and _same_quote_layout(index, last, changed)
    ):
        index.entry_pages, index.anchors = last.entry_pages, last.anchors
        return None
    if (
        timeline is not None and base is not None and last is None and anchors is not None and changed is not None
        and same_dates(base, timeline) and not _moves_quotes(index, changed)
    ):
        index.anchors = dict(anchors)
        return timeline
    if timeline is None:
        timeline = build_timeline(index)
    size = index.config.page_size
    entry_pages = timeline_layout(timeline, size).entry_pages()
    anchors = {event.id: entry_pages[event.id] for event in index.by_collection("events") if event.id in entry_pages}
    for page in quote_layout(index):
        anchors.update(dict.fromkeys(page.ids, page.folder))
    for page in glossary_layout(index).all_pages():
        anchors.update(dict.fromkeys(page.ids, page.folder))
    index.entry_pages = entry_pages
    index.anchors = anchors
    return timeline


def _same_quote_layout(index: SiteIndex, last: SiteIndex, changed: Collection[str] | None) -> bool:
    """Whether the quotes are on the pages they were on in `last` (the same entities but
    `changed`): only a quote or an article (the lead article, whose mentions order them) moves them."""
    if changed is not None and not _moves_quotes(index, changed):
        return True
    return quote_layout(index) == quote_layout(last)


def _moves_quotes(index: SiteIndex, changed: Collection[str]) -> bool:
    """Whether a change of the entities `changed` can move quotes to other list pages."""
    return any(index.entities[i].collection in ("quotes", "articles") for i in changed)


def same_dates(old: list[TimelineEntry], new: list[TimelineEntry]) -> bool:
    """Whether two timelines hold the same entries, with the same dates, in the same order."""
    return len(old) == len(new) and all(
        a is b or (a.id == b.id and a.date == b.date) for a, b in zip(old, new, strict=True)
    )
