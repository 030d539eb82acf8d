"""How far a build has got: `Progress`, which the build tells as it goes, and `ProgressLine`, which
shows it on a terminal.

The build calls `stage(name, total)` when a stage starts and `advance(count)` as its work is done
(for work spread over worker processes, as each chunk comes back). The default `Progress` tells no
one, so a build run from a test, a script or a CI job prints nothing it did not print before.
`ProgressLine` rewrites one line of a terminal (``\\r``), at most ten times a second within a
stage: the stage, how much of it is done, how fast and how long it still takes::

    rendering pages: 12,000/100,000, 4,000/s, 22 s left

It writes only ASCII and pads each frame over the last one with spaces (no terminal escape codes),
and keeps the line shorter than the terminal so that it never wraps. Whoever prints anything else
while a build runs calls `clear` first; the next update draws the line again.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from typing import TextIO


class Progress:
    """Told how far a build has got; this one tells no one (a build's default)."""

    # Whether anyone sees the count: only then is work done in one process split into pieces,
    # so that the count moves (`explainer.core.parallel.map_chunks`).
    visible = False

    def stage(self, name: str, total: int | None = None) -> None:
        """A stage starts: `total` items of work when they are known, else just its name."""

    def advance(self, count: int = 1) -> None:
        """`count` more items of the current stage are done."""

    def clear(self) -> None:
        """Erase what is shown, before something else is printed."""


class ProgressLine(Progress):
    """Progress drawn on one line of a terminal `stream` (standard error), rewritten in place."""

    visible = True

    def __init__(
        self, stream: TextIO, clock: Callable[[], float] = time.monotonic,
        columns: Callable[[], int] | None = None, interval: float = 0.1,
    ):
        self.stream = stream
        self.clock = clock
        self.columns = columns or self._stream_columns
        self.interval = interval  # seconds between two updates within a stage
        self.name = ""
        self.total: int | None = None
        self.done = 0
        self.started = clock()
        self.drawn_at = -math.inf
        self.shown = 0  # characters on the line now

    def stage(self, name: str, total: int | None = None) -> None:
        self.name, self.total, self.done, self.started = name, total, 0, self.clock()
        self._draw(self.started)  # always: a long stage must not show the one before it

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = self.clock()
        if now - self.drawn_at >= self.interval:
            self._draw(now)

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0

    def text(self, now: float) -> str:
        """The line for the current stage at time `now`."""
        if self.total is None:
            return self.name
        line = f"{self.name}: {self.done:,}/{self.total:,}"
        elapsed = now - self.started
        if self.done and elapsed > 0:
            rate = self.done / elapsed
            line += f", {rate:,.0f}/s, {_duration((self.total - self.done) / rate)} left"
        return line

    def _draw(self, now: float) -> None:
        text = self.text(now)[: max(self.columns() - 1, 0)]
        self.stream.write("\r" + text + " " * (self.shown - len(text)))
        self.stream.flush()
        self.shown, self.drawn_at = len(text), now

    def _stream_columns(self) -> int:
        try:
            return os.get_terminal_size(self.stream.fileno()).columns or 80  # 0: size unknown
        except (OSError, ValueError):  # not a terminal after all, or closed
            return 80


def _duration(seconds: float) -> str:
    """``"22 s"``, ``"3 min 5 s"``, ``"1 h 12 min"``: a time left, rounded up to the second."""
    whole = max(math.ceil(seconds), 0)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60} s"
    return f"{whole // 3600} h {whole % 3600 // 60} min"
