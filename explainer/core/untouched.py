"""Whether many files are all still there and untouched since a moment, asked of the disk at once.

A cached build proves every file the last build wrote untouched before it trusts the output
folder: one `stat` a file, 11,000 at 10,000 records. When those files are in memory a `stat`
costs about 2 µs; when they are not (the first build after the machine started, or after other
work pushed them out) each is a read from the disk, about 60 µs one after another (0.7 s), while
the disk answers several at once about four times as fast. So the first files are asked in turn,
and the rest by threads only when those were slow: threads are of no help to a `stat` answered
from memory (16 threads made the warm case 0.045 s instead of 0.027).

A build that needs the answer only later asks for it first (`UntouchedCheck`): a child process
asks the disk on the other core while the build scans its input and reads its cache, which at
10,000 records takes the 0.04 s of those 11,000 `stat`s off a one-record rebuild. Any other
question about files can be asked the same way (`ChildAnswer`: a restored site's bytes).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence

from explainer.core.parallel import end_child, fork_child, split

PROBE = 256  # files asked in turn first, to tell a warm folder from a cold one
SLOW_STAT = 10e-6  # seconds a `stat` takes on average beyond which the rest go to threads
THREADS = 16


def untouched_since(paths: Sequence[str], since_ns: int) -> bool:
    """Whether every file in `paths` exists and was last modified at or before `since_ns`."""
    started = time.perf_counter()
    probe = paths[:PROBE]
    if not _untouched(probe, since_ns):
        return False
    rest = paths[PROBE:]
    if not rest:
        return True
    if time.perf_counter() - started < SLOW_STAT * len(probe):
        return _untouched(rest, since_ns)
    return _untouched_in_threads(rest, since_ns)


def _untouched(paths: Sequence[str], since_ns: int) -> bool:
    for path in paths:
        try:
            if os.stat(path).st_mtime_ns > since_ns:
                return False
        except OSError:
            return False
    return True


def _untouched_in_threads(paths: Sequence[str], since_ns: int) -> bool:
    slices = split(paths, THREADS)
    answers = [False] * len(slices)

    def ask(number: int) -> None:
        answers[number] = _untouched(slices[number], since_ns)

    threads = [threading.Thread(target=ask, args=(number,), daemon=True) for number in range(len(slices))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return all(answers)


class ChildAnswer:
    """`question()`, a yes or no about files, asked by a child process from the moment this is
    made (`fork_child`); `answer()` waits for it. Where no child can be started, or the child
    ended without answering, the question is asked in this process when the answer is wanted.
    `close()` ends and reaps the child, answered or not. No question (None) is a yes, asked of
    nobody."""

    def __init__(self, question: Callable[[], bool] | None) -> None:
        self.question = question
        self._answer: bool | None = None
        self._pid: int | None = None
        self._reply = -1  # the pipe's end the child's answer comes through
        if question is None:
            return
        reply, send = os.pipe()
        try:
            self._pid = fork_child(lambda: os.write(send, b"1" if question() else b"0"))
        finally:
            os.close(send)  # (so that a child that dies leaves an empty pipe, not a wait forever)
        if self._pid is None:
            os.close(reply)
        else:
            self._reply = reply

    def answer(self) -> bool:
        if self._answer is None:
            said = os.read(self._reply, 1) if self._reply >= 0 else b""
            self.close()
            self._answer = said == b"1" if said else (self.question is None or self.question())
        return self._answer

    def close(self) -> None:
        if self._reply >= 0:
            os.close(self._reply)
            self._reply = -1
        if self._pid is not None:
            end_child(self._pid)
            self._pid = None

    def __enter__(self) -> ChildAnswer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class UntouchedCheck(ChildAnswer):
    """`untouched_since(paths, since_ns)`, asked by a child process from the moment this is made."""

    def __init__(self, paths: Sequence[str], since_ns: int) -> None:
        # (looked up when asked: the module's function, whatever it is then)
        super().__init__((lambda: untouched_since(paths, since_ns)) if paths else None)
