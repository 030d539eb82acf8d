"""Stage timings (`explainer.core.timing`): each lap adds the time since the last one to its stage."""

from __future__ import annotations

from types import SimpleNamespace

from explainer.core import timing
from explainer.core.timing import StageTimer


def test_laps_accumulate_per_stage_in_the_order_first_seen(monkeypatch):
    ticks = iter([10.0, 10.5, 12.0, 12.25, 13.0])
    monkeypatch.setattr(timing, "time", SimpleNamespace(perf_counter=lambda: next(ticks)))
    timer = StageTimer()  # started at 10.0
    assert timer.seconds == {}
    timer.lap("load")  # 10.5
    timer.lap("render")  # 12.0
    timer.lap("load")  # 12.25: load again, its time added to the first lap's
    assert timer.seconds == {"load": 0.75, "render": 1.5}
    assert list(timer.seconds) == ["load", "render"]
    timer.lap("write")  # 13.0
    assert timer.seconds == {"load": 0.75, "render": 1.5, "write": 0.75}


def test_a_real_timer_counts_forward():
    timer = StageTimer()
    timer.lap("a")
    timer.lap("a")
    assert list(timer.seconds) == ["a"]
    assert timer.seconds["a"] >= 0.0
