"""`build_site`: one build as `build.py` runs it.

Holds the output folder's build lock, scans the input files and reads the build cache's header
(`cache_header`). When nothing changed since the last build and every file it wrote is in place,
untouched, it says again what that build said, having imported none of the stages: importing
them is most of the time such a build would otherwise take. Else it runs the stages
(`pipeline.build_changed`), imported only then.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from explainer.build.cache_header import last_site, read_cache_header
from explainer.build.inputs import InputFiles, scan_inputs
from explainer.build.result import BuildResult, html_pages
from explainer.core.collector import collector_paused
from explainer.core.lock import build_lock
from explainer.core.options import BuildOptions
from explainer.core.timing import StageTimer


def build_site(
    options: BuildOptions, use_cache: bool = True, on_wait: Callable[[Path], None] | None = None
) -> BuildResult:
    """Build the whole site. Raises ContentError (nothing written) when the content has errors.

    Holds the output folder's build lock throughout; `on_wait` is called if another build has it.
    Without `use_cache`, the build starts from an empty cache and saves none. Runs with the cyclic
    garbage collector paused (`collector_paused`).
    """
    with collector_paused():
        return _build_site(options, use_cache, on_wait)


def _build_site(
    options: BuildOptions, use_cache: bool, on_wait: Callable[[Path], None] | None
) -> BuildResult:
    started = time.perf_counter()
    timer = StageTimer()
    with build_lock(options.out_dir, on_wait):
        options.progress.stage("checking for changes")
        header = read_cache_header(options) if use_cache else None
        # The files the last build wrote are checked by a child process while this one scans the
        # input (and, when it changed, reads the cache and loads the site).
        with last_site(options.out_dir, header) as last:
            scanned = scan_inputs(options) if use_cache else InputFiles("", {})
            unchanged = header is not None and header.unchanged(options, scanned.digest, last)
            timer.lap("cache")
            if header is not None and unchanged:
                # What the build that made this site said, said again.
                return BuildResult(
                    html_pages(header.outputs), len(header.outputs), time.perf_counter() - started,
                    list(header.warnings), timings=timer.seconds, notes=list(header.notes), config=header.config,
                )
            from explainer.build.pipeline import build_changed  # (the stages: only now, see above)

            timer.lap("import")  # (`--timings` shows what importing the stages costs)
            return build_changed(options, use_cache, scanned, timer, started, last)
