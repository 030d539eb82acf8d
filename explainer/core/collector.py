"""The cyclic garbage collector during a build: off for the whole of a `build.py` build, made
rarer during the preview server's builds, and paused while a large graph of objects is made or
read at once."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while a build makes its long-lived records.

    A build allocates millions of objects that live until it ends; with the default thresholds the
    collector traverses them again and again (a quarter of the CPU time of a 10,000-record build).
    Young cycles are still collected, every 100,000 allocations rather than every 700.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large graph of objects that all live on is made
    or read at once (the trie of names, the build cache): its tens of thousands of new objects
    would otherwise set off repeated full collections, which cost more than the work.

    A whole `build.py` build is one such graph (`command.build_site`, and the workers it forks):
    what dies young in a build is seldom in a reference cycle, which only this collector frees.
    Made rarer (`fewer_collections`), its collections during a clean build freed 35,000 of the
    millions of objects a 10,000-record build makes, left the peak memory as it was (331 MB at
    10,000 records, 2.77 GB at 100,000), and took 9 of the 218 CPU seconds at 100,000 records,
    4 of them in the parent between the parallel stages. In a longer process the collector runs
    again afterwards and frees what the build left."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
