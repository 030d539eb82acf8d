"""Reading content files safely, and remembering what each file gave.

Owns the rules every read of `content/` and `seeds/` follows: no link out of the site, no file
over `MAX_FILE_BYTES`, UTF-8 only (a BOM is allowed), no NUL, line ends and Unicode normalised
(`read_text`); and the `FileCache` the preview server and the persistent build cache keep, with
the changes the preview server's watcher saw (`Changes`).
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from explainer.core.errors import Diagnostic, Reporter

MAX_FILE_BYTES = 8 * 1024 * 1024
SEEDS_DIR = "seeds"
Stamp = tuple[int, int, int]  # what tells that a file changed (`file_stamp`)


@functools.lru_cache(maxsize=4096)
def resolved_folder(folder: str) -> Path:
    """Where a folder really is; cached for a load (`resolved_folder.cache_clear()` starts one)."""
    return Path(folder).resolve()


def resolved(path: Path) -> Path | None:
    """Where `path` really is, or None for a symbolic link loop.

    Folders are resolved once per build, not once per file.
    """
    try:
        if os.path.islink(path):
            return path.resolve()
        return resolved_folder(str(path.parent)) / path.name
    except (OSError, RuntimeError):  # Python < 3.13 raises RuntimeError for a loop
        return None


def read_text(path: Path, root: Path, reporter: Reporter) -> str | None:
    """Read a UTF-8 text file (a BOM is allowed), refusing links out of the site and huge files."""
    try:
        real = resolved(path)
        if real is None:
            reporter.error(path, 1, f"cannot read file: {path.name} is a symbolic link that loops")
            return None
        if not real.is_relative_to(resolved_folder(str(root))):
            reporter.error(path, 1, f"refusing to read a link that points outside the site: {path.name}")
            return None
        size = real.stat().st_size
        if size > MAX_FILE_BYTES:
            reporter.error(
                path, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes"
            )
            return None
        data = real.read_bytes()
    except OSError as exc:
        reporter.error(path, 1, f"cannot read file: {exc.strerror or exc}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        reporter.error(path, line, "file is not valid UTF-8 text")
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        reporter.error(path, line, "file contains a NUL character")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def file_stamp(info: os.stat_result) -> Stamp:
    """What tells that a file changed (modification time, size, inode): the file cache reuses
    what a file gave while its stamp is the same, and a cached build's input scan compares them."""
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def bytes_digest(path: str) -> bytes:
    """A digest of a plain file's bytes, taken before it is read; b"" for a link, anything but a
    plain file, one over `MAX_FILE_BYTES` or one that cannot be read: what reading those gives
    may depend on more than their bytes (`read_text` refuses a link out of the site)."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return b""
        with open(path, "rb", buffering=0) as handle:  # (one read of the size it has)
            return hashlib.blake2b(handle.read(info.st_size + 1), digest_size=16).digest()
    except OSError:
        return b""


class CachedFile(NamedTuple):
    """What one file gave, and the digest of its bytes (`bytes_digest`) when it was read. A named
    tuple: the build cache keeps one per content file, read back by every cached build (in a
    third of the time a dataclass is). Its stamp is kept apart (`FileCache.stamps`)."""

    items: list
    diagnostics: list[Diagnostic]
    digest: bytes = b""


@dataclass
class CachedFolder:
    """What one collection folder gave: its entries (name -> (kind, is a link)), the items of
    all its files in order, and the diagnostics they gave."""

    entries: dict[str, tuple[str, bool]]
    items: list
    paths: list[str]  # of its files read, as `FileCache.files` keys them
    diagnostics: list[Diagnostic]
    notes: list[Diagnostic] = field(default_factory=list)  # about the entries: ignored, broken


@dataclass
class Changes:
    """The paths changed since the last complete load, as the preview server's watcher saw them
    (absolute, with links resolved). Any of them may be a folder."""

    paths: set[Path] = field(default_factory=set)
    names: dict[Path, set[str]] = field(default_factory=dict)  # folder -> names changed in it

    def add(self, paths: Iterable[Path]) -> None:
        for path in paths:
            self.paths.add(path)
            self.names.setdefault(path.parent, set()).add(path.name)

    def in_folder(self, real: Path) -> set[str] | None:
        """The names changed in a folder, or None when the folder itself (or one holding it) did."""
        if real in self.paths or not self.paths.isdisjoint(real.parents):
            return None
        return self.names.get(real, set())


class FileCache:
    """What each content file gave last time, reused while the file is unchanged on disk.

    Keyed on the file's path (a string: the cache on disk holds thousands, and a string is read
    back and looked up many times faster than a `Path`) and (modification time, size, inode), so
    an edited, replaced or touched file is read again. Kept by the preview server and the
    persistent build cache.

    When the caller knows which paths changed since the last complete load (`note_changes`: the
    preview server's watcher does), files and folders outside them are trusted without looking
    at the disk again, so a load costs in proportion to the change. Links are always looked at:
    an edit of what they point to is not seen as a change of the link.
    """

    def __init__(self, strict: bool = False):
        self.strict = strict
        self.files: dict[str, CachedFile] = {}
        # Each file's stamp when it was read. It tells at a glance that a file is as it was; the
        # digest of its bytes tells it when the stamp changed but the bytes did not: every file
        # of a fresh checkout (a CI job that restores the build cache) has a new time and inode,
        # and parsing them all again took most of such a build. Kept apart from what the files
        # gave, so that the build cache saves again only the stamps when only they changed.
        self.stamps: dict[str, Stamp] = {}
        self.folders: dict[Path, CachedFolder] = {}
        self.changes: Changes | None = None  # None: unknown, so every file is looked at
        self.hits = 0

    def note_changes(self, paths: Iterable[Path] | None) -> None:
        """Paths changed since the last load; None when that is not known (look at everything)."""
        if paths is None or self.changes is None:
            self.changes = None
        else:
            self.changes.add(paths)
