"""Browser-test infrastructure: headless Chromium via Playwright, a static
file server, axe-core accessibility checks and screenshots.

Put browser tests in ``tests/browser/`` and mark them ``@pytest.mark.browser``.

Fixtures
--------
``chromium_path``   Debian's Chromium binary (``$CHROMIUM_PATH`` overrides).
                    Missing: skipped locally, a hard failure when ``CI`` is set.
``browser``         session-wide Playwright Chromium (launched with the flags
                    in ``CHROMIUM_ARGS``).
``page``            factory: ``page(width=375, color_scheme="dark")`` gives a
                    fresh page in its own context.  Requests to hosts other
                    than the local test server are blocked and recorded in
                    ``pg.blocked_requests``; console errors and uncaught page
                    errors are recorded in ``pg.console_errors``.
``static_server``   factory: ``static_server(folder, prefix="/explainers/x/")``
                    serves ``folder`` on 127.0.0.1 and returns the base URL
                    (ending in ``/``).  ``session_static_server`` is the same
                    with session scope (for a site built once per run).
``axe_check``       ``axe_check(pg)`` runs axe-core restricted to WCAG 2.1 A/AA
                    and returns an ``AxeViolations`` list (``.ids()``,
                    ``.report()``); use ``assert not v, v.report()``.
``screenshot``      ``screenshot(pg, "name")`` saves a full-page PNG under
                    ``test-artifacts/screenshots/`` and returns its path.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import threading
import urllib.parse
from pathlib import Path
from typing import ClassVar

import pytest

# Flags for Debian's Chromium as root in a container without network.
# Without the background-networking ones Chromium keeps trying to reach
# Google services and logs refused connections.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Viewports the site is tested at: phone and laptop.
VIEWPORT_HEIGHTS = {375: 812, 1280: 800}
VIEWPORT_WIDTHS = tuple(VIEWPORT_HEIGHTS)
COLOR_SCHEMES = ("light", "dark")

# axe-core rule tags for WCAG 2.1 level A and AA.
WCAG21_AA_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

DEFAULT_TIMEOUT_MS = 15_000
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
SCREENSHOT_DIR = Path("test-artifacts") / "screenshots"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str):
    """Fail loudly in CI, skip elsewhere."""
    if _in_ci():
        pytest.fail(
            f"{reason} (CI is set, so this is an error, not a skip)", pytrace=False
        )
    pytest.skip(reason)


# --------------------------------------------------------------------------
# Chromium / Playwright
# --------------------------------------------------------------------------


def find_chromium() -> str | None:
    """Path of a usable Chromium binary, or None."""
    candidates = [
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        _unavailable(
            "Chromium not found (install Debian's package: apt-get install chromium, "
            "or set CHROMIUM_PATH)"
        )
    return path


@pytest.fixture(scope="session")
def playwright_instance():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable(
            "playwright is not installed (pip install -r requirements-test.txt)"
        )
    pw = sync_playwright().start()
    try:
        yield pw
    finally:
        pw.stop()


@pytest.fixture(scope="session")
def browser(playwright_instance, chromium_path):
    browser = playwright_instance.chromium.launch(
        executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
    )
    try:
        yield browser
    finally:
        browser.close()


def _is_local(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in LOCAL_HOSTS


@pytest.fixture
def page(browser):
    """Factory for pages: ``page(width=375, color_scheme="light", ...)``.

    Each call opens a new browser context (so viewport and colour scheme are
    independent) that is closed when the test ends.  ``mobile`` defaults to
    True below 600px: Chromium then honours ``<meta name="viewport">`` as a
    phone does (and lays a page without one out 980px wide).
    """
    contexts = []

    def make_page(
        width: int = 1280,
        color_scheme: str = "light",
        *,
        height: int | None = None,
        mobile: bool | None = None,
        reduced_motion: str = "no-preference",
        block_external: bool = True,
        javascript: bool = True,
    ):
        if color_scheme not in COLOR_SCHEMES:
            raise ValueError(f"color_scheme must be one of {COLOR_SCHEMES}")
        if height is None:
            height = VIEWPORT_HEIGHTS.get(width, 800)
        if mobile is None:
            mobile = width < 600
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,
            reduced_motion=reduced_motion,
            is_mobile=mobile,
            has_touch=mobile,
            java_script_enabled=javascript,
            locale="en-US",
            timezone_id="UTC",
        )
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)

        pg = context.new_page()
        pg.blocked_requests = []
        pg.console_errors = []

        if block_external:

            def route(route):
                if _is_local(route.request.url):
                    route.continue_()
                else:
                    pg.blocked_requests.append(route.request.url)
                    route.abort("blockedbyclient")

            context.route("**/*", route)

        def on_console(msg):
            if msg.type == "error":
                pg.console_errors.append(f"console.error: {msg.text}")

        pg.on("console", on_console)
        pg.on("pageerror", lambda exc: pg.console_errors.append(f"pageerror: {exc}"))
        return pg

    yield make_page

    for context in contexts:
        with contextlib.suppress(Exception):  # the browser may already be gone
            context.close()


# --------------------------------------------------------------------------
# Static file server
# --------------------------------------------------------------------------

_EXTRA_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".woff2": "font/woff2",
    ".xml": "application/xml",
    ".ics": "text/calendar",
    ".wasm": "application/wasm",
    ".pagefind": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
}


class _StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` under URL ``prefix`` like a static host would:
    no directory listings, 404 outside the prefix, ``404.html`` (when the
    site has one) as the body of not-found responses inside it."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **_EXTRA_TYPES,
    }

    def __init__(self, *args, directory: str, prefix: str, log: list, **kwargs):
        self.prefix = prefix
        self.request_log = log
        super().__init__(*args, directory=directory, **kwargs)

    def _url_path(self) -> str:
        # ``path`` is unset when the request line itself was malformed.
        raw = getattr(self, "path", None) or ""
        return urllib.parse.unquote(urllib.parse.urlsplit(raw).path)

    def _in_prefix(self) -> bool:
        path = self._url_path()
        return path.startswith(self.prefix) or path + "/" == self.prefix

    def do_GET(self):
        if not self._in_prefix():
            self.send_error(404, "outside the served prefix")
            return
        super().do_GET()

    def do_HEAD(self):
        if not self._in_prefix():
            self.send_error(404, "outside the served prefix")
            return
        super().do_HEAD()

    def translate_path(self, path: str) -> str:
        # ``self.path`` keeps the prefix (directory redirects need it); only
        # the file lookup strips it.
        decoded = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        if decoded.startswith(self.prefix):
            decoded = "/" + decoded[len(self.prefix) :]
        elif decoded + "/" == self.prefix:
            decoded = "/"
        return super().translate_path(urllib.parse.quote(decoded))

    def list_directory(self, path):
        self.send_error(404, "no index file")

    def send_error(self, code, message=None, explain=None):
        not_found_page = Path(self.directory) / "404.html"
        if (
            code == 404
            and self._url_path()
            and self._in_prefix()
            and not_found_page.is_file()
        ):
            body = not_found_page.read_bytes()
            self.send_response(404, message)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # signature from the base class
        self.request_log.append(format % args)


class StaticServers:
    """Starts static servers in background threads; ``close()`` stops them all."""

    def __init__(self):
        self.running = []

    def __call__(self, directory, prefix: str = "/") -> str:
        directory = Path(directory).resolve()
        if not directory.is_dir():
            raise FileNotFoundError(f"not a directory: {directory}")
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        log: list[str] = []
        handler = functools.partial(
            _StaticHandler, directory=str(directory), prefix=prefix, log=log
        )
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        server.request_log = log
        thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"static-server-{server.server_port}",
            daemon=True,
        )
        thread.start()
        self.running.append((server, thread))
        return f"http://127.0.0.1:{server.server_port}{prefix}"

    def close(self):
        while self.running:
            server, thread = self.running.pop()
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)


@pytest.fixture
def static_server():
    """Factory: ``static_server(folder, prefix="/")`` -> base URL."""
    servers = StaticServers()
    try:
        yield servers
    finally:
        servers.close()


@pytest.fixture(scope="session")
def session_static_server():
    """``static_server`` whose servers live for the whole test session."""
    servers = StaticServers()
    try:
        yield servers
    finally:
        servers.close()


# --------------------------------------------------------------------------
# axe-core
# --------------------------------------------------------------------------


class AxeViolations(list):
    """axe-core violations (dicts as axe returns them), readable in failures."""

    def ids(self) -> list[str]:
        return [v["id"] for v in self]

    def report(self) -> str:
        if not self:
            return "no accessibility violations"
        lines = [f"{len(self)} accessibility violation(s):"]
        for v in self:
            lines.append(
                f"- {v['id']} ({v.get('impact')}): {v.get('help')}  <{v.get('helpUrl')}>"
            )
            for node in v.get("nodes", []):
                target = ", ".join(str(t) for t in node.get("target", []))
                html = re.sub(r"\s+", " ", node.get("html", ""))[:200]
                lines.append(f"    at {target}: {html}")
                summary = node.get("failureSummary")
                if summary:
                    for s in summary.splitlines():
                        lines.append(f"      {s.strip()}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()


@functools.lru_cache(maxsize=1)
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def axe_check(
    pg, *, tags=WCAG21_AA_TAGS, disable_rules=(), include=None
) -> AxeViolations:
    """Run axe-core on the loaded page ``pg`` limited to ``tags`` (WCAG 2.1
    A+AA by default).  ``include`` is an optional CSS selector to restrict the
    check to; ``disable_rules`` are rule ids to switch off."""
    options: dict = {
        "runOnly": {"type": "tag", "values": list(tags)},
        "resultTypes": ["violations"],
    }
    if disable_rules:
        options["rules"] = {rule: {"enabled": False} for rule in disable_rules}
    pg.wait_for_load_state("load")
    if include is None:
        results = _axe().run(pg, options=options)
    else:
        # axe_playwright_python formats ``context`` with repr(); pass a
        # JS-compatible string rather than a dict.
        results = _axe().run(pg, context=include, options=options)
    return AxeViolations(results.response["violations"])


@pytest.fixture(name="axe_check")
def axe_check_fixture():
    try:
        import axe_playwright_python  # noqa: F401
    except ImportError:
        _unavailable("axe-playwright-python is not installed")
    return axe_check


# --------------------------------------------------------------------------
# Screenshots
# --------------------------------------------------------------------------


@pytest.fixture
def screenshot(request):
    """``screenshot(pg, "name", full_page=True)`` -> path of the saved PNG,
    ``test-artifacts/screenshots/<test name>-<name>.png``."""
    directory = Path(request.config.rootpath) / SCREENSHOT_DIR
    test_name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name).strip("_")

    def take(pg, name: str = "page", *, full_page: bool = True) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_")
        path = directory / f"{test_name}-{safe}.png"
        pg.screenshot(path=str(path), full_page=full_page)
        return path

    return take


# --------------------------------------------------------------------------
# The default site (content/), built once per run
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def built_default_site(tmp_path_factory) -> Path:
    """The default story (the repository's content/) built into a temporary folder."""
    from explainer.build.command import build_site
    from explainer.core.options import BuildOptions

    repo = Path(__file__).resolve().parents[2]
    out = tmp_path_factory.mktemp("default-site") / "site"
    build_site(BuildOptions(repo / "content", out, base_url="/"))
    return out


@pytest.fixture(scope="session")
def default_site_url(built_default_site, session_static_server) -> str:
    """Base URL (ending in ``/``) of the default site, served for the whole run."""
    return session_static_server(built_default_site)
