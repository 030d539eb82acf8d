"""The timeline and glossary pages in a real headless Chromium: layout at phone and laptop widths
(screenshots go to test-artifacts/screenshots/), the filters, the page without JavaScript, and
WCAG 2.1 AA checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explainer.build.command import build_site
from explainer.core.options import BuildOptions

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "sites" / "timeline"
VARIANT_FOR_WIDTH = {375: "narrow", 1280: "wide"}


def _build(content: Path, out: Path) -> Path:
    build_site(BuildOptions(content, out, base_url="/"))
    return out


@pytest.fixture(scope="module")
def default_site(tmp_path_factory) -> Path:
    return _build(REPO / "content", tmp_path_factory.mktemp("default") / "site")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    return _build(FIXTURE / "content", tmp_path_factory.mktemp("fixture") / "site")


def _no_horizontal_scroll(pg) -> None:
    client = pg.evaluate("document.documentElement.clientWidth")
    scroll = pg.evaluate("document.documentElement.scrollWidth")
    assert scroll <= client, f"page scrolls sideways: {scroll}px of content in {client}px"


def _visible_entry_ids(pg) -> list[str]:
    return pg.eval_on_selector_all(
        ".timeline-year .timeline-entry", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)"
    )


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("site_name", ["default", "fixture"])
def test_timeline_fits_and_is_readable(
    request, site_name, width, static_server, page, axe_check, screenshot
):
    site = request.getfixturevalue(f"{site_name}_site")
    pg = page(width=width)
    assert pg.goto(static_server(site) + "timeline/").status == 200
    pg.wait_for_selector("#timeline-filters:not([hidden])")
    _no_horizontal_scroll(pg)

    # Exactly one chart is shown: the one laid out for this width, at its natural size.
    shown = pg.eval_on_selector_all(
        "svg.timeline-chart", "els => els.filter(e => e.getBoundingClientRect().width > 0)"
        ".map(e => [e.classList[1], e.getBoundingClientRect().width, e.getBoundingClientRect().right])",
    )
    assert [name for name, _, _ in shown] == [f"timeline-chart-{VARIANT_FOR_WIDTH[width]}"]
    _, chart_width, chart_right = shown[0]
    assert chart_right <= width
    # Drawn at (nearly) its natural size, so its 10-12px text stays 10-12px on screen.
    natural = {"narrow": 340, "wide": 1100}[VARIANT_FOR_WIDTH[width]]
    assert chart_width >= natural * 0.95

    screenshot(pg, f"timeline-{site_name}-{width}")
    violations = axe_check(pg)
    assert not violations, violations.report()
    assert pg.console_errors == []


def test_timeline_dark_scheme_screenshot(default_site, static_server, page, axe_check, screenshot):
    pg = page(width=375, color_scheme="dark")
    pg.goto(static_server(default_site) + "timeline/")
    pg.wait_for_selector("#timeline-filters:not([hidden])")
    _no_horizontal_scroll(pg)
    screenshot(pg, "timeline-default-dark-375")
    violations = axe_check(pg)
    assert not violations, violations.report()


def test_filters_by_kind_and_record_without_reload(fixture_site, static_server, page):
    pg = page(width=1280)
    base = static_server(fixture_site)
    pg.goto(base + "timeline/")
    pg.wait_for_selector("#timeline-filters:not([hidden])")
    everything = _visible_entry_ids(pg)
    assert len(everything) == 13
    assert pg.inner_text("#timeline-status") == "Showing all 13 entries."

    pg.evaluate("window.loadMarker = 1")  # gone if the page reloads
    pg.get_by_label("Quotes").uncheck()
    assert _visible_entry_ids(pg) == [e for e in everything if not e.endswith("-said")]
    assert pg.inner_text("#timeline-status") == "Showing 11 of 13 entries."
    assert pg.url.endswith("timeline/?kind=event,agreement,role,founding,article")
    # The quotes' mark on the chart is dimmed, the others are not.
    dimmed = pg.eval_on_selector_all(
        ".timeline-chart-wide .chart-mark.is-dimmed", "els => els.map(e => e.dataset.entries)"
    )
    assert dimmed == ["z-promise-said a-thanks-said"]

    pg.select_option("#timeline-record", "ruritania")
    # The article mentions Ruritania, so its publication is among its entries.
    assert _visible_entry_ids(pg) == ["ministry-founded", "b-summit", "accord-date", "story-published"]
    assert pg.url.endswith("timeline/?kind=event,agreement,role,founding,article&record=ruritania")
    # Years and months left without entries are hidden with them.
    headings = pg.eval_on_selector_all(
        ".timeline-year h2, .timeline-year h3", "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent)"
    )
    assert headings == ["1990", "2024", "January 2024"]
    jumps = pg.eval_on_selector_all(
        ".timeline-years a", "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent)"
    )
    assert jumps == ["1990", "2024"]

    pg.get_by_role("button", name="Show everything").click()
    pg.wait_for_function("document.querySelectorAll('.timeline-year .timeline-entry[hidden]').length === 0")
    assert _visible_entry_ids(pg) == everything
    assert pg.url.endswith("/timeline/")
    assert pg.evaluate("window.loadMarker") == 1
    assert pg.console_errors == []


def test_record_page_links_to_its_slice_of_the_timeline(fixture_site, static_server, page):
    pg = page(width=375)
    base = static_server(fixture_site)
    pg.goto(base + "institutions/ministry/")
    pg.get_by_role("link", name="See this on the full timeline").click()
    pg.wait_for_selector("#timeline-filters:not([hidden])")
    assert pg.input_value("#timeline-record") == "ministry"
    assert _visible_entry_ids(pg) == ["ministry-founded", "ana-lopez-role-0-start", "ana-lopez-role-0-end"]


def test_without_javascript_everything_shows(fixture_site, static_server, page):
    pg = page(width=375, javascript=False)
    pg.goto(static_server(fixture_site) + "timeline/?kind=quote")
    assert not pg.is_visible("#timeline-filters")
    assert len(_visible_entry_ids(pg)) == 13
    _no_horizontal_scroll(pg)


@pytest.mark.parametrize("width", [375, 1280])
def test_glossary_fits(fixture_site, default_site, width, static_server, page, axe_check, screenshot):
    for name, site in (("fixture", fixture_site), ("default", default_site)):
        pg = page(width=width)
        base = static_server(site)
        pg.goto(base + "glossary/")
        _no_horizontal_scroll(pg)
        screenshot(pg, f"glossary-{name}-{width}")
        violations = axe_check(pg)
        assert not violations, violations.report()
    pg.goto(base + "glossary/memorandum-of-understanding/")
    _no_horizontal_scroll(pg)
    screenshot(pg, f"glossary-term-{width}")
    violations = axe_check(pg)
    assert not violations, violations.report()


# The same fixture with four entries a page: the timeline, the indexes and the glossary are split ----

@pytest.fixture(scope="module")
def paged_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("paged") / "root"
    shutil.copytree(FIXTURE, root)
    site_yaml = root / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "page_size: 4\n", encoding="utf-8")
    return _build(root / "content", root / "site")


def test_the_filters_work_on_each_page_of_a_split_timeline(paged_site, static_server, page):
    pg = page(width=1280)
    base = static_server(paged_site)
    pg.goto(base + "timeline/")
    assert not pg.locator(".timeline-entry").count()  # the overview: years and months, no entries
    pg.get_by_role("link", name="January").click()
    pg.wait_for_url("**/timeline/2024/01/")
    pg.wait_for_selector("#timeline-filters:not([hidden])")
    first = _visible_entry_ids(pg)
    assert len(first) == 4 and pg.inner_text("#timeline-status") == "Showing all 4 entries."
    kinds = dict(pg.eval_on_selector_all(".timeline-entry", "els => els.map(e => [e.id, e.dataset.kind])"))
    pg.get_by_label("Events").uncheck()
    assert _visible_entry_ids(pg) == [e for e in first if kinds[e] != "event"] != first
    pg.get_by_role("link", name="Next page").click()
    pg.wait_for_url("**/timeline/2024/01/page/2/")
    pg.wait_for_selector("#timeline-filters:not([hidden])")
    second = _visible_entry_ids(pg)
    assert len(second) == 4 and not set(first) & set(second)
    records = dict(pg.eval_on_selector_all(".timeline-entry", "els => els.map(e => [e.id, e.dataset.records])"))
    pg.select_option("#timeline-record", "ruritania")
    shown = _visible_entry_ids(pg)
    assert shown == [e for e in second if "ruritania" in records[e].split()] and 0 < len(shown) < 4
    assert pg.url.endswith("timeline/2024/01/page/2/?record=ruritania")
    assert pg.console_errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_the_pages_of_split_lists_fit_and_pass_axe(paged_site, width, static_server, page, axe_check, screenshot):
    base = static_server(paged_site)
    for path in ("timeline/", "timeline/2024/", "timeline/2024/01/page/2/", "glossary/", "glossary/a/",
                 "people/ana-lopez/timeline/"):
        pg = page(width=width)
        assert pg.goto(base + path).status == 200, path
        _no_horizontal_scroll(pg)
        screenshot(pg, f"paged-{path.strip('/').replace('/', '-')}-{width}")
        violations = axe_check(pg)
        assert not violations, (path, violations.report())
