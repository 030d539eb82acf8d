"""The preview's HTTP handlers and their routes: the site's files, the preview's own files, the
status endpoint, and livereload's script and websocket.

Every handler refuses host names the `hosts.HostCheck` does not allow, sends `no-store`, and
answers errors in plain text. HTML pages get the live-reload scripts, the error overlay and the
"Source" control listing the content files the page was made from (`overlay`, `sources`); a tab's websocket remembers which page it shows, for `session.Preview` to know whom
to reload.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import web
from tornado.websocket import WebSocketHandler

from explainer.preview.hosts import HostCheck
from explainer.preview.livebuild import LiveSite
from explainer.preview.overlay import Overlay
from explainer.preview.urls import PREVIEW_PREFIX, content_type, resolve


class Served(Protocol):
    """What the handlers read of the running preview (`session.Preview`)."""

    site: LiveSite
    out_dir: Path
    port: int
    hosts: HostCheck
    overlay: Overlay
    errors_shown: list[str]

    def status(self) -> dict: ...


class _Guarded(web.RequestHandler):
    def initialize(self, preview: Served) -> None:
        self.preview = preview

    def prepare(self) -> None:
        if not self.preview.hosts.allows(self.request.host_name):
            raise web.HTTPError(403)

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    def compute_etag(self) -> None:
        return None  # nothing is cached (no-store), so no conditional requests to answer

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code} {self._reason}\n")


class SiteHandler(_Guarded):
    """Files of the output folder, with the preview's additions in HTML pages."""

    def get(self) -> None:
        self._serve(with_body=True)

    def head(self) -> None:
        self._serve(with_body=False)

    def _serve(self, with_body: bool) -> None:
        preview = self.preview
        target = resolve(preview.out_dir, preview.site.base_path, self.request.path)
        if target.redirect:
            self.redirect(target.redirect)
            return
        path = target.file
        data = None
        if path is not None:
            try:
                data = path.read_bytes()
            except OSError:  # removed by a rebuild since it was resolved
                data = None
        if path is None or data is None:
            self.set_status(404)
            path = preview.out_dir / "404.html"
            try:
                data = path.read_bytes()
            except OSError:
                data = preview.overlay.missing_page()
        kind = content_type(path)
        if kind.startswith("text/html"):
            page = path.relative_to(preview.out_dir).as_posix() if path.is_relative_to(preview.out_dir) else ""
            data = preview.overlay.inject(data, preview.errors_shown, preview.port, preview.site.generation,
                                          self.request.host_name, preview.site.sources(page) if page else ())
        self.set_header("Content-Type", kind)
        self.set_header("Content-Length", str(len(data)))
        if with_body:
            self.write(data)


class PreviewAssetHandler(_Guarded):
    def get(self, name: str) -> None:
        data = Overlay.asset(name)
        if data is None:
            raise web.HTTPError(404)
        self.set_header("Content-Type", content_type(Path(name)))
        self.write(data)


class StatusHandler(_Guarded):
    """The state of the preview as JSON: for scripts, tests and the latency benchmark."""

    def get(self) -> None:
        self.set_header("Content-Type", "application/json")
        self.write(json.dumps(self.preview.status(), indent=1))


class ScriptHandler(LiveReloadJSHandler):
    """livereload's client script."""

    def initialize(self, preview: Served) -> None:
        self.preview = preview

    def prepare(self) -> None:
        if not self.preview.hosts.allows(self.request.host_name):
            raise web.HTTPError(403)


class ReloadSocket(LiveReloadHandler):
    """livereload's websocket, remembering which page each browser tab shows."""

    page_url = ""

    def initialize(self, preview: Served) -> None:
        self.preview = preview

    def prepare(self) -> None:
        if not self.preview.hosts.allows(self.request.host_name):
            raise web.HTTPError(403)

    def check_origin(self, origin: str) -> bool:
        # livereload allows any origin; only the preview's own pages may listen in.
        return WebSocketHandler.check_origin(self, origin)

    def on_message(self, message: str | bytes) -> None:
        super().on_message(message)
        try:
            data = json.loads(message)
        except ValueError:
            return
        if isinstance(data, dict) and data.get("command") == "info" and isinstance(data.get("url"), str):
            self.page_url = data["url"]


def _quiet(handler: web.RequestHandler) -> None:
    """Request logging: none; the terminal is for rebuilds and errors."""


def application(preview: Served) -> web.Application:
    """The preview's routes, each handler given the running preview."""
    kwargs = {"preview": preview}
    return web.Application(
        [
            (r"/livereload", ReloadSocket, kwargs),
            (r"/livereload\.js", ScriptHandler, kwargs),
            (PREVIEW_PREFIX + r"status", StatusHandler, kwargs),
            (PREVIEW_PREFIX + r"([^/]+)", PreviewAssetHandler, kwargs),
            (r".*", SiteHandler, kwargs),
        ],
        log_function=_quiet,
        websocket_ping_interval=20,
    )
