"""explainer.core.untouched: whether files are all there and untouched since a moment, the same
answer whether they are asked in turn or by threads (when the disk is slow to answer)."""

from __future__ import annotations

import os
import threading

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
