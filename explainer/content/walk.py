"""Walking the collection folders of `content/`, reading only what changed since the last load.

Owns the order files are read in (file-name order, hidden names skipped), which entries of a
folder are ignored or broken links, folders linked out of the site, and the reuse of what a file
or a whole folder gave last time (`files.FileCache`): a folder the preview server's watcher saw no
change in is not looked at again, and in one that changed only the changed files are read (many
of them asked of the disk at once first); a file whose stamp changed but whose bytes did not (a
fresh checkout's) gives what it gave, unparsed. What a file gives is up to the caller's `read`
function (`records`). A clean build's files, when there are many, are read ahead by worker
processes (`read_ahead`), the disk asked for all of them first (`core.prefetch`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path

from explainer.content.files import (
    CachedFile,
    CachedFolder,
    Changes,
    FileCache,
    Stamp,
    bytes_digest,
    file_stamp,
    resolved,
    resolved_folder,
)
from explainer.core.errors import Reporter
from explainer.core.parallel import map_chunks
from explainer.core.prefetch import prefetch

# What one file gives: read with the reporter its problems go to (kept with it in the cache).
Read = Callable[[Reporter], list]
ReadPath = Callable[[Path, Reporter], list]

# The fewest files a clean build reads in worker processes: fewer are read sooner in turn than the
# workers start and send back what the files gave.
READ_AHEAD = 1000
# The fewest edited files of a folder asked of the disk all at once before they are read (a fresh
# checkout's: every file has a new stamp); for fewer, starting the child that asks costs more.
PREFETCH_EDITED = 64


def _only_edited(folder: Path, known: CachedFolder, changed: set[str]) -> bool:
    """Whether every changed name is a plain file the folder had and still has (an edit, not a
    new, removed or replaced entry), so that its listing is as it was."""
    for name in changed:
        if known.entries.get(name) != ("file", False):
            return False
        try:
            info = os.lstat(folder / name)
        except OSError:
            return False
        if not stat.S_ISREG(info.st_mode):
            return False
    return True


class FolderWalker:
    """One load's walk over the site's files: what each gave, from the disk or from the cache.

    `reporter` is where problems go; while a file or folder is read it is a fresh one, so that
    what the file gave can be kept with its diagnostics.
    """

    def __init__(self, root: Path, reporter: Reporter, cache: FileCache | None = None, workers: int = 1):
        self.root = root
        self.workers = workers
        self.reporter = reporter
        self.cache = cache if cache is not None and cache.strict == reporter.strict else None
        # Taken now: changes noted while this load runs are for the next one.
        self.changes = self.cache.changes if self.cache is not None else None
        if self.cache is not None:
            self.cache.changes = None  # until this load completes
        self.seen: set[str] = set()  # the files this load looked at, as `FileCache.files` keys them

    def finish(self) -> None:
        """The load is complete: forget files that are gone, and count changes from now on."""
        if self.cache is not None:
            for path in set(self.cache.files) - self.seen:
                del self.cache.files[path]
                self.cache.stamps.pop(path, None)
            self.cache.changes = Changes()

    def changed_names(self, folder: Path) -> set[str] | None:
        """The names changed in `folder` since the last complete load, or None when unknown."""
        if self.changes is None or os.path.islink(folder):
            return None
        return self.changes.in_folder(resolved_folder(str(folder)))

    def cached(self, path: Path, read: Read, trusted: bool = False) -> list:
        """`read(reporter)` for one file, or what it gave last time if the file has not changed.

        A `trusted` file is known not to have changed, so its stamp is not looked at.
        """
        key = os.fspath(path)
        self.seen.add(key)
        if self.cache is None:
            return read(self.reporter)
        if trusted:
            items = self.trusted(key)
            if items is not None:
                return items
        try:
            info = os.stat(key)
        except OSError:
            return read(self.reporter)
        stamp = file_stamp(info)
        entry = self.cache.files.get(key)
        if entry is not None and self.cache.stamps.get(key) == stamp:
            self.cache.hits += 1
            self.reporter.extend(entry.diagnostics)
            return entry.items
        digest = bytes_digest(key)
        if entry is not None and digest and entry.digest == digest:
            # The same bytes under a new stamp give what they gave (a path's items and problems
            # depend on nothing else): kept, with the new stamp.
            self.cache.stamps[key] = stamp
            self.cache.hits += 1
            self.reporter.extend(entry.diagnostics)
            return entry.items
        outer = self.reporter
        self.reporter = Reporter(outer.root, outer.strict)
        try:
            items = read(self.reporter)
            diagnostics = self.reporter.diagnostics
        finally:
            self.reporter = outer
        outer.extend(diagnostics)
        self.cache.files[key] = CachedFile(items, diagnostics, digest)
        self.cache.stamps[key] = stamp
        return items

    def read_ahead(self, folders: Sequence[tuple[Path, tuple[str, ...], ReadPath]]) -> None:
        """When the cache has nothing (a clean build), read the files of `folders` (each with
        the suffixes of its files and how they are read) in worker processes if there are many:
        what each gave is then in the cache with the stamp it had, and the walk finds it there as
        it finds what an unchanged file gave last time. Links are left to the walk, which checks
        them. (A cached build does not list the folders again: the walk trusts those in which
        nothing changed.)"""
        if self.cache is None or self.cache.files or self.workers <= 1:
            return
        todo: list[tuple[str, ReadPath]] = []
        for folder, suffixes, read in folders:
            if os.path.islink(folder) or not folder.is_dir():
                continue
            with os.scandir(folder) as listing:
                for entry in listing:
                    name = entry.name
                    if not name.startswith(".") and name.endswith(suffixes) and not entry.is_symlink() and entry.is_file():
                        todo.append((entry.path, read))
        if len(todo) < READ_AHEAD:
            return
        todo.sort()  # (each worker's files in file-name order, as the walk reads them)
        with prefetch([key for key, _ in todo]):  # (a cold disk reads them many at once)
            for read_files in map_chunks(self._read_files, todo, self.workers, READ_AHEAD):
                for key, stamp, cached in read_files:
                    self.cache.files[key] = cached
                    self.cache.stamps[key] = stamp

    def _read_files(self, todo: Sequence[tuple[str, ReadPath]]) -> list[tuple[str, Stamp, CachedFile]]:
        """Each file's stamp and digest, taken before it was read, and what it gave, with its problems."""
        read_files = []
        for key, read in todo:
            try:
                info = os.stat(key)
            except OSError:
                continue  # (the walk reports it)
            digest = bytes_digest(key)
            reporter = Reporter(self.reporter.root, self.reporter.strict)
            items = read(Path(key), reporter)
            read_files.append((key, file_stamp(info), CachedFile(items, reporter.diagnostics, digest)))
        return read_files

    def trusted(self, key: str) -> list | None:
        """What a file known not to have changed gave last time (None if it was not read)."""
        assert self.cache is not None
        entry = self.cache.files.get(key)
        if entry is None:
            return None
        self.seen.add(key)
        self.cache.hits += 1
        self.reporter.extend(entry.diagnostics)
        return entry.items

    def scan_folder(self, folder: Path, suffixes: tuple[str, ...], ignored: str, read: ReadPath) -> list:
        """What the files of one collection folder give, in file-name order.

        A folder in which nothing changed since the last complete load is not looked at again,
        and in one that did, only the changed files are.
        """
        if not folder.is_dir() or self.linked_outside(folder):
            return []
        changed = self.changed_names(folder)
        known = self.cache.folders.get(folder) if self.cache is not None else None
        if known is not None and changed is not None and not changed:
            self.seen.update(known.paths)
            self.reporter.extend(known.diagnostics)
            return known.items
        if known is not None and changed and _only_edited(folder, known, changed):
            return self.reread_edited(folder, known, changed, read)
        outer = self.reporter
        self.reporter = Reporter(outer.root, outer.strict)
        notes = Reporter(outer.root, outer.strict)  # about the folder's entries, not their text
        entries: dict[str, tuple[str, bool]] = {}
        items: list = []
        paths: list[str] = []
        try:
            # The listing's entries say whether each is a link and a file without a stat of its own
            # (unless it is a link), and without a `Path` for every question.
            with os.scandir(folder) as listing:
                found = {item.name: item for item in listing}
            for name in sorted(found):
                if name.startswith("."):
                    continue
                path = folder / name
                entry = None
                if known is not None and changed is not None and name not in changed:
                    entry = known.entries.get(name)
                if entry is None:
                    listed = found[name]
                    linked = listed.is_symlink()
                    entry = ("broken" if linked and not os.path.exists(listed.path) else
                             "file" if listed.is_file() else "other", linked)
                entries[name] = entry
                kind, linked = entry
                if kind == "broken":
                    notes.error(path, 1, f"{name} is a symbolic link to a file that does not exist")
                elif path.suffix not in suffixes or kind != "file":
                    notes.warning(path, 1, ignored)
                else:
                    paths.append(os.fspath(path))
                    trusted = changed is not None and name not in changed and not linked
                    items.extend(self.cached(path, functools.partial(read, path), trusted))
            self.reporter.extend(notes.diagnostics)
            diagnostics = self.reporter.diagnostics
        finally:
            self.reporter = outer
        outer.extend(diagnostics)
        if self.cache is not None:
            self.cache.folders[folder] = CachedFolder(entries, items, paths, diagnostics, notes.diagnostics)
        return items

    def reread_edited(self, folder: Path, known: CachedFolder, changed: set[str], read: ReadPath) -> list:
        """`scan_folder` when only files it had were edited: its listing is as it was, so only
        the edited files are read again."""
        assert self.cache is not None  # only a cached folder is known
        outer = self.reporter
        self.reporter = Reporter(outer.root, outer.strict)
        items: list = []
        edited = [key for key in known.paths if os.path.basename(key) in changed]
        # (Each edited file is read, if only for the digest of its bytes: a cold disk reads many
        # at once when asked for them all first.)
        asked = prefetch(edited) if len(edited) >= PREFETCH_EDITED else contextlib.nullcontext()
        try:
            self.reporter.extend(known.notes)
            with asked:
                for key in known.paths:
                    kept = None if os.path.basename(key) in changed else self.trusted(key)
                    if kept is None:
                        path = Path(key)
                        kept = self.cached(path, functools.partial(read, path))
                    items.extend(kept)
            diagnostics = self.reporter.diagnostics
        finally:
            self.reporter = outer
        outer.extend(diagnostics)
        self.cache.folders[folder] = CachedFolder(known.entries, items, known.paths, diagnostics, known.notes)
        return items

    def linked_outside(self, folder: Path) -> bool:
        """Report a collection folder that is a link out of the site; its files are not read."""
        real = resolved(folder)
        if real is not None and not real.is_relative_to(resolved_folder(str(self.root))):
            self.reporter.error(folder, 1, f"refusing to read a link that points outside the site: {folder.name}")
            return True
        return False
