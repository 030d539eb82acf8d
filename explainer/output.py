"""Writing the site: into a fresh folder beside the output, then swapped in whole.

A failed or interrupted build never leaves a half-written site, files from earlier builds never
linger, and no page can be written outside the output folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class UnsafePathError(ValueError):
    pass


def safe_join(folder: Path, relative: str) -> Path:
    """`folder / relative`, refusing anything that would land outside `folder`."""
    if relative.startswith(("/", "\\")) or "\\" in relative or "\x00" in relative:
        raise UnsafePathError(f"refusing to write outside the output folder: {relative!r}")
    parts = relative.split("/")
    if any(part in ("", ".", "..") for part in parts[:-1]) or parts[-1] in ("", ".", ".."):
        raise UnsafePathError(f"refusing to write outside the output folder: {relative!r}")
    target = folder.joinpath(*parts)
    if not target.resolve().is_relative_to(folder.resolve()):
        raise UnsafePathError(f"refusing to write outside the output folder: {relative!r}")
    return target


class StagingFolder:
    """A temporary folder next to `out` that becomes `out` on `commit()`."""

    def __init__(self, out: Path):
        self.out = out
        out.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
        self._made_dirs: set[Path] = set()

    def write(self, relative: str, data: bytes) -> None:
        target = safe_join(self.path, relative)
        parent = target.parent
        if parent not in self._made_dirs:
            parent.mkdir(parents=True, exist_ok=True)
            self._made_dirs.add(parent)
        with open(target, "wb") as handle:
            handle.write(data)

    def copy(self, relative: str, source: Path) -> None:
        target = safe_join(self.path, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)

    def commit(self) -> None:
        """Swap the staged folder in for the output folder."""
        os.chmod(self.path, 0o755)
        if self.out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.old-", dir=self.out.parent))
            old.rmdir()
            os.rename(self.out, old)
            os.rename(self.path, self.out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(self.path, self.out)

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def clean_leftovers(out: Path) -> None:
    """Remove staging folders that an interrupted build left beside the output folder."""
    if not out.parent.is_dir():
        return
    for prefix in (f".{out.name}.tmp-", f".{out.name}.old-"):
        for leftover in out.parent.glob(prefix + "*"):
            shutil.rmtree(leftover, ignore_errors=True)


def replace_file(folder: Path, relative: str, data: bytes) -> None:
    """Write one file inside `folder` so that readers see the old or the new bytes, never half."""
    target = safe_join(folder, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_file(folder: Path, relative: str) -> None:
    """Remove one output file and any folders it leaves empty."""
    target = safe_join(folder, relative)
    target.unlink(missing_ok=True)
    parent = target.parent
    while parent != folder and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
