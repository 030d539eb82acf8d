"""Spreading work over the machine's cores with forked worker processes.

The site model is built once in the parent; forked workers share it copy-on-write, so only the
small work items and their results cross process boundaries. Results come back in input order,
so parallel builds are byte-identical to single-process ones.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_task: Callable | None = None
_chunks: list = []


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _run_chunk(number: int):
    assert _task is not None
    return _task(_chunks[number])


def map_chunks(
    task: Callable[[Sequence[T]], R], items: Sequence[T], workers: int, min_items: int = 400
) -> list[R]:
    """`task` applied to consecutive chunks of `items`, in worker processes when it pays off.

    Returns one result per chunk, in order. With one worker, or few items, runs in this process.
    """
    global _task, _chunks
    if workers <= 1 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        return [task(items)]
    chunk_count = workers * 4
    size = -(-len(items) // chunk_count)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    _task, _chunks = task, chunks
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run_chunk, range(len(chunks)), chunksize=1)
    finally:
        _task, _chunks = None, []
