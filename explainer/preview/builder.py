"""Repeated builds of one site, for the preview server: build once, then rebuild what changed.

`SiteBuilder.build()` makes a full, atomic build. `SiteBuilder.rebuild()` builds again with the
in-memory `BuildCache` (only edited files are read again, only changed Markdown converted, only
pages whose inputs changed rendered) and updates the output folder in place, one file at a time
(each file replaced atomically), writing only files whose bytes changed and removing the ones
that are gone. `BuildReport` says which pages were rendered and which files were written. The
output is always byte-identical to a clean build of the same input.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from explainer.build.patch import Memory
from explainer.build.pipeline import (
    BuildCache,
    BuildOptions,
    StageTimer,
    fewer_collections,
    finish_output,
    html_pages,
    load_site,
    new_cache,
    plan_outputs,
    write_site,
)
from explainer.core.errors import ContentError, Diagnostic, Reporter
from explainer.core.lock import build_lock
from explainer.markup.mentions import collector_paused
from explainer.output.writer import Generations, digest, remove_file, replace_file
from explainer.produce.search import SearchInterruptedError

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


class SiteBuilder:
    """Keeps what the last good build computed, so the next build redoes only what changed."""

    def __init__(self, options: BuildOptions):
        self.options = options
        self.cache = self._new_cache()
        # Set (by the preview server) when newer edits wait for this rebuild: the search index,
        # which takes longer than the rest of a rebuild, is then left to the rebuild they start.
        self.interrupt = threading.Event()
        self.search_stale = False  # the last index was interrupted: the next rebuild makes it

    def _new_cache(self) -> BuildCache:
        cache = new_cache(self.options)
        cache.memory = Memory()  # builds follow each other in this process: keep more
        return cache

    def build(self) -> BuildReport:
        """A full build, swapped in whole. Content errors are returned, not raised."""
        with build_lock(self.options.out_dir), fewer_collections():
            return self._build()

    def _build(self) -> BuildReport:
        started = time.perf_counter()
        reporter = Reporter(self.options.root, strict=self.options.strict)
        self.cache = self._new_cache()
        try:
            model = load_site(self.options, reporter, StageTimer(), self.cache)
        except ContentError as exc:
            return BuildReport(0, errors=exc.diagnostics, seconds=time.perf_counter() - started)
        writer = write_site(self.options, model, self.cache)
        self.search_stale = False
        return BuildReport(
            html_pages(writer.new), rendered=list(model.rendered), written=sorted(writer.written),
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
        early: dict[str, str] = {}  # the pages written before the rest, with their digests

        def write_first(pages: dict[str, bytes]) -> None:
            for path, data in sorted(pages.items()):
                early[path] = digest(data)
                if self.cache.outputs.get(path) != early[path]:
                    replace_file(out, path, data)
            if on_written is not None:
                on_written(sorted(p for p in early if self.cache.outputs.get(p) != early[p]), [])

        plan = plan_outputs(model, self.cache, reuse=True, first=write_first)
        outputs = dict(plan.kept)
        written = []
        # New assets first, so that pages never point at a file that is not there yet.
        for path in sorted(plan.fresh, key=lambda p: (not p.startswith("static/"), p)):
            file_digest = digest(plan.fresh[path])
            outputs[path] = file_digest
            if self.cache.outputs.get(path) != file_digest:
                if early.get(path) != file_digest:
                    replace_file(out, path, plan.fresh[path])
                written.append(path)
        removed = sorted(set(self.cache.outputs) - set(outputs))
        for path in removed:
            remove_file(out, path)
        if on_written is not None:
            on_written(sorted(p for p in written if p not in early), removed)
        if self.search_stale or any(path.endswith(".html") for path in (*written, *removed)):
            model.interrupt = self.interrupt
            try:
                finish_output(model, out)  # the search index describes the pages
                self.search_stale = False
            except SearchInterruptedError:
                self.search_stale = True  # the rebuild that newer edits start indexes again
        self.cache.written(plan.snapshot, outputs, model)
        Generations(out).set_manifest(out, outputs)
        return BuildReport(
            html_pages(outputs), rendered=plan.rendered_pages, written=sorted(written),
            removed=removed, seconds=time.perf_counter() - started, warnings=reporter.warnings,
            base_path=model.index.config.base_path,
        )
