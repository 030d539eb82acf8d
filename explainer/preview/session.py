"""The running preview: the site, its watcher, the builds, and which browsers to tell.

Builds run in one worker thread, one at a time; saves that arrive during a build are gathered into
the next one. A failed build leaves the last good site served, with the errors shown on every page
(see `overlay`) until a build succeeds. After a build, only the browser tabs whose page it changed
are reloaded (a changed stylesheet is swapped in place); the terminal gets one summary line per
build, its errors and any new warnings.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from livereload.handlers import LiveReloadHandler
from tornado.websocket import WebSocketClosedError

from explainer.preview.editor import Editor
from explainer.preview.handlers import ReloadSocket
from explainer.preview.hosts import HostCheck
from explainer.preview.livebuild import LiveSite, Outcome
from explainer.preview.overlay import Overlay
from explainer.preview.urls import page_output
from explainer.preview.watch import SourceWatcher


class Preview:
    """The running preview: the site, its watcher, the builds, and the browsers to tell."""

    def __init__(self, site: LiveSite, port: int, hosts: HostCheck, editor: Editor | None = None):
        self.site = site
        self.out_dir = site.options.out_dir.resolve()
        self.port = port
        self.hosts = hosts
        self.overlay = Overlay(editor)  # paths open in `editor`; without one, they are copied
        self.watcher = SourceWatcher(site.options)
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rebuild")
        self.pending: set[Path] = set()
        self.watch_epoch = 0  # the watcher's epoch when the last build started (0: not watching)
        self.dirty = asyncio.Event()
        self.building = False
        self.errors_shown: list[str] = []  # in the overlay: the errors of the last build, until a
        # rebuild has written its pages (they are served before the search index is redone)
        self.shown_warnings: set[str] = set()

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

    def _send(self, waiters: list, path_for: Callable[[ReloadSocket], str | None]) -> None:
        for waiter in waiters:
            path = path_for(waiter)
            if path is None:
                continue
            message = {"command": "reload", "path": path, "liveCSS": True, "liveImg": False}
            try:
                waiter.write_message(json.dumps(message))
            except WebSocketClosedError:
                LiveReloadHandler.waiters.discard(waiter)
