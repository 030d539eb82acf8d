"""Repeated builds of one site, for the preview server: build once, then rebuild what changed.

`SiteBuilder.build()` makes a full, atomic build. `SiteBuilder.rebuild()` builds again with the
in-memory `BuildCache` (only edited files are read again, only changed Markdown converted, only
pages whose inputs changed rendered) and writes through the same `write_site` as `build.py`, into
a `LiveFolder`: the output folder updated in place, one file at a time (each file replaced
atomically), writing only files whose bytes changed and removing the ones that are gone, the
edited record's own page first. `BuildReport` says which pages were rendered and which files were
written. The output is always byte-identical to a clean build of the same input.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from explainer.build.cache import BuildCache, memory_cache
from explainer.build.folders import OutputFolder, SpareFolder, finish_output
from explainer.build.pipeline import load_site, write_site
from explainer.build.result import html_pages
from explainer.core.collector import collector_paused, fewer_collections
from explainer.core.errors import ContentError, Diagnostic, Reporter
from explainer.core.lock import build_lock
from explainer.core.options import BuildOptions
from explainer.core.timing import StageTimer
from explainer.output.writer import Generations, digest, remove_file, replace_file
from explainer.produce.search import SearchInterruptedError
from explainer.produce.site import SiteModel

PagesWritten = Callable[[list[str], list[str]], None]  # (written, removed) output paths


@dataclass
class BuildReport:
    pages: int  # HTML pages in the site, as `build.py` counts them
    rendered: list[str] = field(default_factory=list)  # pages rendered this time
    written: list[str] = field(default_factory=list)  # output paths whose bytes changed
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    base_path: str | None = None  # the URL path the site lives under, when the content loaded

    @property
    def ok(self) -> bool:
        return not self.errors


class LiveFolder(OutputFolder):
    """The live output folder, updated in place: each changed file replaced atomically, files
    that are gone removed, the edited records' own pages first (`first`), then the finishing
    steps, which newer edits may interrupt."""

    def __init__(
        self, out: Path, last: dict[str, str], on_written: PagesWritten | None,
        interrupt: threading.Event, search_stale: bool,
    ):
        super().__init__()
        self.out = out
        self.last = last  # output path -> digest of what the folder holds now
        self.on_written = on_written
        self.interrupt = interrupt
        self.search_stale = search_stale  # the search index is out of date (made again on finish)
        self.early: dict[str, str] = {}  # the pages written before the rest, with their digests
        self.removed: list[str] = []
        self.first = self.write_first

    def holds_last_build(self, cache: BuildCache) -> bool:
        return True  # only this builder writes it, under the build lock

    def write_first(self, pages: dict[str, bytes]) -> None:
        for path, data in sorted(pages.items()):
            self.early[path] = digest(data)
            if self.last.get(path) != self.early[path]:
                replace_file(self.out, path, data)
        if self.on_written is not None:
            self.on_written(sorted(p for p in self.early if self.last.get(p) != self.early[p]), [])

    def write(self, path: str, data: bytes) -> None:
        file_digest = digest(data)
        if self.last.get(path) != file_digest:
            if self.early.get(path) != file_digest:
                replace_file(self.out, path, data)
            self.written.append(path)
        self.files[path] = file_digest

    def record(self, path: str, file_digest: str, wrote: bool) -> None:
        self.files[path] = file_digest
        if wrote:
            self.written.append(path)

    def keep(self, path: str, file_digest: str) -> None:
        self.files[path] = file_digest

    def finish(self, model: SiteModel) -> None:
        self.removed = sorted(set(self.last) - set(self.files))
        for path in self.removed:
            remove_file(self.out, path)
        if self.on_written is not None:
            self.on_written(sorted(p for p in self.written if p not in self.early), self.removed)
        generations = Generations(self.out)
        if self.search_stale or any(path.endswith(".html") for path in (*self.written, *self.removed)):
            # Unlisted while Pagefind writes into it: a bundle it left half written, were the
            # server killed, must not be taken for a finished one (`search.index_search`).
            generations.set_manifest(self.out, None)
            model.interrupt = self.interrupt
            try:
                finish_output(model, self.out)  # the search index describes the pages
                self.search_stale = False
            except SearchInterruptedError:
                self.search_stale = True  # the rebuild that newer edits start indexes again
        generations.set_manifest(self.out, self.files)


class SiteBuilder:
    """Keeps what the last good build computed, so the next build redoes only what changed."""

    def __init__(self, options: BuildOptions):
        self.options = options
        self.cache = memory_cache(options)  # builds follow each other in this process: keep more
        # Set (by the preview server) when newer edits wait for this rebuild: the search index,
        # which takes longer than the rest of a rebuild, is then left to the rebuild they start.
        self.interrupt = threading.Event()
        self.search_stale = False  # the last index was interrupted: the next rebuild makes it
        # The site as last loaded without content errors (what the preview's "Source" control
        # reads: `sources`); set before its pages are written, so that its files and lines are
        # those on disk now.
        self.model: SiteModel | None = None

    def build(self) -> BuildReport:
        """A full build, swapped in whole. Content errors are returned, not raised."""
        with build_lock(self.options.out_dir), fewer_collections():
            return self._build()

    def _build(self) -> BuildReport:
        started = time.perf_counter()
        reporter = Reporter(self.options.root, strict=self.options.strict)
        self.cache = memory_cache(self.options)
        try:
            model = load_site(self.options, reporter, StageTimer(), self.cache)
        except ContentError as exc:
            return BuildReport(0, errors=exc.diagnostics, seconds=time.perf_counter() - started)
        self.model = model
        folder = SpareFolder(self.options.out_dir)
        write_site(model, self.cache, folder)
        self.search_stale = False
        return BuildReport(
            html_pages(folder.files), rendered=list(model.rendered), written=sorted(folder.written),
            seconds=time.perf_counter() - started, warnings=reporter.warnings,
            base_path=model.index.config.base_path,
        )

    def rebuild(
        self, on_written: PagesWritten | None = None, changed: set[Path] | None = None
    ) -> BuildReport:
        """Build again after files were edited, updating the output folder in place.

        On content errors nothing is written and the last good site stays as it was.
        `on_written(written, removed)` is called once the changed files are in place, before the
        finishing steps (the search index): a preview can show the pages without waiting.
        `changed` is every source path (absolute, links resolved) edited since the last build
        started, when the caller knows it for sure (a watcher that ran all along): only those
        files are read again. Without it every file's stamp is looked at.
        """
        with build_lock(self.options.out_dir):
            # The few objects a rebuild makes die young; a full collection of the large heap the
            # caches hold would cost more than the rebuild.
            with collector_paused():
                return self._rebuild(on_written, changed)

    def _rebuild(self, on_written: PagesWritten | None = None, changed: set[Path] | None = None) -> BuildReport:
        out = self.options.out_dir
        if not self.cache.outputs or not out.is_dir():
            return self._build()
        self.cache.files.note_changes(changed)
        started = time.perf_counter()
        reporter = Reporter(self.options.root, strict=self.options.strict)
        try:
            model = load_site(self.options, reporter, StageTimer(), self.cache)
        except ContentError as exc:
            return BuildReport(
                html_pages(self.cache.outputs), errors=exc.diagnostics, seconds=time.perf_counter() - started
            )
        self.model = model
        folder = LiveFolder(out, self.cache.outputs, on_written, self.interrupt, self.search_stale)
        plan = write_site(model, self.cache, folder)
        self.search_stale = folder.search_stale
        return BuildReport(
            html_pages(folder.files), rendered=plan.rendered_pages, written=sorted(folder.written),
            removed=folder.removed, seconds=time.perf_counter() - started, warnings=reporter.warnings,
            base_path=model.index.config.base_path,
        )
