"""WCAG 2.1 A and AA (axe-core) on every kind of page of the default story, in the light and the
dark theme, at laptop and phone widths; colour contrast included, so the muted text, the badges
and the links are checked against both palettes."""

from __future__ import annotations

import pytest

from .site_pages import MISSING, page_paths

pytestmark = pytest.mark.browser

KINDS = (
    "home", "article", "page", "person", "institution", "agreement", "place", "source", "collection",
    "glossary", "glossary term", "timeline", "quotes", "graph", "search", "404",
)


def open_kind(page, site, base, kind, **options):
    paths = page_paths(site)
    if kind not in paths:
        pytest.skip(f"the default site has no {kind} page")
    pg = page(**options)
    response = pg.goto(base + paths[kind])
    assert response.status == (404 if paths[kind] == MISSING else 200)
    pg.evaluate("document.fonts.ready")
    return pg


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_page_kind_passes_axe(built_default_site, default_site_url, page, axe_check, kind, scheme):
    pg = open_kind(page, built_default_site, default_site_url, kind, color_scheme=scheme)
    violations = axe_check(pg)
    assert not violations, violations.report()
    # the only error allowed: the browser's own note that the missing page's status was 404
    errors = [e for e in pg.console_errors if not (kind == "404" and "status of 404" in e)]
    assert errors == []


@pytest.mark.parametrize("kind", ["home", "person", "agreement", "timeline"])
def test_phone_layout_passes_axe(built_default_site, default_site_url, page, axe_check, kind):
    pg = open_kind(page, built_default_site, default_site_url, kind, width=375)
    violations = axe_check(pg)
    assert not violations, violations.report()


@pytest.mark.parametrize("chosen", ["light", "dark"])
def test_a_theme_chosen_against_the_system_passes_axe(built_default_site, default_site_url, page, axe_check, chosen):
    # The toggle's themes are the same palettes, applied through data-theme instead of the media
    # query: check them where the two disagree.
    system = "dark" if chosen == "light" else "light"
    pg = open_kind(page, built_default_site, default_site_url, "agreement", color_scheme=system)
    pg.evaluate(f"localStorage.setItem('explainer-theme', '{chosen}')")
    pg.reload()
    assert pg.evaluate("document.documentElement.dataset.theme") == chosen
    violations = axe_check(pg)
    assert not violations, violations.report()


def test_open_tooltips_and_previews_pass_axe(built_default_site, default_site_url, page, axe_check):
    pg = open_kind(page, built_default_site, default_site_url, "article")
    pg.locator(".prose a.mention").first.focus()
    pg.locator(".preview-card:not([hidden])").wait_for()
    violations = axe_check(pg)
    assert not violations, violations.report()
    pg.locator(".prose .gloss a").first.focus()
    assert pg.locator(".prose .gloss [role=tooltip]").first.is_visible()
    violations = axe_check(pg)
    assert not violations, violations.report()
