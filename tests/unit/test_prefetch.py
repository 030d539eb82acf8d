"""explainer.core.prefetch: a child process asks the kernel for every file, never blocks on a FIFO
nor follows a link, ends quietly on Ctrl-C, and is gone when the step that needed the files is."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from explainer.core import prefetch as prefetching
from explainer.core.prefetch import prefetch

pytestmark = pytest.mark.skipif(
    not prefetching.ENABLED or not Path("/proc/self/fd").is_dir(), reason="fork, posix_fadvise and /proc"
)


@pytest.fixture
def asked(tmp_path: Path, monkeypatch) -> Path:
    """A file the child writes each request to, as "path advice" (`os.posix_fadvise` spied on
    before the fork, so the child has the spy)."""
    log = tmp_path / "asked.txt"
    real = os.posix_fadvise

    def posix_fadvise(handle: int, offset: int, length: int, advice: int) -> None:
        with open(log, "a") as out:
            out.write(f"{os.readlink(f'/proc/self/fd/{handle}')} {advice}\n")
        delay = os.environ.get("PREFETCH_TEST_DELAY")
        if delay:
            time.sleep(float(delay))
        real(handle, offset, length, advice)

    monkeypatch.setattr(os, "posix_fadvise", posix_fadvise)
    return log


def ended(pid: int, within: float = 10.0) -> int | None:
    """The child's wait status once it has ended by itself, or None if it was still running
    `within` seconds later (it is then killed)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


def many_files(folder: Path) -> list[str]:
    """200 small files to ask for: ten seconds of asking with a delay of 0.05 s a request."""
    paths = []
    for number in range(200):
        path = folder / f"{number}.yaml"
        path.write_text(str(number))
        paths.append(str(path))
    return paths


def wait_for(log: Path, lines: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if log.exists() and len(log.read_text().splitlines()) >= lines:
            return
        time.sleep(0.01)
    raise AssertionError(f"the child asked for fewer than {lines} files")


def test_each_file_is_asked_for_in_order_without_blocking_on_a_fifo_or_following_a_link(tmp_path, asked):
    first, second, fifo, link = (tmp_path / name for name in ("a.yaml", "b.yaml", "fifo.yaml", "link.yaml"))
    first.write_text("a")
    second.write_text("b")
    os.mkfifo(fifo)  # (opened to read, a FIFO waits for a writer unless told not to)
    link.symlink_to(first)
    paths = [str(p) for p in (first, tmp_path / "gone.yaml", link, fifo, second)]
    status = ended(prefetching._start(paths))
    assert status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    will_need = os.POSIX_FADV_WILLNEED
    assert asked.read_text().splitlines() == [f"{first} {will_need}", f"{fifo} {will_need}", f"{second} {will_need}"]


def test_ctrl_c_ends_the_child_by_the_signal_and_prints_nothing(tmp_path, asked, monkeypatch, capfd):
    monkeypatch.setenv("PREFETCH_TEST_DELAY", "0.05")
    paths = many_files(tmp_path)
    pid = prefetching._start(paths)
    wait_for(asked, 1)
    os.kill(pid, signal.SIGINT)
    status = ended(pid, within=5)
    assert status is not None and os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGINT
    assert capfd.readouterr() == ("", "")


def test_the_child_is_ended_and_reaped_when_the_step_is_done(tmp_path, asked, monkeypatch):
    monkeypatch.setenv("PREFETCH_TEST_DELAY", "0.05")
    paths = many_files(tmp_path)
    started = time.monotonic()
    with prefetch(paths) as pid:
        assert isinstance(pid, int) and pid != os.getpid()
        wait_for(asked, 1)
    assert time.monotonic() - started < 5  # (not left to ask for the other files)
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_nothing_to_ask_for_starts_no_child(tmp_path, monkeypatch):
    with prefetch([]) as pid:
        assert pid is None
    monkeypatch.setattr(prefetching, "ENABLED", False)  # (no fork or posix_fadvise here)
    (tmp_path / "a.yaml").write_text("a")
    with prefetch([str(tmp_path / "a.yaml")]) as pid:
        assert pid is None
