"""explainer.preview.server: a stop signal is noted, not raised, where Python would print the
exception with its traceback and drop it (fork handlers, the finalizers of a worker pool)."""

from __future__ import annotations

import multiprocessing.util
import signal
import sys

from explainer.preview import server


class _Pool:
    """Something a finalizer is attached to, as to a build's worker pool."""


def _with_stop_handler(action) -> bool:
    """Run `action` with the server's SIGINT handler installed; whether KeyboardInterrupt came out."""
    server._stop_asked.clear()
    previous = signal.signal(signal.SIGINT, server._interrupt)
    try:
        action()
    except KeyboardInterrupt:
        return True
    finally:
        signal.signal(signal.SIGINT, previous)
    return False


def test_ctrl_c_while_a_worker_pools_finalizer_runs_is_noted_not_printed(monkeypatch):
    dropped: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", dropped.append)

    def collect_a_pool() -> None:
        pool = _Pool()
        multiprocessing.util.Finalize(pool, signal.raise_signal, args=(signal.SIGINT,))
        del pool  # its finalizer runs now, as Python collects it: exceptions there are printed and dropped

    assert not _with_stop_handler(collect_a_pool)
    assert dropped == []
    assert server._stop_asked.is_set()
    server._stop_asked.clear()


def test_ctrl_c_elsewhere_stops_at_once():
    assert _with_stop_handler(lambda: signal.raise_signal(signal.SIGINT))
    assert server._stop_asked.is_set()
    server._stop_asked.clear()
