"""`build.py serve`: build the site, serve it, rebuild on every save and reload the browser.

Owns the preview's HTTP side: which URL maps to which file (only regular files inside the output
folder, under the site's base path; no directory listings, no way out through `..`, encoded
slashes or symlinks), the live-reload websocket (livereload's protocol and client script), whom to
reload after a rebuild, the status endpoint, and the server's life from start to Ctrl-C.

Builds run in one worker thread, one at a time; saves that arrive during a build are gathered into
the next one. Pages are served from the output folder, which the builder updates file by file and
atomically, so a request never sees half a file. A failed build leaves the last good site served,
with the errors shown on every page (see `overlay`).
"""

from __future__ import annotations

import asyncio
import gc
import ipaddress
import json
import logging
import mimetypes
import os
import signal
import socket
import sys
import threading
import webbrowser
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.websocket import WebSocketClosedError, WebSocketHandler

from explainer.core.options import BuildOptions
from explainer.preview.livebuild import LiveSite, Outcome
from explainer.preview.overlay import Overlay
from explainer.preview.watch import SourceWatcher

PREVIEW_PREFIX = "/_preview/"  # the server's own URLs; ids never start with "_", so no page can clash

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
    ".ics": "text/calendar; charset=utf-8",
    ".woff2": "font/woff2",
}


# URL → file ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    """What a request path resolves to: a file, a redirect, or nothing (404)."""

    file: Path | None = None
    redirect: str | None = None


NOT_FOUND = Target()


def resolve(out_dir: Path, base_path: str, raw_path: str) -> Target:
    """Map a request path, as sent (still percent-encoded), to a file in `out_dir`.

    `/` and the base path without its slash redirect to the base path; a folder with an
    `index.html` redirects to its slash form. Anything that could reach outside `out_dir`, or a
    hidden file, or a folder without `index.html`, is not found.
    """
    if not raw_path.startswith("/") or any(c in raw_path for c in "\\\x00"):
        return NOT_FOUND
    if any(code in raw_path.lower() for code in ("%2f", "%5c", "%00")):
        return NOT_FOUND
    try:
        path = unquote(raw_path, errors="strict")
    except UnicodeDecodeError:
        return NOT_FOUND
    if any(c in path for c in "\\\x00"):
        return NOT_FOUND
    if base_path != "/" and path in ("/", base_path.rstrip("/")):
        return Target(redirect=base_path)
    if not path.startswith(base_path):
        return NOT_FOUND
    parts = path[len(base_path):].split("/")
    folders, name = parts[:-1], parts[-1]
    if any(part in ("", ".", "..") or part.startswith(".") for part in folders) or name in (".", ".."):
        return NOT_FOUND
    if name.startswith("."):  # the builder's temporary files, .htaccess and the like
        return NOT_FOUND
    candidate = out_dir.joinpath(*folders, name or "index.html")
    try:
        root = out_dir.resolve(strict=True)
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a symlink loop
        return NOT_FOUND
    if not real.is_relative_to(root):
        return NOT_FOUND
    if real.is_dir():
        if (real / "index.html").is_file() and name:
            return Target(redirect=raw_path + "/")
        return NOT_FOUND
    if not real.is_file():
        return NOT_FOUND
    return Target(file=real)


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def page_output(url: str, base_path: str) -> str | None:
    """The output path (`people/x/index.html`) of the page a browser shows at `url`."""
    path = unquote(urlsplit(url).path)
    if not path.startswith(base_path):
        return None
    rest = path[len(base_path):]
    return rest + "index.html" if rest == "" or rest.endswith("/") else rest


# Who may connect -------------------------------------------------------------------------------

def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(address.strip("[]").split("%")[0])
    except ValueError:
        return None


class HostCheck:
    """When the server listens on loopback only, it answers only to loopback host names.

    Otherwise a web page could point a host name of its own at 127.0.0.1 (DNS rebinding) and read
    an unpublished story from the preview.
    """

    def __init__(self, listen_host: str, addresses: list[str]):
        ips = [_ip(a) for a in addresses]
        self.open = not ips or any(ip is None or not ip.is_loopback for ip in ips)
        self.names = {"localhost", listen_host.strip("[]").lower()}

    def allows(self, host_name: str) -> bool:
        if self.open:
            return True
        name = host_name.strip("[]").lower()
        ip = _ip(name)
        return (ip is not None and ip.is_loopback) or name in self.names or name.endswith(".localhost")


# Handlers -------------------------------------------------------------------------------------

class _Guarded(web.RequestHandler):
    def initialize(self, preview: Preview) -> None:
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
        data = None
        if target.file is not None:
            try:
                data = target.file.read_bytes()
            except OSError:  # removed by a rebuild since it was resolved
                data = None
        if data is None:
            self.set_status(404)
            not_found = preview.out_dir / "404.html"
            try:
                data = not_found.read_bytes()
            except OSError:
                data = preview.overlay.missing_page()
            path = not_found
        else:
            path = target.file
        kind = content_type(path)
        if kind.startswith("text/html"):
            data = preview.overlay.inject(data, preview.errors_shown, preview.port, preview.site.generation,
                                          self.request.host_name)
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

    def initialize(self, preview: Preview) -> None:
        self.preview = preview

    def prepare(self) -> None:
        if not self.preview.hosts.allows(self.request.host_name):
            raise web.HTTPError(403)


class ReloadSocket(LiveReloadHandler):
    """livereload's websocket, remembering which page each browser tab shows."""

    page_url = ""

    def initialize(self, preview: Preview) -> None:
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


# The server -----------------------------------------------------------------------------------

class Preview:
    """The running preview: the site, its watcher, the builds, and the browsers to tell."""

    def __init__(self, site: LiveSite, port: int, hosts: HostCheck):
        self.site = site
        self.out_dir = site.options.out_dir.resolve()
        self.port = port
        self.hosts = hosts
        self.overlay = Overlay()
        self.watcher = SourceWatcher(site.options)
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rebuild")
        self.pending: set[Path] = set()
        self.watch_epoch = 0  # the watcher's epoch when the last build started (0: not watching)
        self.dirty = asyncio.Event()
        self.building = False
        self.errors_shown: list[str] = []  # in the overlay: the errors of the last build, until a
        # rebuild has written its pages (they are served before the search index is redone)
        self.shown_warnings: set[str] = set()

    def application(self) -> web.Application:
        kwargs = {"preview": self}
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

    def status(self) -> dict:
        last = self.site.last
        return {
            "generation": self.site.generation,
            "building": self.building or bool(self.pending),
            "ok": not self.site.errors,
            "errors": self.site.errors,
            "base_path": self.site.base_path,
            "browsers": len(LiveReloadHandler.waiters),
            "last": None if last is None else {
                "changed": last.changed, "written": last.written, "removed": last.removed,
                "rendered": last.rendered, "seconds": round(last.seconds, 4),
                "warnings": last.warnings,
            },
        }

    # builds ----------------------------------------------------------------------------------
    def report(self, outcome: Outcome) -> None:
        """The terminal lines for one build: a summary, then its errors and any new warnings."""
        print(outcome.summary(), flush=True)
        for error in outcome.errors:
            print(error, file=sys.stderr)
        for warning in outcome.warnings:
            if warning not in self.shown_warnings:
                print(warning, file=sys.stderr)
        self.shown_warnings = set(outcome.warnings)
        sys.stderr.flush()

    async def watch(self, stop: asyncio.Event) -> None:
        try:
            async for batch in self.watcher.batches(stop):
                self.pending |= batch
                self.dirty.set()
                if self.building:  # the rebuild under way need not finish its search index
                    self.site.builder.interrupt.set()
        except Exception as exc:  # the watch failed (inotify limits, say): keep serving
            print(f"error: stopped watching for changes: {exc}", file=sys.stderr, flush=True)

    async def rebuild_loop(self) -> None:
        while True:
            await self.dirty.wait()
            self.dirty.clear()
            changed, self.pending = self.pending, set()
            self.site.builder.interrupt.clear()
            await self.rebuild(changed)

    async def rebuild(self, changed: set[Path]) -> None:
        loop = asyncio.get_running_loop()
        names = sorted(self.site.display_path(p) for p in changed)
        early: list[bool] = []

        def pages_written(written: list[str], removed: list[str]) -> None:  # in the build thread
            early.append(True)
            loop.call_soon_threadsafe(self.pages_ready, names, written, removed)

        # The changed paths are all there is to read again only if the same watch has run since
        # the last build started (the first build comes before the watch).
        exact = self.watch_epoch == self.watcher.epoch != 0
        self.watch_epoch = self.watcher.epoch
        self.building = True
        try:
            outcome = await loop.run_in_executor(
                self.executor, self.site.build, changed, pages_written, exact
            )
        finally:
            self.building = False
        self.errors_shown = outcome.errors
        try:
            self.report(outcome)
            self.notify(outcome, already_reloaded=bool(early))
        except Exception as exc:  # a closed terminal, say: keep serving and rebuilding
            print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)

    # browsers --------------------------------------------------------------------------------
    def pages_ready(self, changed: list[str], written: list[str], removed: list[str]) -> None:
        """A rebuild has put its pages in place (its search index may still be in the making)."""
        if self.errors_shown:  # the content is good again: the overlay goes
            self.errors_shown = []
            self._send(list(LiveReloadHandler.waiters), lambda waiter: "*")
        else:
            self.reload_changed(changed, written, removed)

    def notify(self, outcome: Outcome, already_reloaded: bool = False) -> None:
        """After a build: reload the browsers that show something it changed."""
        waiters = list(LiveReloadHandler.waiters)
        if outcome.base_changed or (outcome.errors_changed and not (already_reloaded and outcome.ok)):
            self._send(waiters, lambda waiter: "*")
        elif outcome.ok and not already_reloaded:
            self.reload_changed(outcome.changed, outcome.written, outcome.removed)

    def reload_changed(self, changed: list[str], written: list[str], removed: list[str]) -> None:
        """Tell the browsers whose page changed to reload, or to swap in a changed stylesheet."""
        waiters = list(LiveReloadHandler.waiters)
        stylesheets = [p for p in written if p.endswith(".css")]
        if stylesheets and changed and all(p.endswith(".css") for p in changed):
            self._send(waiters, lambda waiter: stylesheets[0])
            return
        touched = set(written) | set(removed)
        if not touched:
            return

        def page_if_touched(waiter: ReloadSocket) -> str | None:
            page = page_output(waiter.page_url, self.site.base_path)
            if page is None or page in touched or not (self.out_dir / page).is_file():
                return page or "*"  # a page that was touched, or a 404 that may now exist
            return None

        self._send(waiters, page_if_touched)

    def _send(self, waiters: list, path_for) -> None:
        for waiter in waiters:
            path = path_for(waiter)
            if path is None:
                continue
            message = {"command": "reload", "path": path, "liveCSS": True, "liveImg": False}
            try:
                waiter.write_message(json.dumps(message))
            except WebSocketClosedError:
                LiveReloadHandler.waiters.discard(waiter)


# Running it -----------------------------------------------------------------------------------

def _browsable(host: str, address: str) -> str:
    ip = _ip(address)
    if ip is not None and ip.is_unspecified:
        return "[::1]" if ip.version == 6 else "127.0.0.1"
    if _ip(host) is not None and _ip(host).version == 6:
        return f"[{host.strip('[]')}]"
    return host


def _exposure_warning(addresses: list[str]) -> str | None:
    ips = [_ip(a) for a in addresses]
    if any(ip is not None and ip.is_unspecified for ip in ips):
        return ("warning: serving on all network interfaces: anyone who can reach this machine "
                "can read the preview (use --host 127.0.0.1 to keep it local)")
    exposed = [a for a, ip in zip(addresses, ips, strict=True) if ip is None or not ip.is_loopback]
    if exposed:
        return f"warning: serving on {', '.join(exposed)}, which other machines can reach"
    return None


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_stopped_while_forking = threading.Event()


# Ctrl-C goes to the whole process group, so also to the build's forked render workers. Stop
# signals are held while a worker is forked (landing in the middle of Python's own fork handlers
# they would leave locks taken); the worker then ignores Ctrl-C and leaves stopping to the server.
def _hold_stop_signals() -> None:
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)


def _release_stop_signals_in_parent() -> None:
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    except KeyboardInterrupt:
        # Raised inside a fork handler it would be lost: the build finishes, then the server stops.
        _stopped_while_forking.set()


def _leave_stopping_to_the_server() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # how the pool ends its workers
    signal.set_wakeup_fd(-1)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


async def _run(preview: Preview, sockets: list[socket.socket], url: str, open_browser: bool) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    tasks = [asyncio.create_task(preview.watch(stop)), asyncio.create_task(preview.rebuild_loop())]
    ready = asyncio.ensure_future(preview.watcher.ready.wait())
    await asyncio.wait([ready, tasks[0]], return_when=asyncio.FIRST_COMPLETED)
    ready.cancel()
    server = HTTPServer(preview.application())
    server.add_sockets(sockets)
    print(f"serving {url} (Ctrl-C to stop)", flush=True)
    if open_browser:
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    await stop.wait()
    if preview.building:
        print("stopping after the current rebuild", flush=True)
    server.stop()
    for waiter in list(LiveReloadHandler.waiters):
        waiter.close()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    preview.executor.shutdown(wait=True, cancel_futures=True)
    await server.close_all_connections()


def serve(options: BuildOptions, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False) -> int:
    """Run the preview until SIGINT or SIGTERM. Returns the exit status (0 when stopped)."""
    try:
        sockets = bind_sockets(port, address=host)
    except (OSError, OverflowError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        print(f"error: cannot listen on {host}:{port}: {reason}", file=sys.stderr)
        return 1
    addresses = [s.getsockname()[0] for s in sockets]
    port = sockets[0].getsockname()[1]
    for name in ("tornado.access", "tornado.general"):  # requests, and malformed ones from clients
        logging.getLogger(name).addHandler(logging.NullHandler())
    warning = _exposure_warning(addresses)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    os.register_at_fork(before=_hold_stop_signals, after_in_parent=_release_stop_signals_in_parent,
                        after_in_child=_leave_stopping_to_the_server)
    try:
        site = LiveSite(options)
        preview = Preview(site, port, HostCheck(host, addresses))
        preview.report(site.build())
        preview.errors_shown = site.errors
        # What the first build made lives as long as the server; kept out of the collector's
        # scans, the large heap does not make every later collection slow.
        gc.collect()
        gc.freeze()
        # A rebuild runs in a thread beside the one answering the browser. Python hands the GIL
        # to a waiting thread every 5 ms by default, so a page asked for during a rebuild took
        # up to 50 ms to answer; at 0.5 ms it takes a few.
        sys.setswitchinterval(0.0005)
        if _stopped_while_forking.is_set():
            raise KeyboardInterrupt
        url = f"http://{_browsable(host, addresses[0])}:{port}{site.base_path}"
        asyncio.run(_run(preview, sockets, url, open_browser))
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        for sock in sockets:
            sock.close()
    print("stopped", flush=True)
    return 0
