"""The site as the preview server shows it: the last good build, and what the latest attempt said.

Owns running builds for the preview (a full build at start, then `SiteBuilder.rebuild` for each
batch of changes), turning every failure into error lines a writer can act on (content errors
exactly as the CLI prints them, template and engine failures as one `error:` line each), and the
one-line terminal summary of each rebuild. A failed build never replaces the served site. Which
content files a page was made from (`sources`) is answered from the site as last loaded.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from explainer.content.settings import SiteConfig
from explainer.core.failures import TemplateError
from explainer.core.options import ENGINE_DIR, BuildOptions
from explainer.output.writer import UnsafePathError
from explainer.preview.builder import BuildReport, PagesWritten, SiteBuilder
from explainer.preview.sources import PageSources, SourceFile


@dataclass(frozen=True)
class Outcome:
    """What one build did, as the preview reports it."""

    generation: int  # counts builds since the server started; the first is 1
    changed: list[str]  # display paths of the sources that triggered it; empty for the first
    written: list[str] = field(default_factory=list)  # output paths, relative to the output folder
    removed: list[str] = field(default_factory=list)
    rendered: int = 0
    pages: int = 0  # HTML pages in the site, as `build.py` counts them
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)  # each exactly as the CLI prints it
    warnings: list[str] = field(default_factory=list)
    errors_changed: bool = False  # the error list differs from the previous build's
    base_changed: bool = False  # the site moved to another URL path

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """The terminal line for this build."""
        if not self.changed:
            if self.ok:
                return f"built {self.pages} pages in {self.seconds:.2f} s"
            return f"build failed with {_count(len(self.errors), 'error')}"
        what = describe_changes(self.changed)
        if not self.ok:
            return (f"{what} changed: build failed with {_count(len(self.errors), 'error')}; "
                    "still serving the last good site")
        fixed = "errors fixed, " if self.errors_changed else ""
        removed = f", {len(self.removed)} removed" if self.removed else ""
        return (f"{what} changed: {fixed}{_count(len(self.written), 'page')} rebuilt{removed} "
                f"in {self.seconds:.2f} s")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def describe_changes(paths: list[str]) -> str:
    """`a.yaml`, `a.yaml and b.yaml`, or `a.yaml and 3 other files`."""
    if len(paths) == 1:
        return paths[0]
    if len(paths) == 2:
        return f"{paths[0]} and {paths[1]}"
    return f"{paths[0]} and {len(paths) - 1} other files"


def _failure(exc: Exception) -> str:
    if isinstance(exc, (TemplateError, UnsafePathError)):
        return f"error: {exc}"
    if isinstance(exc, OSError):
        return f"error: cannot write the site: {exc}"
    return f"error: the build stopped: {type(exc).__name__}: {exc}"


class LiveSite:
    """Builds one site again and again; remembers the last good build's URL path and the errors."""

    def __init__(self, options: BuildOptions):
        self.options = options
        self.builder = SiteBuilder(options)
        self.generation = 0
        self.base_path = SiteConfig("", base_url=options.base_url or "/").base_path
        self.errors: list[str] = []
        self.last: Outcome | None = None
        self._sources: PageSources | None = None

    def sources(self, output_path: str) -> tuple[SourceFile, ...]:
        """The content files the page at `output_path` was made from, as the site was last loaded."""
        model = self.builder.model
        if model is None:
            return ()
        if self._sources is None or self._sources.model is not model:
            self._sources = PageSources(model)
        return self._sources.of(output_path)

    def display_path(self, path: Path) -> str:
        """A changed file as the writer knows it: relative to the site root, or to the engine."""
        for base in (self.options.root, ENGINE_DIR, Path.cwd()):
            if path.is_relative_to(base.resolve()):
                return path.relative_to(base.resolve()).as_posix()
        return os.fspath(path)

    def build(
        self, changed: set[Path] | None = None, on_written: PagesWritten | None = None, exact: bool = False
    ) -> Outcome:
        """Build (all of it when `changed` is None); never raises for anything the site can cause.

        `on_written` is passed on to `SiteBuilder.rebuild`, and so is `changed` when `exact`: the
        caller watched the sources all along since the last build started, so nothing else changed.
        """
        started = time.perf_counter()
        try:
            if changed is None:
                report = self.builder.build()
            else:
                report = self.builder.rebuild(on_written, changed if exact else None)
        except Exception as exc:  # a broken template or an engine failure: show it, keep serving
            report = BuildReport(0, errors=[], seconds=time.perf_counter() - started)
            errors = [_failure(exc)]
        else:
            errors = [str(d) for d in report.errors]
        self.generation += 1
        base_changed = False
        if not errors and report.base_path and report.base_path != self.base_path:
            base_changed = self.generation > 1
            self.base_path = report.base_path
        outcome = Outcome(
            generation=self.generation,
            changed=sorted(self.display_path(p) for p in changed or ()),
            written=list(report.written) if not errors else [],
            removed=list(report.removed) if not errors else [],
            rendered=len(report.rendered),
            pages=report.pages if not errors else 0,
            seconds=report.seconds if not errors else time.perf_counter() - started,
            errors=errors,
            warnings=[str(w) for w in report.warnings],
            errors_changed=errors != self.errors,
            base_changed=base_changed,
        )
        self.errors = errors
        self.last = outcome
        self._sources = None  # answers about the last model: let it go with them
        return outcome

