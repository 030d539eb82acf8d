"""Wall-clock time per named build stage."""

from __future__ import annotations

import time


class StageTimer:
    """Wall-clock seconds per named build stage (`build.py --timings` prints them)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now
