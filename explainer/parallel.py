"""Spreading work over the machine's cores with forked worker processes.

The site model is built once in the parent; forked workers share it copy-on-write, so only the
small work items and their results cross process boundaries. Results come back in input order,
so parallel builds are byte-identical to single-process ones.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

class WorkerDiedError(RuntimeError):
    """A worker process ended without finishing its work."""


_task: Callable | None = None
_chunks: list = []
_parent = 0
_PR_SET_PDEATHSIG = 1


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _die_with_parent() -> None:
    """Pool initializer: end this worker the moment the build that forked it dies.

    Otherwise a killed build leaves its workers running until their chunk is done, printing
    tracebacks and keeping the build lock (which they inherit) held.
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError, TypeError):  # not Linux: workers end when their pipe closes
        return
    if os.getppid() != _parent:  # the parent died before prctl took effect
        os._exit(1)


def _run_chunk(number: int):
    assert _task is not None
    return _task(_chunks[number])


def map_chunks(
    task: Callable[[Sequence[T]], R], items: Sequence[T], workers: int, min_items: int = 400
) -> list[R]:
    """`task` applied to consecutive chunks of `items`, in worker processes when it pays off.

    Returns one result per chunk, in order. With one worker, or few items, runs in this process.
    """
    global _task, _chunks, _parent
    if workers <= 1 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        return [task(items)]
    chunk_count = workers * 4
    size = -(-len(items) // chunk_count)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    _task, _chunks, _parent = task, chunks, os.getpid()
    try:
        # Unlike multiprocessing.Pool, whose map() waits forever when a worker is killed (say,
        # by the out-of-memory killer), an executor reports a dead worker as an error.
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_die_with_parent) as pool:
            return list(pool.map(_run_chunk, range(len(chunks))))
    except BrokenProcessPool:
        raise WorkerDiedError(
            "a worker process died (out of memory?); try again with fewer workers: --jobs 1"
        ) from None
    finally:
        _task, _chunks = None, []
