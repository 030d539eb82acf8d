"""The input files of a build, as one walk over them sees them: what tells a build what changed.

Owns `scan_inputs` (every file in the content, seeds, templates and static folders, with its
stamp, and a digest of them all: equal means nothing changed) and `changed_paths` (the files
whose stamps differ between two scans). A cached `build.py` gives the file cache the paths that
changed since the build that saved it, as the preview server's watcher does, so that the loader
trusts every other file and folder without looking at the disk again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass

from explainer.content.files import Stamp, file_stamp
from explainer.core.options import BuildOptions

# An entry's stamp: a file's (`files.file_stamp`: modification time, size, inode), or one of the
# marks below for anything else.
FOLDER: Stamp = (-1, -1, -1)
NOT_A_FILE: Stamp = (-2, -2, -2)  # a FIFO, a device, a socket: never opened
UNREADABLE: Stamp = (-3, -3, -3)
NOT_WALKED: Stamp = (-4, -4, -4)  # a link out of the site's folders, or back into one walked already


@dataclass
class InputFiles:
    """What one walk over the input folders found: each entry's stamp by its real path (its
    folder's links resolved), and a digest of them all."""

    digest: str
    stamps: dict[str, Stamp]


def scan_inputs(options: BuildOptions) -> InputFiles:
    """Every entry of the content, seeds, templates and static folders, with its stamp.

    The stamp is what the file cache trusts to reuse a parsed file, so a file edited without
    changing its stamp would not be read again anyway; any edit that saves a file changes its
    modification time, and an editor that saves by replacing the file changes its inode."""
    stamps: dict[str, Stamp] = {}
    folders = [options.content_dir, options.root / "seeds", *options.template_dirs, *options.static_dirs]
    # Linked folders are followed, as the loader follows them, but only within these roots (a
    # link to / must not walk the disk) and each real folder once (a link loop must not hang).
    roots = [os.path.realpath(f) for f in (options.root, *options.template_dirs, *options.static_dirs)]

    def inside(real: str) -> bool:
        return any(real == r or real.startswith(r + os.sep) for r in roots)

    walked: set[str] = set()
    for folder in folders:
        # (the folder as the walk reached it, where it really is, and where it was listed)
        real = os.path.realpath(folder)
        stack = [(str(folder), real, real)]
        while stack:
            current, real, listed = stack.pop()
            if real in walked or not inside(real):
                stamps[listed] = NOT_WALKED
                continue
            walked.add(real)
            try:
                entries = sorted(os.scandir(current), key=lambda e: e.name)
            except OSError:
                continue
            within = real + os.sep
            for entry in entries:
                where = within + entry.name
                try:
                    if entry.is_dir():
                        stack.append((entry.path, os.path.realpath(entry.path) if entry.is_symlink() else where, where))
                        stamp = FOLDER
                    elif entry.is_file():  # never open a FIFO or a device: reading one can block
                        # Its stamp, as the file cache (`FileCache`) trusts it: reading every
                        # file's bytes was a tenth of a one-record rebuild at 10,000 records.
                        stamp = file_stamp(entry.stat())
                    else:
                        stamp = NOT_A_FILE
                except OSError:
                    stamp = UNREADABLE
                stamps[where] = stamp
    # Every entry and its stamp, in the walk's order: equal when nothing was added, removed,
    # replaced or saved. (Marshalled, not spelled out with `repr`: a quarter of the time. Its format
    # may change with Python's version, which the cache's key has, so only equal ones compare.)
    digest = hashlib.blake2b(marshal.dumps(stamps), digest_size=16)
    return InputFiles(digest.hexdigest(), stamps)


def changed_paths(before: dict[str, Stamp], after: dict[str, Stamp]) -> set[str]:
    """The entries added, removed or changed between two scans (`InputFiles.stamps`)."""
    return {path for path, _ in before.items() ^ after.items()}
