"""The timeline chart: broken axis, lanes, marks, and byte-identical output from two builds."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from explainer.build.command import build_site
from explainer.build.pipeline import load_site
from explainer.core.dates import PartialDate
from explainer.core.errors import Reporter
from explainer.core.options import BuildOptions
from explainer.site.timeline import TimelineEntry
from explainer.views.timeline_axis import Stretch, clusters, left_out, time_bounds
from explainer.views.timeline_chart import MAX_ROWS, WIDTHS, build_chart, layout_chart

FIXTURE = Path(__file__).resolve().parents[1] / "sites" / "timeline"


def entry(entry_id: str, date: PartialDate, end: PartialDate | None = None, kind: str = "event",
          order: int = 0) -> TimelineEntry:
    return TimelineEntry(entry_id, date, end, kind, entry_id.title(), None, (), (), order)


def build_twice(tmp_path: Path) -> tuple[Path, Path]:
    outs = []
    for name in ("one", "two"):
        root = tmp_path / name
        shutil.copytree(FIXTURE, root)
        build_site(BuildOptions(root / "content", root / "site"))
        outs.append(root / "site")
    return outs[0], outs[1]


def test_two_builds_are_byte_identical(tmp_path):
    one, two = build_twice(tmp_path)
    for path in ("timeline/index.html", "timeline.json", "timeline.ics", "glossary.json",
                 "glossary/index.html", "glossary/angel-clause/index.html"):
        assert (one / path).read_bytes() == (two / path).read_bytes(), path


@pytest.fixture(scope="module")
def timeline_page(tmp_path_factory) -> BeautifulSoup:
    root = tmp_path_factory.mktemp("chart") / "root"
    shutil.copytree(FIXTURE, root)
    build_site(BuildOptions(root / "content", root / "site"))
    return BeautifulSoup((root / "site" / "timeline" / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_one_svg_per_width_hidden_from_assistive_technology(timeline_page):
    svgs = timeline_page.select("figure.timeline-figure > svg")
    assert [(s["class"][1], s["width"], s["aria-hidden"]) for s in svgs] == [
        ("timeline-chart-narrow", "340", "true"),
        ("timeline-chart-medium", "700", "true"),
        ("timeline-chart-wide", "1100", "true"),
    ]
    # marks jump to their entry in the list but stay out of the tab order
    marks = svgs[0].select("a.chart-mark")
    assert all(a["tabindex"] == "-1" and a["href"].startswith("#") for a in marks)
    ids = {li["id"] for li in timeline_page.select("li.timeline-entry")}
    assert {a["href"][1:] for a in marks} <= ids
    assert {i for a in marks for i in a["data-entries"].split()} == ids


def test_caption_describes_the_chart_and_its_breaks(timeline_page):
    caption = timeline_page.select_one("figure.timeline-figure figcaption")
    assert caption.get_text(" ", strip=True).startswith(
        "13 entries on a time axis from 1990 to 2024, one row per kind. "
        "Time without entries is cut out where the axis breaks: 1991–2018."
    )
    legend = [li.get_text(" ", strip=True) for li in caption.select(".chart-legend li")]
    assert legend == [
        "one day", "from one date to another", "sometime in that month or year",
        "time without entries, left out",
    ]


def test_lanes_per_kind_with_labels(timeline_page):
    svg = timeline_page.select_one("svg.timeline-chart-narrow")
    labels = [t.get_text() for t in svg.select("text.chart-lane-label")]
    assert labels == [
        "Events (6)", "Agreements (1)", "Roles (2)", "Foundings (1)", "Quotes (2)", "Articles (1)",
    ]
    # 2019–2024 is one stretch: the two years between 2019 and 2021 are too short a gap to cut out
    breaks = [p.title.get_text() for p in svg.select("path.chart-break")]
    assert breaks == ["Left out: 1991–2018"]
    # 1990 by its months under the year; 2019–2024 by its years, at 340px every fifth one labelled
    years = [t.get_text() for t in svg.select("text.chart-label-year")]
    assert years == ["1990", "2020"]
    months = [t.get_text() for t in svg.select("text.chart-label:not(.chart-label-year)")]
    assert months == list("JFMAMJJASOND")
    wide = timeline_page.select_one("svg.timeline-chart-wide")
    assert [t.get_text() for t in wide.select("text.chart-label-year")] == [
        "1990", "2019", "2020", "2021", "2022", "2023", "2024",
    ]


def fixture_entries(tmp_path: Path) -> list[TimelineEntry]:
    root = tmp_path / "root"
    shutil.copytree(FIXTURE, root)
    options = BuildOptions(root / "content", root / "site")
    return load_site(options, Reporter(root)).timeline


def test_marks_by_shape(tmp_path):
    layout = layout_chart(fixture_entries(tmp_path), "wide", WIDTHS["wide"])
    marks = {m.entries: (m.shape, m.count) for lane in layout.lanes for m in lane.marks}
    assert marks == {
        "e-inquiry": ("range", 1),
        "f-new-year": ("range", 1),
        "c-year": ("span", 1),
        "d-month": ("span", 1),
        "a-talks": ("dot", 1),
        "b-summit": ("range", 1),
        "accord-date": ("dot", 1),
        "ana-lopez-role-0-start": ("span", 1),
        "ana-lopez-role-0-end": ("dot", 1),
        "ministry-founded": ("span", 1),
        "z-promise-said a-thanks-said": ("dot", 2),
        "story-published": ("dot", 1),
    }
    for lane in layout.lanes:
        for mark in lane.marks:
            assert 0 <= mark.x and mark.x + mark.width <= layout.width
            assert lane.top < mark.y < lane.bottom


def test_time_runs_left_to_right_across_breaks():
    entries = [
        entry("a", PartialDate(2001, 3, 1)), entry("b", PartialDate(2010, 6, 1)),
        entry("c", PartialDate(2010, 9, 20)),
    ]
    layout = layout_chart(entries, "narrow", 340)
    xs = [m.x for m in layout.lanes[0].marks]
    assert xs == sorted(xs) and len(xs) == 3
    # a day on its own (a day either side) and June to September 2010 (by month, a month before)
    assert [b.left_out for b in layout.breaks] == ["March 3, 2001\u2009–\u2009April 30, 2010"]
    assert layout.units == ("day", "month")
    (gap,) = layout.breaks
    assert layout.segments[0].x1 == gap.left and gap.right == layout.segments[1].x0
    assert layout.segments[0].x1 - layout.segments[0].x0 == layout.segments[1].x1 - layout.segments[1].x0


def test_nearby_days_merge_into_one_mark_with_a_count():
    entries = [entry(f"e{n}", PartialDate(2020, 5, 1 + n % 2), order=n) for n in range(5)]
    entries.append(entry("later", PartialDate(2020, 11, 1), order=9))
    # a role every month keeps 2020 one stretch of the axis, where two days are a pixel apart
    entries += [entry(f"r{m}", PartialDate(2020, m, 1), kind="role", order=20 + m) for m in range(1, 13)]
    lane = layout_chart(sorted(entries, key=lambda e: e.sort_key), "narrow", 340).lanes[0]
    assert [(m.count, m.title) for m in lane.marks] == [
        (5, "May 1, 2020 to May 2, 2020: 5 events"), (1, "November 1, 2020: Later"),
    ]


def test_overlapping_ranges_stack_up_to_a_limit():
    entries = [
        entry(f"r{n}", PartialDate(2020, 1, 1 + n), PartialDate(2020, 12, 1), order=n) for n in range(8)
    ]
    (lane,) = layout_chart(entries, "wide", 1100).lanes
    rows = sorted({m.y for m in lane.marks})
    assert len(rows) == MAX_ROWS
    assert lane.bottom - lane.top == 16 + MAX_ROWS * 14


def test_no_chart_without_entries():
    assert build_chart([]) is None


def labels(layout) -> list[str]:
    return [label.text for label in layout.labels]


def test_one_day_is_shown_as_its_day_between_its_neighbours_with_its_entries_spread_across_it():
    entries = [entry(f"e{n}", PartialDate(2024, 1, 15), order=n) for n in range(3)]
    chart = build_chart(entries)
    assert (chart.start, chart.end, chart.left_out) == ("January 14, 2024", "January 16, 2024", ())
    for layout in chart.layouts:
        assert layout.units == ("day",) and layout.spread
        assert labels(layout) == ["14 Jan", "15 Jan", "16 Jan", "January 2024"]
        (segment,) = layout.segments
        third = (segment.x1 - segment.x0) / 3
        day = (segment.x0 + third, segment.x0 + 2 * third)
        xs = [m.x for m in layout.lanes[0].marks]
        assert [m.count for m in layout.lanes[0].marks] == [1, 1, 1]
        assert xs == sorted(xs) and day[0] < xs[0] and xs[-1] < day[1]
        assert round(xs[1] - xs[0], 1) == round(xs[2] - xs[1], 1) == round(third / 4, 1)


def test_a_week_is_shown_by_its_days():
    entries = [entry(f"e{n}", PartialDate(2024, 1, d), order=n) for n, d in enumerate((10, 12, 15, 16))]
    chart = build_chart(entries)
    assert (chart.start, chart.end, chart.left_out) == ("January 9, 2024", "January 17, 2024", ())
    wide = chart.layouts[-1]
    assert wide.units == ("day",) and not wide.spread
    assert labels(wide) == [f"{d} Jan" for d in range(9, 18)] + ["January 2024"]
    # at 340px a day's number is enough
    assert labels(chart.layouts[0]) == [str(d) for d in range(9, 18)] + ["January 2024"]
    xs = [m.x for m in wide.lanes[0].marks]
    (segment,) = wide.segments
    per_day = (segment.x1 - segment.x0) / 9
    assert [round((x - segment.x0) / per_day, 2) for x in xs] == [1.5, 3.5, 6.5, 7.5]


def test_decades_are_shown_by_years_or_decades_as_the_width_allows():
    entries = [entry(f"e{y}", PartialDate(y), order=y) for y in range(1950, 2021, 10)]
    chart = build_chart(entries)
    assert (chart.start, chart.end, chart.left_out) == ("1950", "2020", ())
    narrow, medium, wide = chart.layouts
    assert narrow.units == ("decade",)
    assert labels(narrow) == ["1950s", "1960s", "1970s", "1980s", "1990s", "2000s", "2010s"]
    assert medium.units == wide.units == ("year",)
    # every fifth year (1950 would reach past the chart's edge)
    assert labels(wide) == [str(y) for y in range(1955, 2021, 5)]
    assert all(m.shape == "span" for m in wide.lanes[0].marks)


def test_a_period_page_chart_spans_the_period():
    entries = [entry("a", PartialDate(2024, 3, 5)), entry("b", PartialDate(2024, 3, 6), order=1)]
    chart = build_chart(entries, (dt.date(2024, 3, 1), dt.date(2024, 3, 31)))
    assert (chart.start, chart.end, chart.left_out) == ("March 2024", "March 2024", ())
    wide = chart.layouts[-1]
    assert wide.units == ("day",)
    assert labels(wide) == [str(d) for d in range(1, 32)] + ["March 2024"]


def day(text: str) -> int:
    return dt.date.fromisoformat(text).toordinal()


def test_the_axis_breaks_only_where_a_long_stretch_holds_nothing():
    week = [(day("2024-01-10"), day("2024-01-11"), True), (day("2024-01-15"), day("2024-01-17"), True)]
    assert clusters(week) == [(day("2024-01-10"), day("2024-01-17"), True, True)]
    # a year known only as a year, and a day two years on: two runs
    story = [(day("2023-01-01"), day("2024-01-01"), False), (day("2025-02-03"), day("2025-02-04"), True)]
    assert clusters(story) == [
        (day("2023-01-01"), day("2024-01-01"), False, False), (day("2025-02-03"), day("2025-02-04"), True, True),
    ]
    # the year fills its stretch (no padding past its ends); the day has a day either side
    assert time_bounds(clusters(story)) == [
        (day("2023-01-01"), day("2024-01-01")), (day("2025-02-02"), day("2025-02-05")),
    ]


@pytest.mark.parametrize(("before", "after", "words"), [
    (("1990-01-01", "1991-01-01"), ("2019-01-01", "2025-01-01"), "1991–2018"),
    (("1990-01-01", "1991-01-01"), ("1992-01-01", "1993-01-01"), "1991"),
    (("2023-01-01", "2024-02-01"), ("2024-06-01", "2024-07-01"), "February\u2009–\u2009May 2024"),
    (("2024-01-01", "2024-01-05"), ("2024-02-02", "2024-02-05"), "January 5\u2009–\u2009February 1, 2024"),
])
def test_a_break_says_what_it_leaves_out_in_the_coarsest_exact_words(before, after, words):
    one = Stretch(day(before[0]), day(before[1]), 0, 100, "day")
    two = Stretch(day(after[0]), day(after[1]), 128, 228, "day")
    assert left_out(one, two) == words
