"""The geometry of the timeline chart, computed at build time (the SVG markup is a template).

Time runs left to right, one lane per kind of entry. Years that hold entries get equal widths and
time inside a year is linear; runs of years without entries are cut out of the axis and replaced by
a narrow break, so a story with a 2003 founding and a 2025 crisis stays readable. A day is a dot,
a range of dates is a solid bar, and a date known only to the month or year is a pale bar over that
month or year. Entries that would overlap (the same day, or days a few pixels apart) merge into one
mark with a count. The chart is laid out once per width in `WIDTHS`, so that its text is drawn at
its natural size on a phone and on a laptop; the page shows the one that fits.

Everything here is a pure function of the entries: two builds give byte-identical charts.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from explainer.core.dates import month_name
from explainer.site.timeline import KIND_PLURALS, KINDS, TimelineEntry

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
YEAR_LABEL_PX = 40  # least room between two year labels
MONTH_ABBR_PX = 30  # least room per month for "Jan"
MONTH_INITIAL_PX = 11  # least room per month for "J"
MONTH_TICK_PX = 6  # least room per month for month ticks


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
    label: str
    top: float
    bottom: float
    label_y: float
    marks: tuple[Mark, ...]

    @property
    def height(self) -> float:
        return _r(self.bottom - self.top)


@dataclass(frozen=True)
class Tick:
    x: float
    major: bool  # a year boundary (else a month boundary)
    y1: float
    y2: float


@dataclass(frozen=True)
class AxisLabel:
    x: float
    y: float
    text: str
    major: bool


@dataclass(frozen=True)
class AxisBreak:
    x: float  # centre of the break
    left: float
    right: float
    years: str  # the years left out: "2024" or "2004–2022"
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


@dataclass(frozen=True)
class Chart:
    layouts: tuple[ChartLayout, ...]
    first_year: int
    last_year: int
    left_out: tuple[str, ...]  # the year ranges cut out of the axis, in order


def _r(value: float) -> float:
    """Coordinates rounded to a tenth of a pixel, so the markup is short and stable."""
    return round(value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0


def _years_label(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _runs(years: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return runs


def _axis_break(left: float, years: str, axis_y: float) -> AxisBreak:
    """A gap in the axis, marked by two slanted strokes across it."""
    centre = left + BREAK_WIDTH / 2
    strokes = " ".join(
        f"M{_r(centre + dx - 3)} {_r(axis_y + 6)} L{_r(centre + dx + 3)} {_r(axis_y - 6)}"
        for dx in (-3, 3)
    )
    return AxisBreak(_r(centre), _r(left), _r(left + BREAK_WIDTH), years, strokes)


class _Scale:
    """Maps days to x: each year with entries gets the same width; gaps become breaks."""

    def __init__(self, years: list[int], width: int):
        self.runs = _runs(years)
        gaps = len(self.runs) - 1
        self.year_width = (width - 2 * PAD_X - gaps * BREAK_WIDTH) / len(years)
        self.year_x: dict[int, float] = {}
        self.gaps: list[tuple[float, str]] = []  # (left edge, years left out)
        self.segments: list[Segment] = []
        x = float(PAD_X)
        for number, run in enumerate(self.runs):
            if number:
                previous = self.runs[number - 1][-1]
                self.gaps.append((x, _years_label(previous + 1, run[0] - 1)))
                x += BREAK_WIDTH
            start = x
            for year in run:
                self.year_x[year] = x
                x += self.year_width
            self.segments.append(Segment(_r(start), _r(x)))

    def x(self, point: tuple[int, float]) -> float:
        """The x of a point in time given as (year, fraction of the year gone)."""
        year, fraction = point
        return self.year_x[year] + fraction * self.year_width


def _year_point(day: _dt.date, after: bool = False) -> tuple[int, float]:
    """(year, fraction of the year gone) at the start of `day`, or at its end with `after`.

    The end of 31 December is (that year, 1.0), never the start of a year that may not be drawn.
    """
    start = _dt.date(day.year, 1, 1).toordinal()
    length = _dt.date(day.year + 1, 1, 1).toordinal() - start
    return day.year, (day.toordinal() - start + after) / length


@dataclass(frozen=True)
class _Span:
    """An entry's place in time, worked out once for every width."""

    entry: TimelineEntry
    start: tuple[int, float]
    end: tuple[int, float]  # the end of its last day
    is_day: bool  # a single day, drawn as a dot
    is_range: bool


def _spans(entries: list[TimelineEntry]) -> list[_Span]:
    spans = []
    for entry in entries:
        first, last = entry.first_day, entry.last_day
        is_day = entry.date.precision == "day" and first == last
        is_range = entry.end is not None and entry.end != entry.date
        spans.append(_Span(entry, _year_point(first), _year_point(last, after=True), is_day, is_range))
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


def _groups(spans: list[_Span], scale: _Scale) -> list[_Group]:
    groups: list[_Group] = []
    for span in spans:
        entry = span.entry
        if span.is_day:
            x = (scale.x(span.start) + scale.x(span.end)) / 2
            last = groups[-1] if groups and groups[-1].shape == "dot" else None
            if last and x - last.x0 <= CLUSTER_PX:
                last.entries.append(entry)
                last.x1 = x
            else:
                groups.append(_Group("dot", x, x, [entry]))
            continue
        shape = "range" if span.is_range else "span"
        x0, x1 = scale.x(span.start), scale.x(span.end)
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


def _mark_title(group: _Group) -> str:
    first = group.entries[0]
    if len(group.entries) == 1:
        return f"{first.label}: {first.title}"
    last = group.entries[-1]
    when = first.label if first.label == last.label else f"{first.label} to {last.label}"
    return f"{when}: {len(group.entries)} {KIND_PLURALS[first.kind].lower()}"


def _lane(kind: str, spans: list[_Span], scale: _Scale, top: float) -> Lane:
    groups = sorted(_groups(spans, scale), key=lambda g: (g.extent[0], g.entries[0].order))
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
            "#" + group.entries[0].id, " ".join(e.id for e in group.entries), _mark_title(group),
            _r(count_x),
        ))
    count = len(spans)
    bottom = rows_top + max(1, len(row_ends)) * ROW
    return Lane(kind, f"{KIND_PLURALS[kind]} ({count})", _r(top), _r(bottom), _r(top + 11),
                tuple(marks))


def _axis(scale: _Scale, axis_y: float, lang: str) -> tuple[list[Tick], list[AxisLabel], float]:
    """Year and month ticks and labels; returns them and the height they need below the axis."""
    ticks: list[Tick] = []
    labels: list[AxisLabel] = []
    month_width = scale.year_width / 12
    month_text = "abbr" if month_width >= MONTH_ABBR_PX else "initial" if month_width >= MONTH_INITIAL_PX else ""
    year_y = axis_y + (27 if month_text else 15)
    last_label = -1e9
    for run in scale.runs:
        for year in run:
            x0 = scale.year_x[year]
            ticks.append(Tick(_r(x0), True, axis_y, _r(axis_y + 6)))
            if month_width >= MONTH_TICK_PX:
                for month in range(1, 12):
                    ticks.append(Tick(_r(x0 + month * month_width), False, axis_y, _r(axis_y + 3)))
            if month_text:
                for month in range(12):
                    name = month_name(month + 1, lang, "abbreviated" if month_text == "abbr" else "narrow")
                    labels.append(AxisLabel(_r(x0 + (month + 0.5) * month_width), _r(axis_y + 13), name, False))
            centre = x0 + scale.year_width / 2
            if centre - last_label >= YEAR_LABEL_PX or (year == run[0] and centre - last_label >= 30):
                labels.append(AxisLabel(_r(centre), _r(year_y), str(year), True))
                last_label = centre
        ticks.append(Tick(_r(scale.year_x[run[-1]] + scale.year_width), True, axis_y, _r(axis_y + 6)))
    return ticks, labels, year_y - axis_y + 6


def _years(spans: list[_Span]) -> list[int]:
    return sorted({y for span in spans for y in range(span.start[0], span.end[0] + 1)})


def _layout(spans: list[_Span], name: str, width: int, lang: str = "en") -> ChartLayout:
    scale = _Scale(_years(spans), width)
    by_kind: dict[str, list[_Span]] = {}
    for span in spans:
        by_kind.setdefault(span.entry.kind, []).append(span)
    lanes = []
    top = 4.0
    for kind in KINDS:
        if kind in by_kind:
            lane = _lane(kind, by_kind[kind], scale, top)
            lanes.append(lane)
            top = lane.bottom + LANE_GAP
    axis_y = _r(top + 2)
    ticks, labels, below = _axis(scale, axis_y, lang)
    breaks = tuple(_axis_break(left, years, axis_y) for left, years in scale.gaps)
    return ChartLayout(
        name, width, _r(axis_y + below), tuple(lanes), axis_y, tuple(scale.segments),
        tuple(ticks), tuple(labels), breaks,
    )


def layout_chart(entries: list[TimelineEntry], name: str, width: int) -> ChartLayout:
    """The chart of `entries` (in timeline order) at one width."""
    return _layout(_spans(entries), name, width)


def build_chart(entries: list[TimelineEntry], lang: str = "en") -> Chart | None:
    """The chart at every width in `WIDTHS` (months named in `lang`), or None when nothing is dated."""
    if not entries:
        return None
    spans = _spans(entries)
    layouts = tuple(_layout(spans, name, width, lang) for name, width in WIDTHS.items())
    years = _years(spans)
    left_out = tuple(b.years for b in layouts[0].breaks)
    return Chart(layouts, years[0], years[-1], left_out)


__all__ = ["Chart", "ChartLayout", "build_chart", "layout_chart"]
