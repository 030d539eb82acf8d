"""Repeated builds of one site, for the preview server: build once, then rebuild what changed.

`SiteBuilder.build()` makes a full, atomic build. `SiteBuilder.rebuild(changed)` builds again and
updates the output folder in place, one file at a time (each file replaced atomically), writing
only the files whose bytes changed and removing the ones that are gone. `BuildReport` says which
pages were rendered and which files were written, so callers (and tests) can see exactly what a
change touched. The output is always byte-identical to a clean build of the same input.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, Diagnostic, Reporter
from .output import Generations, digest, remove_file, replace_file
from .pipeline import BuildOptions, load_site, render_site, write_site


@dataclass
class BuildReport:
    pages: int  # pages in the site
    rendered: list[str] = field(default_factory=list)  # output paths rendered this time
    written: list[str] = field(default_factory=list)  # output paths whose bytes changed
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class SiteBuilder:
    """Keeps what the last good build wrote, so the next build touches only what changed."""

    def __init__(self, options: BuildOptions):
        self.options = options
        self.outputs: dict[str, str] = {}  # output path -> digest of its bytes

    def _assets(self, model) -> dict[str, bytes]:
        return {a.output: a.source.read_bytes() for a in model.renderer.assets.values()}

    def build(self) -> BuildReport:
        """A full build, swapped in whole. Content errors are returned, not raised."""
        started = time.perf_counter()
        reporter = Reporter(self.options.root, strict=self.options.strict)
        try:
            model = load_site(self.options, reporter)
        except ContentError as exc:
            return BuildReport(0, errors=exc.diagnostics, seconds=time.perf_counter() - started)
        writer = write_site(self.options, model)
        self.outputs = dict(writer.new)
        return BuildReport(
            len(model.renderer.jobs()), rendered=sorted(writer.new), written=sorted(writer.written),
            seconds=time.perf_counter() - started, warnings=reporter.warnings,
        )

    def rebuild(self, changed: set[Path] | None = None) -> BuildReport:
        """Build again after `changed` files were edited; update the output folder in place.

        On content errors nothing is written and the last good site stays as it was.
        """
        if not self.outputs or not self.options.out_dir.is_dir():
            return self.build()
        started = time.perf_counter()
        reporter = Reporter(self.options.root, strict=self.options.strict)
        try:
            model = load_site(self.options, reporter)
        except ContentError as exc:
            return BuildReport(len(self.outputs), errors=exc.diagnostics, seconds=time.perf_counter() - started)
        pages = render_site(model)
        files = {p.path: p.data for p in pages} | self._assets(model)
        digests = {path: digest(data) for path, data in files.items()}
        written = sorted(path for path, digest in digests.items() if self.outputs.get(path) != digest)
        removed = sorted(set(self.outputs) - set(digests))
        out = self.options.out_dir
        # New assets first, then pages that refer to them, then removals.
        for path in sorted(written, key=lambda p: not p.startswith("static/")):
            replace_file(out, path, files[path])
        for path in removed:
            remove_file(out, path)
        self.outputs = digests
        Generations(out).set_manifest(out, digests)
        return BuildReport(
            len(pages), rendered=[p.path for p in pages], written=written, removed=removed,
            seconds=time.perf_counter() - started, warnings=reporter.warnings,
        )
