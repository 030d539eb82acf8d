"""Writing the site: into a spare folder beside the output, then swapped in whole.

The live output folder (`site/`) is never written during a build. Pages go into a spare
generation folder (`.site.spare/`, the site as it was one build ago), which is then exchanged
with the live one in a single atomic rename. Because the spare already holds the site of the
previous build, only files whose bytes differ are written, and files the new build no longer
produces are removed: a failed or interrupted build never leaves a half-written site, files from
earlier builds never linger, and a rebuild costs what changed rather than a whole new tree
(deleting thousands of files is slow on most disks). A file the build keeps that the spare holds
in an older version is taken from the live folder as a hard link where the disk allows: no file
of the spare is ever written in place (it is replaced), so the live one never changes with it.

A manifest of each generation's files and digests is kept next to the output (`.site.manifest`,
a pickle: a build reads it once and writes it twice, and at 100,000 pages JSON took five times
as long). A generation that a killed build left half-written is marked dirty first and is
rewritten in full next time.
No page can be written outside the output folder.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import pickle
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

MANIFEST_VERSION = 2
UNKNOWN = "unknown"  # the digest of a spare's file that is not trusted: no page has it


class UnsafePathError(ValueError):
    pass


def check_relative(relative: str) -> list[str]:
    """The parts of an output path, refusing anything that could leave the output folder."""
    if not relative or relative.startswith(("/", "\\")) or "\\" in relative or "\x00" in relative:
        raise UnsafePathError(f"refusing to write outside the output folder: {relative!r}")
    parts = relative.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise UnsafePathError(f"refusing to write outside the output folder: {relative!r}")
    return parts


def safe_join(folder: Path, relative: str) -> Path:
    """`folder / relative`, refusing anything that would land outside `folder`."""
    target = folder.joinpath(*check_relative(relative))
    if not target.parent.resolve().is_relative_to(folder.resolve()):
        raise UnsafePathError(f"refusing to write outside the output folder: {relative!r}")
    return target


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def holds_files(folder: Path, files: dict[str, str]) -> bool:
    """Whether `folder` holds exactly `files`, each a plain file whose bytes have the digest
    given (what else it holds is not looked for, as it is not for a folder the manifests know):
    how a folder no manifest describes, restored from a CI job's cache, moved or copied, is
    known for the last build's."""
    root = os.fspath(folder)
    for relative, expected in files.items():
        try:
            check_relative(relative)
            path = os.path.join(root, relative)
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return False
            with open(path, "rb") as handle:
                if digest(handle.read()) != expected:
                    return False
        except (OSError, UnsafePathError):
            return False
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported.

    The C library is the one the process already has (`CDLL(None)`), not looked for by name:
    `ctypes.util.find_library` runs `ldconfig` (2 ms), and importing it, with `subprocess`, cost
    every build 3 ms."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):  # (TypeError: Windows, where CDLL needs a name)
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


class Generations:
    """The live output folder, its spare, and the manifests that say what each one holds."""

    def __init__(self, out: Path):
        self.out = out
        self.spare = out.parent / f".{out.name}.spare"
        self.manifest_path = out.parent / f".{out.name}.manifest"
        self._manifests: dict | None = None  # as this object last read or wrote them

    def _load(self) -> dict:
        if self._manifests is not None:
            return self._manifests
        try:
            with open(self.manifest_path, "rb") as handle:
                data = pickle.load(handle)
        except Exception:  # noqa: BLE001 - a missing or damaged manifest: every generation unknown
            data = {}
        self._manifests = data if isinstance(data, dict) and data.get("version") == MANIFEST_VERSION else {}
        return self._manifests

    def _save(self, manifests: dict) -> None:
        self._manifests = None  # read again if the save fails half way
        manifests["version"] = MANIFEST_VERSION
        temporary = self.manifest_path.with_name(self.manifest_path.name + ".tmp")
        try:
            temporary.write_bytes(pickle.dumps(manifests, pickle.HIGHEST_PROTOCOL))
        except OSError as exc:
            if exc.filename is None:  # a full disk is reported by write(), which names no file
                raise OSError(exc.errno, exc.strerror, str(temporary)) from None
            raise
        os.replace(temporary, self.manifest_path)
        self._manifests = manifests

    @staticmethod
    def key(folder: Path) -> str | None:
        """What a manifest knows `folder` by (its inode): a folder restored, moved or copied has
        a new one. None when there is no such folder."""
        try:
            return str(os.stat(folder, follow_symlinks=False).st_ino)
        except OSError:
            return None

    def manifest_of(self, folder: Path) -> dict[str, str] | None:
        """The files of a generation and their digests, or None when unknown (or dirty)."""
        key = self.key(folder)
        entry = self._load().get("generations", {}).get(key) if key else None
        return dict(entry) if entry is not None else None

    def live_manifest(self) -> dict[str, str] | None:
        return self.manifest_of(self.out) if self.out.is_dir() else None

    def set_manifest(self, folder: Path, files: dict[str, str] | None) -> None:
        manifests = self._load()
        generations = manifests.setdefault("generations", {})
        live, spare = self.key(self.out), self.key(self.spare)
        for key in list(generations):
            if key not in (live, spare):
                del generations[key]
        key = self.key(folder)
        if key:
            if files is None:
                generations.pop(key, None)
            else:
                generations[key] = files
        self._save(manifests)


class SiteWriter:
    """Writes one build into the spare generation and swaps it in with `commit()`."""

    def __init__(self, out: Path):
        self.out = out
        self.generations = Generations(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        spare = self.generations.spare
        if spare.is_symlink() or (spare.exists() and not spare.is_dir()):
            spare.unlink()
        known = self.generations.manifest_of(spare) if spare.is_dir() else None
        if spare.is_dir() and known is None:
            known = _scan(spare)  # a dirty or foreign spare: learn what is in it, rewrite all
            self.trusted = False
        else:
            self.trusted = True
        spare.mkdir(exist_ok=True)
        os.chmod(spare, 0o755)
        self.path = spare
        self.old: dict[str, str] = known or {}
        self.new: dict[str, str] = {}
        self.written: list[str] = []
        # Folder made or checked (its path relative to the spare, "" for the spare itself) ->
        # whether this writer created it. Paths are strings: a page's folder costs one mkdir.
        self._dirs: dict[str, bool] = {"": False}
        self._root = str(self.path)
        self._live = str(out)
        self._real_path = self.path.resolve()
        self._links = True  # whether kept files are linked from the live folder (`take_from_live`)
        self.generations.set_manifest(spare, None)  # dirty until commit

    def _target(self, relative: str) -> tuple[str, bool]:
        """Where `relative` goes, its folders made; and whether that folder is one this writer
        has just created (so that nothing can be in it yet)."""
        check_relative(relative)
        folder = relative.rpartition("/")[0]
        created = self._dirs.get(folder)
        if created is None:
            created = self._folder(folder, relative)
        return f"{self._root}/{relative}", created

    def _folder(self, folder: str, relative: str) -> bool:
        """Make `folder` (and its parents) inside the spare; True if this writer created it.

        A folder made here, inside a folder already checked, is inside the output folder: only
        folders that were there before (a link planted in a foreign spare) need resolving.
        """
        if folder in self._dirs:
            return self._dirs[folder]
        self._folder(folder.rpartition("/")[0], relative)
        path = f"{self._root}/{folder}"
        try:
            os.mkdir(path)
            created = True
        except FileExistsError:
            if not Path(path).resolve().is_relative_to(self._real_path):
                raise UnsafePathError(f"refusing to write outside the output folder: {relative!r}") from None
            if not os.path.isdir(path):
                raise FileExistsError(17, "File exists", path) from None
            created = False
        self._dirs[folder] = created
        return created

    def put(self, relative: str, data: bytes, known_digest: str | None = None) -> tuple[str, bool]:
        """Write one file unless the spare already holds exactly these bytes.

        Returns the file's digest (`known_digest` when the caller has it: bytes copied from a
        file the manifest describes) and whether it was written. Safe to call from forked
        workers; the parent then `record`s the result.
        """
        file_digest = known_digest or digest(data)
        if self.trusted and self.old.get(relative) == file_digest:
            return file_digest, False
        target, fresh_folder = self._target(relative)
        if not fresh_folder:
            _remove(target)
        try:
            with open(target, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            if exc.filename is None:  # a full disk is reported by write(), which names no file
                raise OSError(exc.errno, exc.strerror, str(target)) from None
            raise
        return file_digest, True

    def record(self, relative: str, file_digest: str, wrote: bool) -> None:
        """Note a file as part of this build."""
        if relative in self.new:
            raise UnsafePathError(f"two outputs want the same path: {relative}")
        self.new[relative] = file_digest
        if wrote:
            self.written.append(relative)

    def write(self, relative: str, data: bytes, known_digest: str | None = None) -> None:
        check_relative(relative)
        if relative in self.new:
            raise UnsafePathError(f"two outputs want the same path: {relative}")
        self.record(relative, *self.put(relative, data, known_digest))

    def take_from_live(self, relative: str, file_digest: str) -> None:
        """Put a file of the live output folder, whose manifest gives its digest, into the spare:
        a hard link to it where the disk allows one, else a copy.

        (The first build after a clean one takes every page it does not render: the spare is
        empty. At 100,000 records copying them took 13.6–19.4 s, linking them takes 3.9–4.6 s.
        A link is safe because no file of the spare is ever written in place (`put` replaces
        it), and because a spare whose live folder was touched no longer trusts its linked
        files: `distrust_linked`.)"""
        check_relative(relative)  # (before it is read: the path is joined to the live folder)
        source = f"{self._live}/{relative}"
        if self._links and stat.S_ISREG(os.lstat(source).st_mode):
            target, fresh_folder = self._target(relative)
            if not fresh_folder:
                _remove(target)
            try:
                os.link(source, target, follow_symlinks=False)
            except OSError:
                self._links = False  # a disk without hard links (or not across these folders): copy
            else:
                self.record(relative, file_digest, True)
                return
        with open(source, "rb") as handle:
            data = handle.read()
        self.write(relative, data, file_digest)

    def distrust_linked(self) -> None:
        """Stop trusting the spare's files that share their bytes with another folder's (the
        links `take_from_live` made): called when the live folder is not as the last build
        left it, since an edit of one of its files in place was an edit of the spare's too.
        They are written again, as are files the manifest names that are missing."""
        if not self.trusted:
            return
        for relative in self.old:
            try:
                linked = os.lstat(f"{self._root}/{relative}").st_nlink > 1
            except OSError:
                linked = True
            if linked:
                self.old[relative] = UNKNOWN

    def commit(self, finish: Callable[[Path], None] | None = None) -> None:
        """Remove what this build no longer produces, then swap the spare in for the output.

        `finish(folder)` runs on the complete folder just before the swap, for files made from the
        finished pages (the search index).
        """
        for relative in sorted(set(self.old) - set(self.new), reverse=True):
            target = self.path.joinpath(*check_relative(relative))
            _remove(target)
            _prune_empty(target.parent, self.path)
        if finish is not None:
            finish(self.path)
        if self.out.is_symlink() or (self.out.exists() and not self.out.is_dir()):
            raise UnsafePathError(f"the output folder {self.out} is not a folder")
        os.chmod(self.path, 0o755)
        # The spare is complete: say so before the swap, so that nothing is left to write after
        # it. (A failure to write the manifest after the swap, on a full disk, would report a
        # failed build while the new site was already live.) Manifests are keyed by the folder,
        # not its name, so this stays true when the spare becomes the live folder.
        self.generations.set_manifest(self.path, self.new)
        if self.out.is_dir():
            if not _exchange(self.path, self.out):
                aside = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.old-", dir=self.out.parent))
                aside.rmdir()
                os.rename(self.out, aside)
                os.rename(self.path, self.out)
                os.rename(aside, self.path)
        else:
            os.rename(self.path, self.out)
        # The folder that was live is the spare now; its manifest is the one it had.

    def discard(self) -> None:
        """Leave the spare marked dirty: the next build rewrites it in full."""


def _scan(folder: Path) -> dict[str, str]:
    """The files under `folder` with a digest nobody matches, so every one is rewritten."""
    found = {}
    for directory, _, files in os.walk(folder):
        for name in files:
            path = Path(directory, name)
            found[path.relative_to(folder).as_posix()] = UNKNOWN
    return found


def _remove(target: str | Path) -> None:
    """Remove whatever is at `target`: a file, a link (not what it points to), a folder, or
    nothing. Before a file is written (`put`), so that no file is ever written in place: it may
    share its bytes with the live folder's."""
    try:
        os.unlink(target)
    except FileNotFoundError:
        pass
    except OSError:
        if not os.path.isdir(target):
            raise
        shutil.rmtree(target, ignore_errors=True)


def _prune_empty(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def clean_leftovers(out: Path) -> None:
    """Remove staging folders that older versions of an interrupted build left beside the output."""
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
    _prune_empty(target.parent, folder)
