"""The time axis of the timeline chart: which stretches of time it shows, and its ticks and labels.

The axis spans the entries it is given, with a little padding, or a period's page's period. Where
a stretch of time with nothing in it takes more than a quarter of the whole span (and at least
`MIN_GAP_DAYS`), the axis is broken there: each side becomes a stretch of its own, as wide as the
others, zoomed to its entries. A stretch's ticks and labels are chosen for its length at the
chart's width: days (under the month and year) for a day or a week, months (under the year) for a
year, years for a decade, decades for a century. Stretches start and end on their tick unit's
boundaries, so a break leaves out whole days, months or years.

Time is counted in days (`date.toordinal()`), a point in time being the start of its day. The
labels are in the site's language (`lang`): month names and dates from CLDR (`core.dates`).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass

from explainer.core.dates import PartialDate, month_name, range_label
from explainer.core.i18n import DEFAULT_LANGUAGE, translations_for

GAP_SHARE = 0.25  # a stretch without entries longer than this share of the span breaks the axis
MIN_GAP_DAYS = 14  # and never one shorter than this: a week's story keeps one axis
PAD_SHARE = 0.02  # padding on each side of a stretch, as a share of its length (at least a day)
MIN_TICK_PX = 6.0  # least room between two ticks
LABEL_GAP_PX = 4.0  # least room between two labels
CHAR_PX = 6.2  # the width of a character of axis text, roughly (11px sans-serif)
GRID_DAY_PX = 40.0  # days at least this wide get grid lines
UNITS = ("day", "month", "year", "decade", "century")
UNIT_DAYS = {"day": 1.0, "month": 30.44, "year": 365.25, "decade": 3652.5, "century": 36525.0}
UNIT_YEARS = {"decade": 10, "century": 100}
STEPS = {"day": (1, 2, 7, 14), "month": (1, 3, 6), "year": (1, 5, 10, 50),
         "decade": (1, 5, 10), "century": (1, 5, 10)}
LABEL_OVERHANG = 8.0  # how far past its stretch a label may reach (into the chart's margin or a break)


def floor_unit(day: _dt.date, unit: str) -> _dt.date:
    """The start of the unit `day` falls in."""
    if unit == "day":
        return day
    if unit == "month":
        return day.replace(day=1)
    years = UNIT_YEARS.get(unit, 1)
    return _dt.date(max(1, day.year - day.year % years), 1, 1)


def next_unit(day: _dt.date, unit: str) -> _dt.date:
    """The start of the unit after the one starting on `day`."""
    if unit == "day":
        return day + _dt.timedelta(days=1)
    if unit == "month":
        return _dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return _dt.date(min(9999, day.year + UNIT_YEARS.get(unit, 1)), 1, 1)


def boundaries(start: _dt.date, end: _dt.date, unit: str) -> Iterator[_dt.date]:
    """The starts of the units from the one holding `start` up to `end` (included)."""
    day = floor_unit(start, unit)
    while day <= end:
        yield day
        if day.year >= 9999:
            return
        day = next_unit(day, unit)


def tick_unit(days: float, width: float) -> str:
    """The finest unit whose ticks are at least `MIN_TICK_PX` apart on a stretch of `days` days."""
    per_day = width / max(days, 1.0)
    return next((u for u in UNITS if UNIT_DAYS[u] * per_day >= MIN_TICK_PX), "century")


Run = tuple[int, int, bool, bool]  # first day, the day after the last, whether each end is a precise day


def clusters(spans: list[tuple[int, int, bool]]) -> list[Run]:
    """The runs of entries the axis shows unbroken, from the entries' (first day, day after the
    last, whether their dates are precise to the day)."""
    ordered = sorted(spans)
    total = max(end for _, end, _ in ordered) - ordered[0][0]
    runs: list[list] = []
    for start, end, precise in ordered:
        if runs and start - runs[-1][1] <= max(GAP_SHARE * total, MIN_GAP_DAYS):
            if end >= runs[-1][1]:
                runs[-1][1], runs[-1][3] = end, precise if end > runs[-1][1] else precise or runs[-1][3]
        else:
            runs.append([start, end, precise, precise])
    return [(start, end, first, last) for start, end, first, last in runs]


@dataclass(frozen=True)
class Stretch:
    """A piece of the axis: the days from `start` to `end` (ordinals, `end` excluded) from x0 to x1."""

    start: int
    end: int
    x0: float
    x1: float
    unit: str  # the unit of its ticks

    def x(self, day: float) -> float:
        return self.x0 + (day - self.start) / (self.end - self.start) * (self.x1 - self.x0)

    @property
    def px_per_day(self) -> float:
        return (self.x1 - self.x0) / (self.end - self.start)


def snap_unit(days: int) -> str:
    """The unit a stretch of `days` days starts and ends on (whatever the chart's width)."""
    return "day" if days <= 92 else "month" if days <= 1461 else "year" if days <= 36525 else "decade"


def _bounds(run: Run) -> tuple[int, int]:
    """A run's stretch of time: padded a little (not on a side where a month or a year ends on
    a boundary of the stretch's unit) and widened to whole units."""
    start, end, precise_start, precise_end = run
    unit = snap_unit(end - start)
    pad = max(1, round(PAD_SHARE * (end - start)))
    first, after = _dt.date.fromordinal(start), _dt.date.fromordinal(end)
    if unit == "day" or precise_start or floor_unit(first, unit) != first:
        first = floor_unit(_dt.date.fromordinal(max(1, start - pad)), unit)
    if unit == "day" or precise_end or floor_unit(after, unit) != after:
        after = next_unit(floor_unit(_dt.date.fromordinal(end + pad - 1), unit), unit)
    return first.toordinal(), after.toordinal()


def time_bounds(runs: list[Run]) -> list[tuple[int, int]]:
    """The stretches of time of `runs`; runs whose stretches would meet share one."""
    bounds: list[tuple[int, int]] = []
    merged: list[Run] = []
    for run in runs:
        if merged and _bounds(run)[0] <= bounds[-1][1]:
            merged[-1] = (merged[-1][0], run[1], merged[-1][2], run[3])
            bounds[-1] = _bounds(merged[-1])
        else:
            merged.append(run)
            bounds.append(_bounds(run))
    return bounds


def stretches(bounds: list[tuple[int, int]], left: float, right: float, gap: float) -> list[Stretch]:
    """Stretches of time laid out as wide as each other from `left` to `right`, `gap` between."""
    width = (right - left - gap * (len(bounds) - 1)) / len(bounds)
    return [
        Stretch(start, end, left + n * (width + gap), left + n * (width + gap) + width, tick_unit(end - start, width))
        for n, (start, end) in enumerate(bounds)
    ]


def period_stretch(first: _dt.date, last: _dt.date, left: float, right: float) -> Stretch:
    """A period's page: the axis is the period (from its first to its last day)."""
    days = last.toordinal() + 1 - first.toordinal()
    return Stretch(first.toordinal(), last.toordinal() + 1, left, right, tick_unit(days, right - left))


def left_out(before: Stretch, after: Stretch, lang: str = DEFAULT_LANGUAGE) -> str:
    """The time a break leaves out, in the coarsest words that say it exactly: "1991–2018",
    "February 1991 – December 2018", "5–31 January 2024"."""
    first = _dt.date.fromordinal(before.end)
    last = _dt.date.fromordinal(after.start - 1)
    if first.month == first.day == 1 and last.month == 12 and last.day == 31:
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    if first.day == 1 and next_unit(last.replace(day=1), "month") == last + _dt.timedelta(days=1):
        return range_label(PartialDate(first.year, first.month), PartialDate(last.year, last.month), lang)
    return range_label(
        PartialDate(first.year, first.month, first.day), PartialDate(last.year, last.month, last.day), lang,
    )


def unit_text(day: _dt.date, unit: str, short: bool = False, lang: str = DEFAULT_LANGUAGE) -> str:
    """A tick's label: "3 Feb" (short: "3"), "Feb" (short: "F"), "2025", "1990s"."""
    if unit == "day":
        return str(day.day) if short else f"{day.day} {month_name(day.month, lang, 'abbreviated')}"
    if unit == "month":
        return month_name(day.month, lang, "narrow" if short else "abbreviated")
    if unit == "year":
        return str(day.year)
    return translations_for(lang).gettext("%(decade)ds") % {"decade": day.year}


def context_text(day: _dt.date, unit: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The label of the unit above: "February 2025" above days, "2025" above months."""
    return PartialDate(day.year, day.month).label(lang) if unit == "day" else str(day.year)


def text_px(text: str) -> float:
    return len(text) * CHAR_PX


def _r(value: float) -> float:
    """Coordinates rounded to a tenth of a pixel, so the markup is short and stable."""
    return round(value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0


@dataclass(frozen=True)
class Tick:
    x: float
    major: bool  # a boundary of the unit above the stretch's (a month's start under days), or a stretch's edge
    y1: float
    y2: float


@dataclass(frozen=True)
class AxisLabel:
    x: float
    y: float
    text: str
    major: bool


def label_plan(stretch: Stretch, lang: str = DEFAULT_LANGUAGE) -> tuple[int, bool]:
    """How often the stretch's unit is labelled (every `step`-th) and whether in short form."""
    room = UNIT_DAYS[stretch.unit] * stretch.px_per_day
    sample = _dt.date(2000, 12, 28)
    for step in STEPS[stretch.unit]:
        for short in (False, True) if step == 1 and stretch.unit in ("day", "month") else (False,):
            if room * step >= text_px(unit_text(sample, stretch.unit, short, lang)) + LABEL_GAP_PX:
                return step, short
    return 0, False


def _skipped(start: _dt.date, number: int, step: int, unit: str) -> bool:
    """Whether a unit goes unlabelled: only every `step`-th day or month, and years, decades and
    centuries at round numbers, are labelled."""
    if unit in ("day", "month"):
        return number % step != 0
    return start.year % (step * UNIT_YEARS.get(unit, 1)) != 0


CONTEXT_UNIT = {"day": "month", "month": "year"}


def _place(labels: list[AxisLabel], ends: dict[float, float], x: float, y: float, text: str, major: bool,
           low: float, high: float, movable: bool = True) -> None:
    """Add a label centred on `x`, kept between `low` and `high` (or left out if it is not
    `movable` and would have to move), unless it would touch the last one of its row."""
    half = text_px(text) / 2
    low, high = low - LABEL_OVERHANG, high + LABEL_OVERHANG
    kept = min(max(x, low + half), high - half) if high - low >= 2 * half else (low + high) / 2
    if not movable and abs(kept - x) > 0.5:
        return
    x = kept
    if x - half >= ends.get(y, -1e9) + LABEL_GAP_PX:
        labels.append(AxisLabel(_r(x), _r(y), text, major))
        ends[y] = x + half


def axis_marks(
    stretches: list[Stretch], axis_y: float, lang: str = DEFAULT_LANGUAGE,
) -> tuple[list[Tick], list[AxisLabel], float]:
    """Each stretch's ticks and labels: its unit (days, months, years, decades or centuries) and,
    under days or months, the month or year they are in; returns them and the room they need."""
    ticks: list[Tick] = []
    labels: list[AxisLabel] = []
    ends: dict[float, float] = {}
    context = any(s.unit in CONTEXT_UNIT for s in stretches)
    unit_y, context_y = axis_y + (13 if context else 15), axis_y + 27
    for stretch in stretches:
        first, last = _dt.date.fromordinal(stretch.start), _dt.date.fromordinal(stretch.end - 1)
        above = CONTEXT_UNIT.get(stretch.unit, "")
        grid_days = stretch.unit == "day" and stretch.px_per_day >= GRID_DAY_PX
        ticks.append(Tick(_r(stretch.x0), True, axis_y, _r(axis_y + 6)))
        step, short = label_plan(stretch, lang)
        for number, start in enumerate(boundaries(first, last, stretch.unit)):
            day, following = start.toordinal(), next_unit(start, stretch.unit).toordinal()
            if day > stretch.start:
                major = grid_days or bool(above) and floor_unit(start, above) == start
                ticks.append(Tick(_r(stretch.x(day)), major, axis_y, _r(axis_y + (6 if major else 3))))
            if not step or _skipped(start, number, step, stretch.unit):
                continue
            left, right = stretch.x(max(day, stretch.start)), stretch.x(min(following, stretch.end))
            x = (left + right) / 2 if step == 1 else stretch.x(max(day, stretch.start))
            _place(labels, ends, x, unit_y, unit_text(start, stretch.unit, short, lang), not above,
                   stretch.x0, stretch.x1, movable=step == 1)
        ticks.append(Tick(_r(stretch.x1), True, axis_y, _r(axis_y + 6)))
        if above:
            for start in boundaries(first, last, above):
                left = stretch.x(max(start.toordinal(), stretch.start))
                right = stretch.x(min(next_unit(start, above).toordinal(), stretch.end))
                _place(labels, ends, (left + right) / 2, context_y, context_text(start, stretch.unit, lang), True,
                       stretch.x0, stretch.x1)
    return ticks, labels, (context_y if context else unit_y) - axis_y + 6


__all__ = ["AxisLabel", "Stretch", "Tick", "axis_marks", "clusters", "left_out", "period_stretch", "stretches", "tick_unit", "time_bounds"]
