"""The geometry of the timeline chart, computed at build time (the SVG markup is a template).

Time runs left to right, one lane per kind of entry. The axis spans the entries (or a period's
page's period) and is broken where a long stretch holds nothing, each side zoomed to its entries,
with ticks and labels for its length (`explainer.views.timeline_axis`): so a story with a 2023
founding and a busy day in 2025 shows that day, its days labelled. A day is a dot, a range of
dates is a solid bar, and a date known only to the month or year is a pale bar over that month or
year. Where a day is wide enough, the dots of its entries are spread across it in timeline order
(the chart knows no times of day, and says so); entries that would still overlap (the same day, or
days a few pixels apart) merge into one mark with a count. The chart is laid out once per width in
`WIDTHS`, so that its text is drawn at its natural size on a phone and on a laptop; the page shows
the one that fits.

Everything here is a pure function of the entries and the site's language (its words: the lanes'
kinds, the marks' dates): two builds give byte-identical charts.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass

from explainer.core.dates import PartialDate, range_label
from explainer.core.i18n import DEFAULT_LANGUAGE, translations_for
from explainer.site.timeline import KIND_PLURALS, KINDS, TimelineEntry
from explainer.views import timeline_axis as axis
from explainer.views.timeline_axis import AxisLabel, Stretch, Tick, _r, axis_marks

WIDTHS = {"narrow": 340, "medium": 700, "wide": 1100}

PAD_X = 10
BREAK_WIDTH = 28
LANE_LABEL = 16  # room for a lane's label above its rows
ROW = 14  # height of one row of marks
LANE_GAP = 8
MAX_ROWS = 4  # rows per lane before marks are allowed to overlap
DOT_R = 4.5
BAR_HEIGHT = 7.0
MIN_BAR = 7.0
CLUSTER_PX = 8.0  # dots closer than this merge into one mark
COUNT_CHAR_PX = 6.5
SPREAD_PX = 11.0  # the least room per dot for a day's dots to be spread across it


@dataclass(frozen=True)
class Mark:
    """One shape: a dot, a range bar or an imprecise-date bar, standing for one or more entries."""

    shape: str  # "dot", "range" or "span"
    kind: str
    x: float  # dot centre, or bar start
    y: float  # row centre
    width: float  # bar length (0 for dots)
    count: int
    href: str  # the first entry's anchor
    entries: str  # every entry id, space-separated
    title: str  # tooltip
    count_x: float  # where the count is written when count > 1

    @property
    def bar_y(self) -> float:
        return _r(self.y - BAR_HEIGHT / 2)

    @property
    def text_y(self) -> float:
        return _r(self.y + 3.5)


@dataclass(frozen=True)
class Lane:
    kind: str
    name: str  # the lane's label without its count ("Events"), which the page's filters count anew
    label: str
    top: float
    bottom: float
    label_y: float
    marks: tuple[Mark, ...]

    @property
    def height(self) -> float:
        return _r(self.bottom - self.top)


@dataclass(frozen=True)
class AxisBreak:
    x: float  # centre of the break
    left: float
    right: float
    left_out: str  # the time left out: "2024", "2004–2022", "1 February 2024 – 1 February 2025"
    path: str  # the two slanted strokes across the axis


@dataclass(frozen=True)
class Segment:
    x0: float
    x1: float


@dataclass(frozen=True)
class ChartLayout:
    """The chart at one width, ready for the SVG template."""

    name: str
    width: int
    height: float
    lanes: tuple[Lane, ...]
    axis_y: float
    segments: tuple[Segment, ...]
    ticks: tuple[Tick, ...]
    labels: tuple[AxisLabel, ...]
    breaks: tuple[AxisBreak, ...]
    units: tuple[str, ...]  # each stretch's tick unit ("day", "month", "year", "decade", "century")
    spread: bool  # some day's dots are spread across it


@dataclass(frozen=True)
class Chart:
    layouts: tuple[ChartLayout, ...]
    first_year: int
    last_year: int
    left_out: tuple[str, ...]  # the stretches of time cut out of the axis, in order
    start: str  # the first day the axis shows ("2 February 2025"), as precisely as its unit
    end: str  # the last


def _axis_break(left: float, left_out: str, axis_y: float) -> AxisBreak:
    """A gap in the axis, marked by two slanted strokes across it."""
    centre = left + BREAK_WIDTH / 2
    strokes = " ".join(
        f"M{_r(centre + dx - 3)} {_r(axis_y + 6)} L{_r(centre + dx + 3)} {_r(axis_y - 6)}"
        for dx in (-3, 3)
    )
    return AxisBreak(_r(centre), _r(left), _r(left + BREAK_WIDTH), left_out, strokes)


class _Scale:
    """Maps days (ordinals; a day's start) to x across the stretches of the axis."""

    def __init__(self, stretches: list[Stretch]):
        self.stretches = stretches
        self._starts = [s.start for s in stretches]

    def stretch(self, day: float) -> Stretch:
        return self.stretches[max(0, bisect.bisect_right(self._starts, day) - 1)]

    def x(self, day: float, after: bool = False) -> float:
        """The x of the start of `day`, or (`after`) of the end of the day before it."""
        stretch = self.stretch(day - 1 if after else day)
        return stretch.x(day)


@dataclass(frozen=True)
class _Span:
    """An entry's place in time, worked out once for every width."""

    entry: TimelineEntry
    start: int  # its first day (ordinal)
    end: int  # the day after its last
    is_day: bool  # a single day, drawn as a dot
    is_range: bool


def _spans(entries: list[TimelineEntry]) -> list[_Span]:
    spans = []
    for entry in entries:
        first, last = entry.first_day, entry.last_day
        is_day = entry.date.precision == "day" and first == last
        is_range = entry.end is not None and entry.end != entry.date
        spans.append(_Span(entry, first.toordinal(), last.toordinal() + 1, is_day, is_range))
    return spans


@dataclass
class _Group:
    """Entries that share one mark while the lane is laid out."""

    shape: str
    x0: float
    x1: float
    entries: list[TimelineEntry]

    @property
    def extent(self) -> tuple[float, float]:
        count_room = len(str(len(self.entries))) * COUNT_CHAR_PX + 3 if len(self.entries) > 1 else 0
        if self.shape == "dot":
            centre = (self.x0 + self.x1) / 2
            return centre - DOT_R, centre + DOT_R + count_room
        return self.x0, self.x1 + count_room


def _day_x(spans: list[_Span], scale: _Scale) -> tuple[dict[int, float], bool]:
    """Where each single-day entry's dot goes: the middle of its day, or, where the day is wide
    enough for all of that day's dots, spread across it in timeline order. Keyed by position in
    `spans`; also whether any day was spread."""
    by_day: dict[int, list[int]] = {}
    for number, span in enumerate(spans):
        if span.is_day:
            by_day.setdefault(span.start, []).append(number)
    xs: dict[int, float] = {}
    spread = False
    for day, numbers in by_day.items():
        left, right = scale.x(day), scale.x(day + 1, after=True)
        room = (right - left) / (len(numbers) + 1)
        if len(numbers) > 1 and room >= SPREAD_PX:
            spread = True
            xs.update({n: left + room * (i + 1) for i, n in enumerate(numbers)})
        else:
            xs.update(dict.fromkeys(numbers, (left + right) / 2))
    return xs, spread


def _groups(spans: list[_Span], scale: _Scale, day_x: dict[int, float]) -> list[_Group]:
    groups: list[_Group] = []
    for number, span in enumerate(spans):
        entry = span.entry
        if span.is_day:
            x = day_x[number]
            last = groups[-1] if groups and groups[-1].shape == "dot" else None
            if last and x - last.x0 <= CLUSTER_PX:
                last.entries.append(entry)
                last.x1 = x
            else:
                groups.append(_Group("dot", x, x, [entry]))
            continue
        shape = "range" if span.is_range else "span"
        x0, x1 = scale.x(span.start), scale.x(span.end, after=True)
        if x1 - x0 < MIN_BAR:
            centre = (x0 + x1) / 2
            x0, x1 = centre - MIN_BAR / 2, centre + MIN_BAR / 2
        same = next(
            (g for g in reversed(groups[-8:])
             if g.shape == shape and abs(g.x0 - x0) < 0.5 and abs(g.x1 - x1) < 0.5),
            None,
        )
        if same:
            same.entries.append(entry)
        else:
            groups.append(_Group(shape, x0, x1, [entry]))
    return groups


def _mark_title(group: _Group, lang: str) -> str:
    first, last = group.entries[0], group.entries[-1]
    first_label = range_label(first.date, first.end, lang)
    if len(group.entries) == 1:
        return f"{first_label}: {first.title}"
    _ = translations_for(lang).gettext
    last_label = range_label(last.date, last.end, lang)
    when = first_label if first_label == last_label else _("%(first)s to %(last)s") % {
        "first": first_label, "last": last_label}
    return f"{when}: {len(group.entries)} {_(KIND_PLURALS[first.kind]).lower()}"


def _lane(kind: str, spans: list[_Span], scale: _Scale, top: float, lang: str) -> tuple[Lane, bool]:
    day_x, spread = _day_x(spans, scale)
    groups = sorted(_groups(spans, scale, day_x), key=lambda g: (g.extent[0], g.entries[0].order))
    row_ends: list[float] = []
    placed: list[tuple[_Group, int]] = []
    for group in groups:
        left, right = group.extent
        row = next((i for i, end in enumerate(row_ends) if end + 2 <= left), None)
        if row is None and len(row_ends) < MAX_ROWS:
            row_ends.append(right)
            row = len(row_ends) - 1
        elif row is None:
            row = min(range(len(row_ends)), key=lambda i: (row_ends[i], i))
        row_ends[row] = max(row_ends[row], right)
        placed.append((group, row))
    rows_top = top + LANE_LABEL
    marks = []
    for group, row in placed:
        y = rows_top + row * ROW + ROW / 2
        if group.shape == "dot":
            x, width, count_x = (group.x0 + group.x1) / 2, 0.0, (group.x0 + group.x1) / 2 + DOT_R + 2
        else:
            x, width, count_x = group.x0, group.x1 - group.x0, group.x1 + 2
        marks.append(Mark(
            group.shape, kind, _r(x), _r(y), _r(width), len(group.entries),
            "#" + group.entries[0].id, " ".join(e.id for e in group.entries), _mark_title(group, lang),
            _r(count_x),
        ))
    count = len(spans)
    bottom = rows_top + max(1, len(row_ends)) * ROW
    name = translations_for(lang).gettext(KIND_PLURALS[kind])
    lane = Lane(kind, name, f"{name} ({count})", _r(top), _r(bottom), _r(top + 11), tuple(marks))
    return lane, spread


def _layout(
    spans: list[_Span], bounds: list[tuple[int, int]], name: str, width: int, lang: str = DEFAULT_LANGUAGE,
) -> ChartLayout:
    scale = _Scale(axis.stretches(bounds, PAD_X, width - PAD_X, BREAK_WIDTH))
    by_kind: dict[str, list[_Span]] = {}
    for span in spans:
        by_kind.setdefault(span.entry.kind, []).append(span)
    lanes = []
    spread = False
    top = 4.0
    for kind in KINDS:
        if kind in by_kind:
            lane, spread_here = _lane(kind, by_kind[kind], scale, top, lang)
            lanes.append(lane)
            spread = spread or spread_here
            top = lane.bottom + LANE_GAP
    axis_y = _r(top + 2)
    ticks, labels, below = axis_marks(scale.stretches, axis_y, lang)
    breaks = tuple(
        _axis_break(before.x1, axis.left_out(before, after, lang), axis_y)
        for before, after in zip(scale.stretches, scale.stretches[1:], strict=False)
    )
    segments = tuple(Segment(_r(s.x0), _r(s.x1)) for s in scale.stretches)
    return ChartLayout(
        name, width, _r(axis_y + below), tuple(lanes), axis_y, segments, tuple(ticks), tuple(labels), breaks,
        tuple(s.unit for s in scale.stretches), spread,
    )


def _bounds(spans: list[_Span], period: tuple[_dt.date, _dt.date] | None) -> list[tuple[int, int]]:
    if period is not None:  # a period's page: the period (and what of its entries runs past it)
        first = min([period[0].toordinal(), *(s.start for s in spans)])
        return [(first, max([period[1].toordinal() + 1, *(s.end for s in spans)]))]
    precise = [s.entry.date.precision == "day" and (s.entry.end or s.entry.date).precision == "day" for s in spans]
    return axis.time_bounds(axis.clusters([(s.start, s.end, p) for s, p in zip(spans, precise, strict=True)]))


def layout_chart(
    entries: list[TimelineEntry], name: str, width: int, period: tuple[_dt.date, _dt.date] | None = None,
    lang: str = DEFAULT_LANGUAGE,
) -> ChartLayout:
    """The chart of `entries` (in timeline order) at one width; on a period's page, `period`
    (its first and last day) is the axis."""
    spans = _spans(entries)
    return _layout(spans, _bounds(spans, period), name, width, lang)


def _day_label(date: _dt.date, lang: str, last: bool = False) -> str:
    """An end of the axis in the coarsest words that say it exactly ("1990", "March 2024",
    "February 2, 2025"), dated as every other date of the page (CLDR's, in `lang`)."""
    if (date.month, date.day) == ((12, 31) if last else (1, 1)):
        return str(date.year)
    if date.day == 1 and not last or last and (date + _dt.timedelta(days=1)).day == 1:
        return PartialDate(date.year, date.month).label(lang)
    return PartialDate(date.year, date.month, date.day).label(lang)


def build_chart(
    entries: list[TimelineEntry], period: tuple[_dt.date, _dt.date] | None = None, lang: str = DEFAULT_LANGUAGE,
) -> Chart | None:
    """The chart at every width in `WIDTHS`, or None when nothing is dated."""
    if not entries:
        return None
    spans = _spans(entries)
    bounds = _bounds(spans, period)
    layouts = tuple(_layout(spans, bounds, name, width, lang) for name, width in WIDTHS.items())
    years = sorted({e.date.year for e in entries} | {e.last_day.year for e in entries})
    left_out = tuple(b.left_out for b in layouts[0].breaks)
    first, last = _dt.date.fromordinal(bounds[0][0]), _dt.date.fromordinal(bounds[-1][1] - 1)
    return Chart(layouts, years[0], years[-1], left_out, _day_label(first, lang), _day_label(last, lang, last=True))


__all__ = ["Chart", "ChartLayout", "build_chart", "layout_chart"]
