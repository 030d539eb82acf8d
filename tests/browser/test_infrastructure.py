"""Proves the browser-test infrastructure in conftest.py works: Chromium
launches, the static server serves (also under a sub-path), screenshots are
written, axe-core finds real violations and none on an accessible page."""

from __future__ import annotations

import struct
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.browser

GOOD_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>A good page</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<header><p><a href="index.html">Explainers</a></p></header>
<main>
<h1>What is the CECOT?</h1>
<p>A plain, accessible paragraph with enough contrast.</p>
<img src="pixel.svg" alt="A black square" width="40" height="40">
</main>
<footer><p>Footer text</p></footer>
</body>
</html>
"""

BAD_HTML = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A bad page</title></head>
<body>
<main>
<h1>Inaccessible</h1>
<img src="pixel.svg">
</main>
</body>
</html>
"""

EXTERNAL_HTML = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>External</title>
<script src="https://cdn.example.com/tracker.js"></script></head>
<body><main><h1>External</h1></main></body>
</html>
"""

STYLE_CSS = """
:root { color-scheme: light dark; --bg: #ffffff; --fg: #111111; }
@media (prefers-color-scheme: dark) { :root { --bg: #101010; --fg: #eeeeee; } }
body { background: var(--bg); color: var(--fg); font-family: sans-serif; margin: 1rem; }
a { color: inherit; }
"""

PIXEL_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
    '<rect width="40" height="40" fill="#000"/></svg>'
)

NOT_FOUND_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><main><h1>Page not found</h1></main></body></html>
"""


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(GOOD_HTML, encoding="utf-8")
    (root / "bad.html").write_text(BAD_HTML, encoding="utf-8")
    (root / "external.html").write_text(EXTERNAL_HTML, encoding="utf-8")
    (root / "style.css").write_text(STYLE_CSS, encoding="utf-8")
    (root / "pixel.svg").write_text(PIXEL_SVG, encoding="utf-8")
    (root / "404.html").write_text(NOT_FOUND_HTML, encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "index.html").write_text(GOOD_HTML, encoding="utf-8")
    return root


def _png_size(path):
    with open(path, "rb") as f:
        header = f.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", header[16:24])


def _status(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_chromium_found(chromium_path, browser):
    assert chromium_path
    assert browser.version


def test_good_page_has_no_wcag_violations(
    site, static_server, page, axe_check, screenshot
):
    base = static_server(site)
    assert base.startswith("http://127.0.0.1:") and base.endswith("/")

    pg = page(width=375, color_scheme="light")
    response = pg.goto(base + "index.html")
    assert response.status == 200
    assert pg.title() == "A good page"
    # The meta viewport is honoured: a phone-width layout, no sideways scroll.
    assert pg.evaluate("document.documentElement.clientWidth") == 375
    assert pg.evaluate("document.documentElement.scrollWidth") <= 375

    shot = screenshot(pg, "good-375")
    assert shot.is_file()
    width, height = _png_size(shot)
    assert width == 375 and height >= 100

    violations = axe_check(pg)
    assert not violations, violations.report()
    assert pg.console_errors == []
    assert pg.blocked_requests == []


def test_bad_page_reports_image_alt(site, static_server, page, axe_check):
    base = static_server(site)
    pg = page(width=1280)
    pg.goto(base + "bad.html")

    violations = axe_check(pg)
    assert "image-alt" in violations.ids(), violations.report()
    report = violations.report()
    assert "image-alt" in report and "pixel.svg" in report


def test_axe_is_limited_to_wcag_tags(site, static_server, page, axe_check):
    # Text outside any landmark breaks axe's "region" rule, which is tagged
    # best-practice only: reported on request, not in the WCAG 2.1 A/AA run.
    (site / "nolandmark.html").write_text(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>t</title></head>"
        "<body><h1>t</h1><p>Loose text</p></body></html>",
        encoding="utf-8",
    )
    pg = page(width=1280)
    pg.goto(static_server(site) + "nolandmark.html")
    assert "region" not in axe_check(pg).ids()
    assert "region" in axe_check(pg, tags=["best-practice"]).ids()


def test_axe_rules_can_be_disabled(site, static_server, page, axe_check):
    pg = page(width=1280)
    pg.goto(static_server(site) + "bad.html")
    assert "image-alt" not in axe_check(pg, disable_rules=["image-alt"]).ids()


@pytest.mark.parametrize("width", [375, 1280])
def test_served_under_sub_path(site, static_server, page, axe_check, screenshot, width):
    base = static_server(site, prefix="/explainers/cecot/")
    assert base.endswith("/explainers/cecot/")
    origin = base[: -len("/explainers/cecot/")]

    pg = page(width=width, color_scheme="dark")
    assert pg.goto(base).status == 200  # directory index
    # Relative stylesheet resolved under the prefix and applied (dark scheme).
    bg = pg.evaluate("getComputedStyle(document.body).backgroundColor")
    assert bg == "rgb(16, 16, 16)"
    assert pg.evaluate("document.documentElement.clientWidth") == width
    assert not axe_check(pg), axe_check(pg).report()
    screenshot(pg, f"subpath-dark-{width}")

    # Sub-folder index, and redirect of the bare prefix to its slash form.
    assert pg.goto(base + "sub/").status == 200
    pg.goto(origin + "/explainers/cecot")
    assert pg.url == base

    # Outside the prefix: plain 404; inside: the site's 404.html with 404.
    status, _ = _status(origin + "/index.html")
    assert status == 404
    status, body = _status(base + "missing.html")
    assert status == 404 and b"Page not found" in body
    # No directory listings.
    (site / "empty").mkdir()
    assert _status(base + "empty/")[0] == 404


def test_light_and_dark_schemes_differ(site, static_server, page):
    base = static_server(site)
    colors = {}
    for scheme in ("light", "dark"):
        pg = page(width=1280, color_scheme=scheme)
        pg.goto(base)
        colors[scheme] = pg.evaluate("getComputedStyle(document.body).backgroundColor")
    assert colors == {"light": "rgb(255, 255, 255)", "dark": "rgb(16, 16, 16)"}


def test_external_requests_are_blocked_and_recorded(site, static_server, page):
    pg = page(width=1280)
    pg.goto(static_server(site) + "external.html")
    assert pg.blocked_requests == ["https://cdn.example.com/tracker.js"]


def test_request_log(site, static_server):
    base = static_server(site)
    assert _status(base + "style.css")[0] == 200
    server_logs = [s.request_log for s, _ in static_server.running]
    assert any("GET /style.css" in line for line in server_logs[0])


def test_page_errors_are_recorded(tmp_path, static_server, page):
    (tmp_path / "boom.html").write_text(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>t</title>"
        "</head><body><script>throw new Error('boom')</script></body></html>",
        encoding="utf-8",
    )
    pg = page(width=375)
    pg.goto(static_server(tmp_path) + "boom.html")
    assert any("boom" in e for e in pg.console_errors), pg.console_errors
