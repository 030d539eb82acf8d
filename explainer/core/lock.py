"""The build lock: one build at a time per output folder.

Two builds writing the same output folder would interleave their writes into the spare generation
and swap each other's half-finished work in. A build therefore holds an exclusive `flock` on a lock
file next to the output folder (`.site.lock` for `site/`) from the moment it reads the build cache
until it has saved it again. A second build waits for the first one to finish, saying so once.

`flock` is released by the kernel when the holder's last descriptor of the lock file is closed,
including when the process is killed, so a crashed build can never leave the lock stuck. Forked
worker processes inherit the descriptor; they die with their parent (see `parallel`).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not a POSIX system: builds are not serialised
    fcntl = None  # type: ignore[assignment]


def lock_path(out_dir: Path) -> Path:
    """The lock file of an output folder: `.site.lock` beside `site/`."""
    return out_dir.parent / f".{out_dir.name}.lock"


@contextmanager
def build_lock(out_dir: Path, on_wait: Callable[[Path], None] | None = None) -> Iterator[Path]:
    """Hold the build lock of `out_dir` for the duration of the `with` block.

    If another build holds it, `on_wait(lock_file)` is called once and the call blocks until the
    other build is done. Raises OSError if the lock file cannot be created (a read-only folder).
    """
    path = lock_path(out_dir)
    if fcntl is None:  # pragma: no cover
        yield path
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)  # OSError names the path
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            if on_wait is not None:
                on_wait(path)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield path
    finally:
        # Closing the descriptor releases the lock; the file itself stays, so that a build that
        # is waiting on it and a build that starts now agree on which file is the lock.
        os.close(handle)
