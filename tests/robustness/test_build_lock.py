"""Two builds of the same output folder never interleave: the second waits for the first.

The lock is an `flock` on `.site.lock` beside the output folder, so the kernel releases it when
the build holding it dies, however it dies.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from explainer.build.command import build_site
from explainer.core.lock import build_lock, lock_path
from explainer.core.options import BuildOptions

from .helpers import BUILD_PY, children, cpu_ticks, gone, site_tree

pytestmark = pytest.mark.slow


def held(lock: Path) -> bool:
    """Whether some process holds the build lock, read from /proc/locks (without touching it)."""
    try:
        inode = lock.stat().st_ino
    except FileNotFoundError:
        return False
    with open("/proc/locks", encoding="ascii") as locks:
        for line in locks:
            fields = line.split()
            if "FLOCK" in fields and any(f.endswith(f":{inode}") for f in fields):
                return True
    return False


SETTLED_TICKS = 3  # CPU time (in clock ticks, 10 ms) after which a worker has run its initializer


def start_build(root: Path, out: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(BUILD_PY), "build", "--content", str(root / "content"), "--out", str(out), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wait_until(condition, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.005)


def test_a_second_build_waits_for_the_first_and_says_so(generated_site, tmp_path):
    out = tmp_path / "site"
    first = start_build(generated_site, out)
    wait_until(lambda: held(lock_path(out)) or first.poll() is not None, "the first build to take the lock")
    assert first.poll() is None, "the first build ended before the second one started"
    second = start_build(generated_site, out)
    # The second build says it is waiting, and does not write until the first one is done.
    line = second.stderr.readline()
    assert line == f"build.py: another build is writing {out}/; waiting for it to finish (.site.lock)\n"
    first_out, first_err = first.communicate(timeout=300)
    second_out, second_err = second.communicate(timeout=300)
    assert (first.returncode, first_err) == (0, "")
    assert (second.returncode, second_err) == (0, "")
    assert first_out.startswith("built ") and second_out.startswith("built ")
    # The two builds left the folders as two clean builds in a row would have: the live site is a
    # clean build, and the spare generation holds the same site, so a third build writes nothing.
    reference = tmp_path / "reference"
    build_site(BuildOptions(generated_site / "content", reference, workers=1), use_cache=False)
    assert site_tree(out) == site_tree(reference)
    third = build_site(BuildOptions(generated_site / "content", out, workers=1))
    assert third.written == 0


def test_a_killed_build_never_leaves_the_lock_held(generated_site, tmp_path):
    out = tmp_path / "site"
    victim = start_build(generated_site, out, "--jobs", "2")
    # Catch the build while its workers exist (between its two pools there are none for a moment),
    # and once each has run long enough to have asked the kernel to end it with the build: a worker
    # frozen in the instant between its fork and that request could only end by itself.
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while victim.poll() is None and time.monotonic() < deadline:
        workers = children(victim.pid)
        if workers and all(cpu_ticks(pid) >= SETTLED_TICKS for pid in workers):
            break
        time.sleep(0.005)
    assert workers and victim.poll() is None, "the build ended before its workers were caught"
    try:
        # Forked workers inherit the lock's descriptor. Frozen, they cannot end by themselves
        # (finish their chunk, fail on the closed pipe): only the kernel, ending them with the
        # build, can release the lock now.
        for pid in workers:
            os.kill(pid, signal.SIGSTOP)
        victim.send_signal(signal.SIGKILL)
        try:
            _, err = victim.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            raise AssertionError("the workers outlived the build (they still hold its stderr)") from None
        assert err == ""
        wait_until(lambda: all(gone(pid) for pid in workers), "the workers to die", timeout=10)
        wait_until(lambda: not held(lock_path(out)), "the lock to be released", timeout=10)
    finally:
        for pid in workers:
            if not gone(pid):
                os.kill(pid, signal.SIGKILL)
    after = start_build(generated_site, out)
    after_out, after_err = after.communicate(timeout=300)
    assert (after.returncode, after_err) == (0, "")


def test_the_lock_serialises_builds_in_one_process(tmp_path):
    # flock locks belong to open file descriptions, so two threads of one process (the preview
    # server rebuilding while a build runs) exclude each other too.
    out = tmp_path / "site"
    order: list[str] = []
    waited = threading.Event()
    with build_lock(out):
        def second() -> None:
            with build_lock(out, on_wait=lambda path: waited.set()):
                order.append("second")

        thread = threading.Thread(target=second)
        thread.start()
        assert waited.wait(timeout=30)
        order.append("first")
    thread.join(timeout=30)
    assert order == ["first", "second"]
    assert lock_path(out) == tmp_path / ".site.lock"
