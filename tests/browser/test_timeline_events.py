"""The timeline with events as its spine, in a real headless Chromium: quotes and agreements shown
inside their event, the chart zoomed to where the entries are (a day, a week, decades), and the
counts following the filters. On the default site and on fixture sites (tests/sites/events, and
one-day and multi-decade sites written here)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, SITES, write_site

from explainer.build.command import build_site
from explainer.core.options import BuildOptions

pytestmark = pytest.mark.browser


def _build(root: Path) -> Path:
    build_site(BuildOptions(root / "content", root / "site", base_url="/"))
    return root / "site"


@pytest.fixture(scope="module")
def default_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("default")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "seeds", root / "seeds")
    return _build(root)


@pytest.fixture(scope="module")
def events_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("events") / "events"
    shutil.copytree(SITES / "events", root)
    return _build(root)


def _events(dates: list[str]) -> str:
    spec = "-- content/site.yaml --\ntitle: Dates\n-- content/events.yaml --\n"
    for number, date in enumerate(dates):
        spec += f"- id: e{number}\n  date: {date}\n  title: Event {number}\n"
    return spec


def _open_timeline(pg, base: str):
    assert pg.goto(base + "timeline/").status == 200
    pg.wait_for_selector("#timeline-filters:not([hidden])")


def _visible_entries(pg) -> list[str]:
    return pg.eval_on_selector_all(
        ".timeline-year .timeline-entry", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)"
    )


def _shown_chart(pg) -> str:
    """The class of the one chart laid out for this width."""
    (name,) = pg.eval_on_selector_all(
        "svg.timeline-chart", "els => els.filter(e => e.getBoundingClientRect().width > 0).map(e => e.classList[1])"
    )
    return "svg." + name


def _axis_labels(pg) -> list[str]:
    return pg.eval_on_selector_all(_shown_chart(pg) + " text.chart-label", "els => els.map(e => e.textContent)")


def _dot_boxes(pg) -> list[dict]:
    return pg.eval_on_selector_all(
        _shown_chart(pg) + " .chart-kind-event circle.chart-dot",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return {x: r.x, w: r.width}; })",
    )


def test_default_timeline_has_events_with_their_quotes_and_agreements_inside(
    default_site, static_server, page, axe_check, screenshot
):
    pg = page(width=1280)
    _open_timeline(pg, static_server(default_site))
    assert _visible_entries(pg) == [
        "cecot-opening", "signing-ceremony", "rubio-remarks", "bukele-social-media-post", "musk-endorsement",
        "bruce-statement", "el-salvador-offers-to-jail-us-prisoners-published",
    ]
    assert pg.inner_text("#timeline-status") == "Showing all 7 entries."
    remarks = pg.locator("#rubio-remarks")
    assert remarks.locator(".timeline-agreements a").all_inner_texts() == [
        "Offer to house convicted prisoners, including U.S. citizens, for a fee (offered)",
        "Migratory agreement (offered)",
    ]
    assert remarks.locator(".timeline-quotes li").all_inner_texts() == [
        "Marco Rubio: “dangerous American criminals”",
        "Marco Rubio: “extraordinary migratory agreement anywhere in the world.”",
        "Marco Rubio: “incredibly grateful”",
    ]
    # The attached lists sit under the summary, above the records involved.
    tops = pg.evaluate(
        "['.timeline-summary', '.timeline-agreements', '.timeline-quotes', '.timeline-records']"
        ".map(s => document.querySelector('#rubio-remarks ' + s).getBoundingClientRect().top)"
    )
    assert tops == sorted(tops)
    # The chart: 2023 by its months, and the busy day between its neighbours, each event its own dot.
    labels = _axis_labels(pg)
    assert labels[:13] == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "2023"]
    assert labels[13:] == ["2 Feb", "3 Feb", "4 Feb", "February 2025"]
    dots = _dot_boxes(pg)
    assert len(dots) == 5
    assert all(a["x"] + a["w"] < b["x"] for a, b in zip(dots, dots[1:], strict=False))
    screenshot(pg, "timeline-events-default-1280")
    violations = axe_check(pg)
    assert not violations, violations.report()
    assert pg.console_errors == []


def test_a_record_page_timeline_says_who_spoke_without_the_words(default_site, static_server, page, axe_check):
    pg = page(width=1280)
    assert pg.goto(static_server(default_site) + "people/marco-rubio/").status == 200
    timeline = pg.locator("section:has(> h2#timeline-h)")
    spoke = timeline.locator(".timeline-spoke a")
    assert spoke.all_inner_texts() == ["Marco Rubio spoke", "Marco Rubio spoke"]
    assert timeline.locator(".timeline-spoke").all_inner_texts() == [
        "Marco Rubio spoke", "Marco Rubio spoke (3 quotes)",
    ]
    # no quote's words are listed (an event's summary may quote a phrase, as the report does)
    assert timeline.locator(".timeline-quotes").count() == 0
    shown = " ".join(timeline.locator(".timeline-title, .timeline-attached").all_inner_texts())
    assert "“" not in shown
    violations = axe_check(pg)
    assert not violations, violations.report()


def test_counts_follow_the_filters(events_site, static_server, page, axe_check):
    pg = page(width=1280)
    _open_timeline(pg, static_server(events_site))
    chart = _shown_chart(pg)

    def counts():
        return {
            "dek": pg.inner_text("main .dek .timeline-count"),
            "caption": pg.inner_text("figure.timeline-figure .timeline-count"),
            "lanes": pg.eval_on_selector_all(chart + " text.chart-lane-label", "els => els.map(e => e.textContent)"),
            "kinds": pg.eval_on_selector_all(".filter-kind", "els => els.map(e => e.textContent.trim())"),
            "ana": pg.inner_text("#timeline-record option[value=ana-lopez]"),
        }

    assert counts() == {
        "dek": "5 dated entries", "caption": "5 entries",
        "lanes": ["Events (3)", "Agreements (1)", "Quotes (1)"],
        "kinds": ["Events (3)", "Agreements (1)", "Quotes (1)"], "ana": "Ana López (3)",
    }
    pg.get_by_label("Quotes").uncheck()
    assert _visible_entries(pg) == ["talks", "pact-date", "summit", "press"]
    assert counts() == {
        "dek": "4 dated entries", "caption": "4 entries",
        "lanes": ["Events (3)", "Agreements (1)", "Quotes (0)"],
        "kinds": ["Events (3)", "Agreements (1)", "Quotes (1)"], "ana": "Ana López (2)",
    }
    pg.select_option("#timeline-record", "ben-ortiz")  # who spoke at the summit
    assert _visible_entries(pg) == ["summit"]
    assert pg.inner_text("#timeline-status") == "Showing 1 of 5 entries."
    assert counts() == {
        "dek": "1 dated entry", "caption": "1 entry",
        "lanes": ["Events (1)", "Agreements (0)", "Quotes (0)"],
        "kinds": ["Events (1)", "Agreements (0)", "Quotes (0)"], "ana": "Ana López (2)",
    }
    violations = axe_check(pg)
    assert not violations, violations.report()
    pg.get_by_role("button", name="Show everything").click()
    pg.wait_for_function("document.querySelectorAll('.timeline-year .timeline-entry[hidden]').length === 0")
    assert counts()["lanes"] == ["Events (3)", "Agreements (1)", "Quotes (1)"]
    assert pg.console_errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_a_week_is_shown_by_its_days(events_site, static_server, page, width):
    pg = page(width=width)
    _open_timeline(pg, static_server(events_site))
    days = [f"{d} Jan" for d in range(9, 18)] if width == 1280 else [str(d) for d in range(9, 18)]
    assert _axis_labels(pg) == [*days, "January 2024"]
    # the summit and the press conference, the same day, side by side in timeline order
    titles = pg.eval_on_selector_all(
        _shown_chart(pg) + " .chart-kind-event a.chart-mark", "els => els.map(e => e.dataset.entries)"
    )
    assert titles == ["talks", "summit", "press"]


def test_one_day_is_shown_between_its_neighbours(site_root, static_server, page, axe_check):
    site = _build(write_site(site_root(""), _events(["2024-05-06"] * 4)))
    pg = page(width=1280)
    _open_timeline(pg, static_server(site))
    assert _axis_labels(pg) == ["5 May", "6 May", "7 May", "May 2024"]
    dots = _dot_boxes(pg)
    assert len(dots) == 4
    assert all(a["x"] + a["w"] < b["x"] for a, b in zip(dots, dots[1:], strict=False))
    caption = pg.inner_text("figure.timeline-figure figcaption")
    assert caption.startswith(
        "4 entries on a time axis from May 5, 2024 to May 7, 2024, one row per kind. Entries of one day are "
        "spread across it in timeline order; the chart knows no times of day."
    )
    violations = axe_check(pg)
    assert not violations, violations.report()


def test_decades_are_shown_by_decades_or_years(site_root, static_server, page):
    site = _build(write_site(site_root(""), _events([str(year) for year in range(1950, 2021, 10)])))
    pg = page(width=375)
    _open_timeline(pg, static_server(site))
    assert _axis_labels(pg) == ["1950s", "1960s", "1970s", "1980s", "1990s", "2000s", "2010s"]
    pg.set_viewport_size({"width": 1280, "height": 900})
    assert _axis_labels(pg) == [str(year) for year in range(1955, 2021, 5)]
