"""Spreading work over the machine's cores with forked worker processes.

The site model is built once in the parent; forked workers share it copy-on-write, so only the
small work items and their results cross process boundaries. Results come back in input order,
so parallel builds are byte-identical to single-process ones.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import signal
from collections.abc import Callable, Sequence
from typing import TypeVar

from explainer.core.progress import Progress

T = TypeVar("T")
R = TypeVar("R")

class WorkerDiedError(RuntimeError):
    """A worker process ended without finishing its work."""


_task: Callable | None = None
_chunks: list = []
_PR_SET_PDEATHSIG = 1
PIECE = 200  # the least work done between two updates of a visible progress, in one process
CHUNKS_PER_WORKER = 16


def _find_prctl() -> Callable | None:
    try:
        return ctypes.CDLL(None, use_errno=True).prctl  # Linux: the C library is already loaded
    except (OSError, AttributeError):
        return None


_prctl = _find_prctl()


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def die_with_parent(parent: int) -> None:
    """In a forked child (a worker, or a tool such as Pagefind before it starts): ask the kernel to
    end it the moment `parent`, the build that started it, dies.

    Otherwise a killed build leaves its children running: workers until their chunk is done,
    printing tracebacks and keeping the build lock (which they inherit) held; Pagefind until it
    has written its index into a folder the next build may already be writing. Safe to run
    between fork and exec: it only makes one system call. Elsewhere than Linux it does nothing
    (workers still end when their pipe closes).
    """
    if _prctl is None:
        return
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def fork_child(work: Callable[[], object]) -> int | None:
    """Start `work` in a forked child process: its pid, or None when none could be started (no
    `fork` here, or out of processes or memory; the caller then does without, or does the work
    itself). The child ends when `work` does, even by an exception, and with the build that
    started it (`die_with_parent`); Ctrl-C ends it by the signal. Nothing it does reaches the
    parent's output or exit handlers. The caller reaps it (`os.waitpid`)."""
    if not hasattr(os, "fork"):
        return None
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            die_with_parent(parent)
            work()
        finally:
            os._exit(0)
    return pid


def end_child(pid: int) -> None:
    """End a child `fork_child` started, if it is still running, and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _run_chunk(number: int):
    assert _task is not None
    return _task(_chunks[number])


def split(items: Sequence[T], count: int) -> list[Sequence[T]]:
    """`items` in at most `count` consecutive slices of equal length (the last may be shorter)."""
    size = -(-len(items) // count)
    return [items[i : i + size] for i in range(0, len(items), size)]


def map_chunks(
    task: Callable[[Sequence[T]], R], items: Sequence[T], workers: int, min_items: int = 400,
    progress: Progress | None = None,
) -> list[R]:
    """`task` applied to consecutive chunks of `items`, in worker processes when it pays off.

    Returns one result per chunk, in order. With one worker, or few items, runs in this process.
    `progress` is advanced by each chunk's items as its result comes back; when someone sees it,
    work done in this process is split into pieces too, so that the count moves (chunks are
    independent, so the results are the same).
    """
    global _task, _chunks
    if workers <= 1 or len(items) < min_items or not hasattr(os, "fork"):
        if progress is None or not progress.visible or len(items) < PIECE:
            results = [task(items)]
            if progress is not None:
                progress.advance(len(items))
            return results
        results = []
        for piece in split(items, min(-(-len(items) // PIECE), 100)):
            results.append(task(piece))
            progress.advance(len(piece))
        return results
    # Imported only when a build forks: a fifth of the engine's imports, which a cached build
    # that converts and renders a few records does without.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Many more chunks than workers: a worker that is done takes the next, so that a run of costly
    # items (the long Markdown of articles, after thousands of short summaries) is shared out
    # rather than left to one worker while the others wait; and a visible count moves as each
    # chunk comes back.
    chunks = split(items, workers * CHUNKS_PER_WORKER)
    _task, _chunks = task, chunks
    try:
        # Unlike multiprocessing.Pool, whose map() waits forever when a worker is killed (say,
        # by the out-of-memory killer), an executor reports a dead worker as an error.
        context = multiprocessing.get_context("fork")
        # Objects that exist now are moved out of the collector's sight before forking: a worker's
        # collections would otherwise write to every inherited object's header, copying the
        # parent's whole heap page by page into each worker.
        gc.freeze()
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)
        ) as pool:
            results = []
            for number, result in enumerate(pool.map(_run_chunk, range(len(chunks)))):
                results.append(result)
                if progress is not None:
                    progress.advance(len(chunks[number]))
            return results
    except BrokenProcessPool:
        raise WorkerDiedError(
            "a worker process died (out of memory?); try again with fewer workers: --jobs 1"
        ) from None
    finally:
        gc.unfreeze()
        _task, _chunks = None, []
