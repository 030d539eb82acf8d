"""What the timeline's pages show: entries grouped by year and month, filters, and the chart;
and, when the timeline is split into periods (`explainer.site.paging`), the overview of the
periods and the way from one period's page to the next.

The template only lays it out; the words static/timeline.js writes as it counts (its "12 entries",
"Showing 3 of 12 entries.") come with the page in the site's language (`TimelinePage.words`). Headings carry ids with an underscore (`year_2025`,
`month_2025-02`), which no record id can have, so they never clash with entry anchors.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from explainer.content.kinds import names_where
from explainer.core.dates import PartialDate, month_name
from explainer.core.i18n import N_plural, plural_forms, translations_for
from explainer.site import urls
from explainer.site.index import SiteIndex, fold
from explainer.site.paging import FILTER_OPTIONS, ListPage, Period, TimelineLayout
from explainer.site.timeline import KIND_PLURALS, KINDS, TimelineEntry, last_day
from explainer.views.builder import COLLECTION_TITLES, TimelineItem, ViewBuilder
from explainer.views.lists import Pagination, pagination
from explainer.views.timeline_chart import Chart, build_chart

FILTER_COLLECTIONS = names_where("timeline_filter")
# The counted words static/timeline.js writes, by the name it asks for them (`data-words`).
SCRIPT_WORDS = {
    "entries": N_plural("%(num)d entry", "%(num)d entries"),
    "dated": N_plural("%(num)d dated entry", "%(num)d dated entries"),
    "all": N_plural("Showing all %(num)d entry.", "Showing all %(num)d entries."),
    "some": N_plural("Showing %(shown)d of %(num)d entry.", "Showing %(shown)d of %(num)d entries."),
}


@dataclass(frozen=True)
class TimelineMonth:
    id: str  # "" for the entries dated only to the year
    label: str
    items: tuple[TimelineItem, ...]


@dataclass(frozen=True)
class TimelineYear:
    year: int
    id: str
    months: tuple[TimelineMonth, ...]


@dataclass(frozen=True)
class KindOption:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class RecordOption:
    id: str
    name: str
    count: int


@dataclass(frozen=True)
class RecordOptionGroup:
    label: str
    options: tuple[RecordOption, ...]


@dataclass(frozen=True)
class TimelinePage:
    years: tuple[TimelineYear, ...]
    count: int
    span: str  # "2023 – 2025"
    chart: Chart | None
    chart_summary: str  # what the chart shows, after its count of entries ("on a time axis from …")
    kinds: tuple[KindOption, ...]
    record_groups: tuple[RecordOptionGroup, ...]
    filter_ids: frozenset[str] | None = None  # the records offered, when not all of them are
    # SCRIPT_WORDS in the site's language, each in every plural form (`core.i18n.plural_forms`)
    words: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)


def group_by_month(items: list[tuple[TimelineEntry, TimelineItem]], lang: str = "en") -> tuple[TimelineYear, ...]:
    """Items in timeline order, grouped by year and then month (year-only dates first)."""
    years: dict[int, dict[int, list[TimelineItem]]] = {}
    for entry, item in items:
        years.setdefault(entry.date.year, {}).setdefault(entry.date.month, []).append(item)
    result = []
    for year, months in years.items():
        month_views = []
        for month, month_items in months.items():
            if month:
                month_views.append(TimelineMonth(
                    f"month_{year:04d}-{month:02d}", PartialDate(year, month).label(lang), tuple(month_items)
                ))
            else:
                month_views.append(TimelineMonth("", "", tuple(month_items)))
        result.append(TimelineYear(year, f"year_{year:04d}", tuple(month_views)))
    return tuple(result)


def _chart_summary(chart: Chart | None, _: Callable[[str], str]) -> str:
    if chart is None:
        return ""
    text = _("on a time axis from %(start)s to %(end)s, one row per kind.") % {"start": chart.start, "end": chart.end}
    if chart.left_out:
        text += " " + _("Time without entries is cut out where the axis breaks: %(times)s.") % {
            "times": ", ".join(chart.left_out)}
    if any(layout.spread for layout in chart.layouts):
        text += " " + _("Entries of one day are spread across it in timeline order; the chart knows no times of day.")
    return text


@functools.cache
def script_words(lang: str) -> dict[str, dict[str, str]]:
    """The words static/timeline.js counts with, in `lang`, each in every plural form.

    The same for every timeline page of an edition, so made once per language (finding every
    plural form asks the catalog about 200 counts): not to be changed by its callers."""
    return {name: plural_forms(lang, *forms) for name, forms in SCRIPT_WORDS.items()}


def period_days(year: int, month: int = 0) -> tuple[_dt.date, _dt.date]:
    """The first and last day of a year or a month of the timeline."""
    if not month:
        return _dt.date(year, 1, 1), _dt.date(year, 12, 31)
    return _dt.date(year, month, 1), last_day(PartialDate(year, month))


def build_timeline_page(
    views: ViewBuilder, timeline: list[TimelineEntry], split: bool = False, period: Period | None = None,
) -> TimelinePage:
    """What a timeline page shows of `timeline` (its entries). On a page of a split timeline
    (`split`) the filter offers only the `FILTER_OPTIONS` records involved most often there; on a
    period's page the chart's axis is the `period`."""
    items = [(entry, views.timeline_item(entry)) for entry in timeline]
    kind_counts = Counter(entry.kind for entry in timeline)
    record_counts: Counter[str] = Counter()
    for entry in timeline:
        record_counts.update(entry.records)
    by_collection: dict[str, list[RecordOption]] = {}
    choices = [RecordOption(r, views.link(r).text, n) for r, n in record_counts.items()
               if views.link(r).collection in FILTER_COLLECTIONS]
    filter_ids = None
    if split and len(choices) > FILTER_OPTIONS:
        choices = sorted(choices, key=lambda o: (-o.count, o.id))[:FILTER_OPTIONS]
        filter_ids = frozenset(o.id for o in choices)
    for option in choices:
        by_collection.setdefault(views.link(option.id).collection, []).append(option)
    groups = []
    for collection in FILTER_COLLECTIONS:
        options = sorted(by_collection.get(collection, []), key=lambda o: (fold(o.name), o.id))
        if options:
            groups.append(RecordOptionGroup(views.gettext(COLLECTION_TITLES[collection]), tuple(options)))
    chart = build_chart(timeline, period_days(period.year, period.month) if period else None, views.lang)
    span = ""
    if chart:
        span = str(chart.first_year) if chart.first_year == chart.last_year else (
            f"{chart.first_year} – {chart.last_year}"
        )
    return TimelinePage(
        years=group_by_month(items, views.lang),
        count=len(timeline),
        span=span,
        chart=chart,
        chart_summary=_chart_summary(chart, views.gettext),
        kinds=tuple(KindOption(k, views.gettext(KIND_PLURALS[k]), kind_counts[k]) for k in KINDS if kind_counts[k]),
        record_groups=tuple(groups),
        filter_ids=filter_ids,
        words=script_words(views.lang),
    )


# A timeline split into periods -------------------------------------------------------------------

@dataclass(frozen=True)
class PeriodLink:
    label: str
    href: str
    count: int
    months: tuple[PeriodLink, ...] = ()
    name: str = ""  # a month's name alone ("May"), under its year in the overview


@dataclass(frozen=True)
class TimelineOverview:
    """`/timeline/` of a split timeline: every year, and the months of the years split by month."""

    count: int
    span: str
    years: tuple[PeriodLink, ...]


def _link(index: SiteIndex, period: Period, counted: bool = True) -> PeriodLink:
    name = month_name(period.month, index.config.language) if period.month else ""
    return PeriodLink(period.label, index.url(period.folder), period.count if counted else 0, name=name)


def timeline_overview(index: SiteIndex, layout: TimelineLayout) -> TimelineOverview:
    years = tuple(
        PeriodLink(y.label, index.url(y.folder), y.count, tuple(_link(index, m) for m in y.months))
        for y in layout.years
    )
    first, last = (layout.years[0].label, layout.years[-1].label) if layout.years else ("", "")
    return TimelineOverview(layout.count, first if first == last else f"{first} – {last}", years)


@dataclass(frozen=True)
class PeriodNav:
    """How a period's page leads on: up to its year and the overview, to the periods before and
    after it, to its other pages, and (a year split by month) to its months."""

    trail: tuple[PeriodLink, ...]  # the overview, then the year of a month
    earlier: PeriodLink | None
    later: PeriodLink | None
    pages: Pagination | None
    months: tuple[PeriodLink, ...]

    def key(self) -> tuple:
        return (self.trail, self.earlier, self.later, self.pages, self.months)


def period_nav(index: SiteIndex, layout: TimelineLayout, period: Period, page: ListPage) -> PeriodNav:
    # The links that only lead on carry no count: a page shows no other period's size but its months'.
    trail = [PeriodLink(translations_for(index.config.language).gettext("Timeline"), index.url(urls.TIMELINE), 0)]
    if period.month:
        year = next(y for y in layout.years if y.year == period.year)
        trail.append(_link(index, year, counted=False))
    sequence = layout.sequence()
    position = layout.position(period)
    earlier = _link(index, sequence[position - 1], False) if position > 0 else None
    later = _link(index, sequence[position + 1], False) if 0 <= position < len(sequence) - 1 else None
    if position < 0:  # a split year that lists no entries of its own: step to its neighbours
        before = [p for p in sequence if (p.year, p.month) < (period.year, 0)]
        after = [p for p in sequence if p.year > period.year]
        earlier = _link(index, before[-1], False) if before else None
        later = _link(index, after[0], False) if after else None
    return PeriodNav(
        tuple(trail), earlier, later, pagination(index, period.pages, page, translations_for(
            index.config.language).gettext("Pages of %(period)s") % {"period": period.label}),
        tuple(_link(index, month) for month in period.months),
    )
