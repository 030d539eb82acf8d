"""Helpers for the robustness suite: builds that cannot take the test run down with them.

`isolated_build` runs the command line in a forked child, so a crash (a segfault in a C
extension), a hang or an uncaught exception in the build is reported as a failed assertion rather
than ending the test run. `cli_build` runs `build.py` as a real subprocess. `tree` and
`check_diagnostics` are the assertions every robustness test shares.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import resource
import select
import signal
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BUILD_PY = REPO / "build.py"

# What a build may print to stderr: diagnostics and the final summary line, nothing else.
DIAGNOSTIC_RE = re.compile(r"^[^:]+:\d+: (error|warning): .+$")
# warnings past the first 20 of a kind are counted, not printed (`--all-warnings` prints them)
GROUPED_RE = re.compile(
    r'^(… and \d+ more warnings? like ".+"|\d+ warnings, \d+ not shown: all of them are in .+ \(--all-warnings prints them\))$'
)
SUMMARY_RE = re.compile(r"^build failed(: \d+ errors?)?; .+/ was left unchanged$")


@dataclass
class Outcome:
    code: int | None  # exit status; None if killed by a signal or the timeout
    out: str
    err: str
    signal: int | None = None
    timed_out: bool = False

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()


def check_diagnostics(outcome: Outcome) -> None:
    """Assert a build ended cleanly: status 0 or 1, and stderr only `path:line:` lines (and the
    count of a kind's warnings past the first 20)."""
    assert not outcome.timed_out, "the build hung"
    assert outcome.signal is None, f"the build died of signal {outcome.signal}\n{outcome.err}"
    assert outcome.code in (0, 1), f"exit status {outcome.code}\n{outcome.err}"
    lines = outcome.lines
    for number, line in enumerate(lines):
        if number == len(lines) - 1 and outcome.code == 1 and SUMMARY_RE.match(line):
            continue
        assert DIAGNOSTIC_RE.match(line) or GROUPED_RE.match(line), f"not a diagnostic: {line!r}\n{outcome.err}"
    if outcome.code == 1:
        assert lines and SUMMARY_RE.match(lines[-1]), outcome.err


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def isolated_build(
    root: Path, *args: str, timeout: float = 30.0, out: Path | None = None, memory_limit: int | None = None
) -> Outcome:
    """Run `build.py build` for the site at `root` in a forked child, from the site root (as
    `cli_build` does), and collect what it printed.

    `memory_limit` caps how many bytes of address space the child may add to what it inherits.
    """
    from explainer.cli import main

    argv = ["build", "--content", str(root / "content"), "--out", str(out or root / "site"), *args]
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 70
        try:
            os.close(out_r)
            os.close(err_r)
            sys.stdout = os.fdopen(out_w, "w", encoding="utf-8", errors="backslashreplace")
            sys.stderr = os.fdopen(err_w, "w", encoding="utf-8", errors="backslashreplace")
            os.chdir(root)  # as a writer runs it: messages name `content/...`
            if memory_limit is not None:
                resource.setrlimit(resource.RLIMIT_AS, (_address_space() + memory_limit,) * 2)
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
            except BaseException:  # noqa: BLE001 - shown to the parent as what a user would see
                traceback.print_exc()
                code = 70
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)
    os.close(out_w)
    os.close(err_w)
    buffers: dict[int, list[bytes]] = {out_r: [], err_r: []}
    open_fds = [out_r, err_r]
    deadline = time.monotonic() + timeout
    timed_out = False
    while open_fds:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            timed_out = True
            os.kill(pid, signal.SIGKILL)
            break
        ready, _, _ = select.select(open_fds, [], [], remaining)
        for fd in ready:
            chunk = os.read(fd, 65536)
            if chunk:
                buffers[fd].append(chunk)
            else:
                open_fds.remove(fd)
    for fd in (out_r, err_r):
        if fd in open_fds and not timed_out:
            buffers[fd].append(_read_all(fd))
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    return Outcome(
        None if code < 0 else code,
        b"".join(buffers[out_r]).decode("utf-8", "replace"),
        b"".join(buffers[err_r]).decode("utf-8", "replace"),
        signal=-code if code < 0 and not timed_out else None,
        timed_out=timed_out,
    )


def _address_space() -> int:
    """Bytes of virtual memory this process has mapped now."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def cli_build(root: Path, *args: str, timeout: float = 120.0, out: Path | None = None) -> Outcome:
    """Run `python build.py build` for the site at `root` as a real subprocess."""
    argv = [sys.executable, str(BUILD_PY), "build", "--content", str(root / "content"),
            "--out", str(out or root / "site"), *args]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, cwd=root)
    except subprocess.TimeoutExpired as exc:
        return Outcome(None, _text(exc.stdout), _text(exc.stderr), timed_out=True)
    code = done.returncode
    return Outcome(None if code < 0 else code, done.stdout, done.stderr, signal=-code if code < 0 else None)


def _text(data: bytes | str | None) -> str:
    if isinstance(data, bytes):
        return data.decode("utf-8", "replace")
    return data or ""


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a digest of its bytes (symlinks by their target)."""
    found = {}
    for directory, _, files in os.walk(folder):
        for name in files:
            path = Path(directory, name)
            relative = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[relative] = "link:" + os.readlink(path)
            else:
                found[relative] = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    return found


def site_tree(folder: Path) -> dict[str, str]:
    """`tree(folder)`, with the parts of the search index that depend on file-system order
    replaced by what they must say.

    Pagefind names and fills its index and meta files in the order the file system lists the
    pages (tmpfs and ext4 list them differently, and a folder that was written in a different
    order may too), so those bytes differ between two correct builds of the same site. The pages,
    the per-page fragments and the search UI do not. What is checked instead: the entry file is
    consistent (the meta file it names exists) and says how many pages each language has.
    """
    files = tree(folder)
    entry_path = folder / "pagefind" / "pagefind-entry.json"
    if not entry_path.is_file():
        return files
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        assert f"pagefind/pagefind.{language['hash']}.pf_meta" in files, "a search index names a missing file"
        language["hash"] = "(depends on the file system)"
    order_dependent = [
        name for name in files
        if name == "pagefind/pagefind-entry.json" or name.startswith("pagefind/index/")
        or (name.startswith("pagefind/pagefind.") and name.endswith(".pf_meta"))
    ]
    for name in order_dependent:
        del files[name]
    files["pagefind/pagefind-entry.json"] = json.dumps(entry, sort_keys=True)
    files["pagefind/index/"] = str(len([n for n in order_dependent if n.startswith("pagefind/index/")]))
    return files


def generate_site(out: Path, records: int, seed: int = 1) -> Path:
    """A synthetic site from the benchmark generator (deterministic for a given seed)."""
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "generate.py"), "--records", str(records), "--out", str(out),
         "--seed", str(seed)],
        check=True, capture_output=True, timeout=300,
    )
    return out


def children(pid: int) -> list[int]:
    """The child processes of `pid` (Linux)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as listing:
            return [int(child) for child in listing.read().split()]
    except OSError:
        return []


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/`pid`/stat after the command name (the first is the state), or None
    once the process is reaped."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def gone(pid: int) -> bool:
    """Whether process `pid` has ended (exited, or a zombie nobody has reaped yet)."""
    fields = _stat_fields(pid)
    return fields is None or fields[0] in ("Z", "X")


def cpu_ticks(pid: int) -> int:
    """The CPU time process `pid` has used, user and system, in clock ticks (0 once it is reaped)."""
    fields = _stat_fields(pid)
    return 0 if fields is None else int(fields[11]) + int(fields[12])  # the stat file's 14th and 15th


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise TimeoutError in this (main) thread if the block runs longer than `seconds`."""
    def expire(signum, frame):
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
