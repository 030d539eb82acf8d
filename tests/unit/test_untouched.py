"""explainer.core.untouched: whether files are all there and untouched since a moment, the same
answer whether they are asked in turn or by threads (when the disk is slow to answer), or by a
child process while the caller goes on (`UntouchedCheck`)."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from explainer.core import untouched
from explainer.core.untouched import untouched_since

SAVED_NS = 1_000_000_000_000_000_000


@pytest.fixture
def files(tmp_path):
    paths = []
    for number in range(600):
        path = tmp_path / f"page-{number}" / "index.html"
        path.parent.mkdir()
        path.write_text("x")
        os.utime(path, ns=(SAVED_NS - 10, SAVED_NS - 10))
        paths.append(str(path))
    return paths


@pytest.fixture(params=["in turn", "threads"])
def asked(request, monkeypatch):
    """How the files after the probe are asked, and the threads that were started."""
    started = []
    if request.param == "threads":
        monkeypatch.setattr(untouched, "SLOW_STAT", 0.0)  # every disk is slow
    real_start = threading.Thread.start

    def start(thread):
        started.append(thread)
        real_start(thread)

    monkeypatch.setattr(threading.Thread, "start", start)
    return request.param, started


def test_files_all_there_and_older_are_untouched(files, asked):
    how, started = asked
    assert untouched_since(files, SAVED_NS) is True
    assert len(started) == (16 if how == "threads" else 0)


@pytest.mark.parametrize("number", [0, 255, 256, 599])  # in the probe, its last, the rest's first and last
def test_one_file_modified_after_the_moment_is_a_touched_folder(files, asked, number):
    os.utime(files[number], ns=(SAVED_NS + 1, SAVED_NS + 1))
    assert untouched_since(files, SAVED_NS) is False


@pytest.mark.parametrize("number", [0, 300, 599])
def test_one_file_missing_is_a_touched_folder(files, asked, number):
    os.remove(files[number])
    assert untouched_since(files, SAVED_NS) is False


def test_a_file_modified_at_the_very_moment_is_untouched(files, asked):
    os.utime(files[400], ns=(SAVED_NS, SAVED_NS))
    assert untouched_since(files, SAVED_NS) is True


def test_no_files_is_untouched(asked):
    assert untouched_since([], SAVED_NS) is True


# UntouchedCheck: the same answer, asked by a child process while the caller goes on.

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")


@needs_fork
@pytest.mark.parametrize("touched", [None, 0, 599])
def test_a_check_asked_by_a_child_answers_as_untouched_since_and_reaps_it(files, untouched_askers, touched):
    if touched is not None:
        os.utime(files[touched], ns=(SAVED_NS + 1, SAVED_NS + 1))
    with untouched.UntouchedCheck(files, SAVED_NS) as check:
        child = check._pid
        assert child is not None
        assert check.answer() is (touched is None)
        assert check.answer() is (touched is None)  # (asked once)
    assert untouched_askers() == [child]
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)


@needs_fork
def test_a_check_whose_child_died_without_answering_is_asked_here(files, untouched_askers, monkeypatch):
    os.remove(files[10])
    here, asked = os.getpid(), untouched.untouched_since

    def untouched_since(paths, since_ns):  # (the child never answers before it is killed)
        if os.getpid() != here:
            time.sleep(60)
        return asked(paths, since_ns)

    monkeypatch.setattr(untouched, "untouched_since", untouched_since)
    check = untouched.UntouchedCheck(files, SAVED_NS)
    os.kill(check._pid, signal.SIGKILL)
    assert check.answer() is False
    assert untouched_askers() == [os.getpid()]
    assert check._pid is None


def test_a_check_without_a_child_is_asked_here_when_the_answer_is_wanted(files, untouched_askers, monkeypatch):
    monkeypatch.setattr(untouched, "fork_child", lambda work: None)  # no fork, or out of processes
    check = untouched.UntouchedCheck(files, SAVED_NS)
    assert untouched_askers() == []
    assert check.answer() is True
    assert untouched_askers() == [os.getpid()]


@needs_fork
def test_a_check_closed_unanswered_ends_its_child(files, monkeypatch):
    monkeypatch.setattr(untouched, "untouched_since", lambda paths, since_ns: time.sleep(60))
    check = untouched.UntouchedCheck(files, SAVED_NS)
    child = check._pid
    started = time.monotonic()
    check.close()
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)


def test_a_check_of_no_files_starts_no_child(untouched_askers):
    check = untouched.UntouchedCheck([], SAVED_NS)
    assert check._pid is None
    assert check.answer() is True
