"""The progress line (`explainer.core.progress`): drawn frame by frame on a terminal, at most ten
times a second within a stage, cleared before other output; and counted as chunks of work come
back (`explainer.core.parallel.map_chunks`)."""

from __future__ import annotations

import io

from explainer.core.parallel import map_chunks
from explainer.core.progress import Progress, ProgressLine


class FakeTerminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def frames(stream: io.StringIO) -> list[str]:
    """What was written, split where each write begins a new frame (at a carriage return)."""
    return ["\r" + frame for frame in stream.getvalue().split("\r")[1:]]


def test_frames_for_a_fake_clock():
    clock, stream = Clock(), FakeTerminal()
    line = ProgressLine(stream, clock=clock, columns=lambda: 80)
    line.stage("reading content")
    clock.now = 102.0
    line.stage("rendering pages", 1000)
    clock.now = 102.05
    line.advance(100)  # 0.05 s after the last frame: not drawn
    clock.now = 103.0
    line.advance(200)  # 300 in 1 s: 300/s, 700 left, 2.33 s
    clock.now = 103.09
    line.advance(100)  # not drawn
    clock.now = 103.25
    line.advance(100)  # 500 in 1.25 s: 400/s, 500 left
    clock.now = 103.3
    line.stage("writing files")  # shorter: the rest of the last frame is blanked
    line.clear()
    line.clear()  # nothing shown: nothing written
    assert stream.getvalue() == (
        "\rreading content"
        "\rrendering pages: 0/1,000"
        "\rrendering pages: 300/1,000, 300/s, 3 s left"
        "\rrendering pages: 500/1,000, 400/s, 2 s left"
        "\rwriting files" + " " * 30 +
        "\r" + " " * 13 + "\r"
    )


def test_a_stage_change_is_always_drawn_and_clearing_does_not_stop_the_line():
    clock, stream = Clock(), FakeTerminal()
    line = ProgressLine(stream, clock=clock, columns=lambda: 80)
    line.stage("indexing")
    line.stage("preparing pages")  # at the same instant: still drawn
    line.clear()
    clock.now += 0.5
    line.stage("rendering pages", 10)
    clock.now += 1
    line.advance(10)
    assert frames(stream) == [
        "\rindexing", "\rpreparing pages", "\r" + " " * 15, "\r", "\rrendering pages: 0/10",
        "\rrendering pages: 10/10, 10/s, 0 s left",
    ]


def test_the_line_never_reaches_the_edge_of_the_terminal():
    clock, stream = Clock(), FakeTerminal()
    line = ProgressLine(stream, clock=clock, columns=lambda: 20)
    line.stage("converting Markdown", 100_000)
    assert stream.getvalue() == "\rconverting Markdown"  # 19 characters of ": 0/100,000" more


def test_long_times_left_in_minutes_and_hours():
    clock, stream = Clock(), FakeTerminal()
    line = ProgressLine(stream, clock=clock, columns=lambda: 80)
    line.stage("rendering pages", 100_000)
    clock.now += 10
    line.advance(1000)  # 100/s: 99,000 left, 990 s
    assert line.text(clock.now) == "rendering pages: 1,000/100,000, 100/s, 16 min 30 s left"
    line.stage("rendering pages", 1_000_000)
    clock.now += 10
    line.advance(100)  # 10/s: 99,990 s left
    assert line.text(clock.now) == "rendering pages: 100/1,000,000, 10/s, 27 h 46 min left"


def test_a_line_on_a_stream_without_a_size_is_80_columns_wide():
    stream = FakeTerminal()  # no file descriptor
    line = ProgressLine(stream, clock=Clock())
    line.stage("x" * 100)
    assert stream.getvalue() == "\r" + "x" * 79


def test_the_default_progress_says_nothing():
    progress = Progress()
    assert not progress.visible
    progress.stage("rendering pages", 10)
    progress.advance(3)
    progress.clear()


class Counted(Progress):
    def __init__(self, visible: bool) -> None:
        self.visible = visible
        self.counts: list[int] = []

    def advance(self, count: int = 1) -> None:
        self.counts.append(count)


def test_work_in_one_process_is_counted_in_pieces_only_when_someone_sees_it():
    items = list(range(1000))
    unseen = Counted(visible=False)
    assert map_chunks(sum, items, workers=1, progress=unseen) == [sum(items)]
    assert unseen.counts == [1000]
    seen = Counted(visible=True)
    results = map_chunks(sum, items, workers=1, progress=seen)
    assert sum(results) == sum(items) and len(results) == 5
    assert seen.counts == [200] * 5


def test_work_in_worker_processes_is_counted_as_each_chunk_comes_back():
    items = list(range(100))
    seen = Counted(visible=True)
    results = map_chunks(sum, items, workers=2, min_items=1, progress=seen)
    assert sum(results) == sum(items)
    # 16 chunks per worker when someone sees the count (4 otherwise): 32 of at most 4 items
    assert seen.counts == [4] * 25 and len(results) == 25
