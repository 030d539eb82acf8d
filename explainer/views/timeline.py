"""What the `/timeline/` page shows: entries grouped by year and month, filters, and the chart.

Built once per site from the timeline model; the template only lays it out. Headings carry ids
with an underscore (`year_2025`, `month_2025-02`), which no record id can have, so they never
clash with entry anchors.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from explainer.content.kinds import names_where
from explainer.core.dates import MONTHS
from explainer.site.index import fold
from explainer.site.timeline import KIND_PLURALS, KINDS, TimelineEntry
from explainer.views.builder import COLLECTION_TITLES, TimelineItem, ViewBuilder
from explainer.views.timeline_chart import Chart, build_chart

FILTER_COLLECTIONS = names_where("timeline_filter")


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
    chart_summary: str
    kinds: tuple[KindOption, ...]
    record_groups: tuple[RecordOptionGroup, ...]


def group_by_month(items: list[tuple[TimelineEntry, TimelineItem]]) -> tuple[TimelineYear, ...]:
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
                    f"month_{year:04d}-{month:02d}", f"{MONTHS[month - 1]} {year}", tuple(month_items)
                ))
            else:
                month_views.append(TimelineMonth("", "", tuple(month_items)))
        result.append(TimelineYear(year, f"year_{year:04d}", tuple(month_views)))
    return tuple(result)


def _chart_summary(chart: Chart | None, count: int) -> str:
    if chart is None:
        return ""
    noun = "entry" if count == 1 else "entries"
    text = f"{count} {noun} on a time axis from {chart.first_year} to {chart.last_year}, one row per kind."
    if chart.left_out:
        text += f" Years without entries are cut out where the axis breaks: {', '.join(chart.left_out)}."
    return text


def build_timeline_page(views: ViewBuilder, timeline: list[TimelineEntry]) -> TimelinePage:
    items = [(entry, views.timeline_item(entry)) for entry in timeline]
    kind_counts = Counter(entry.kind for entry in timeline)
    record_counts: Counter[str] = Counter()
    for entry in timeline:
        record_counts.update(entry.records)
    by_collection: dict[str, list[RecordOption]] = {}
    for record_id, count in record_counts.items():
        link = views.link(record_id)
        by_collection.setdefault(link.collection, []).append(RecordOption(record_id, link.text, count))
    groups = []
    for collection in FILTER_COLLECTIONS:
        options = sorted(by_collection.get(collection, []), key=lambda o: (fold(o.name), o.id))
        if options:
            groups.append(RecordOptionGroup(COLLECTION_TITLES[collection], tuple(options)))
    chart = build_chart(timeline)
    span = ""
    if chart:
        span = str(chart.first_year) if chart.first_year == chart.last_year else (
            f"{chart.first_year} – {chart.last_year}"
        )
    return TimelinePage(
        years=group_by_month(items),
        count=len(timeline),
        span=span,
        chart=chart,
        chart_summary=_chart_summary(chart, len(timeline)),
        kinds=tuple(KindOption(k, KIND_PLURALS[k], kind_counts[k]) for k in KINDS if kind_counts[k]),
        record_groups=tuple(groups),
    )
