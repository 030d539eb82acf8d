"""Watching a site's sources for the preview server: what is watched, and saves as batches.

Owns which folders are watched (the site root's `content/` (with `site.yaml`), `templates/`,
`static/` and `seeds/`, and the engine's own `templates/` and `static/`), how a burst of file
events becomes one batch of changed paths, and which events are noise: editors save by writing a
temporary or swap file and renaming it over the original, so hidden and backup files, and files
that appeared and vanished within one burst, are dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import aclosing
from pathlib import Path

from watchfiles import Change, awatch

from explainer.core.options import ENGINE_DIR, BuildOptions

SITE_FOLDERS = ("content", "templates", "static", "seeds")

# A burst of events ends after this long without another one. Editors' write-then-rename saves
# take a few milliseconds; every millisecond waited here is added to each edit's trip to the
# browser (the watcher yields 1 to 2 times this after the last event). A burst that is split
# (a checkout of many files) only means a second, small rebuild.
QUIET_MS = 25
# How often the watcher wakes when nothing happens, to notice a watched folder being created.
IDLE_MS = 1000


def _is_noise(path: Path) -> bool:
    name = path.name
    return (
        name.startswith((".", "#"))  # .file.swp, .#lock, .tmp-*, #autosave#
        or name.endswith(("~", "___jb_tmp___", "___jb_old___"))
        or name == "__pycache__"
    )


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


class SourceWatcher:
    """Yields sets of changed source paths for one site, until told to stop."""

    def __init__(self, options: BuildOptions, quiet_ms: int = QUIET_MS):
        self.options = options
        self.quiet_ms = quiet_ms
        self.root = options.root
        self.out_dir = options.out_dir.resolve()
        self.ready = asyncio.Event()
        # Counts the watches started: while it stays the same, no edit has gone unseen.
        self.epoch = 0

    def folders(self) -> list[Path]:
        """The existing folders to watch; none inside another, none inside the output folder."""
        candidates = [self.options.content_dir.resolve()]
        candidates += [self.root / name for name in SITE_FOLDERS[1:]]
        candidates += [ENGINE_DIR / "templates", ENGINE_DIR / "static"]
        folders: list[Path] = []
        for folder in (c.resolve() for c in candidates):
            if not folder.is_dir() or _inside(folder, self.out_dir):
                continue
            if any(_inside(folder, kept) for kept in folders):
                continue
            folders = [kept for kept in folders if not _inside(kept, folder)] + [folder]
        return sorted(folders)

    def relevant(self, changes: Iterable[tuple[Change, str]], folders: list[Path]) -> set[Path]:
        """The paths of one burst of events in `folders` that are real edits of sources."""
        kinds: dict[Path, set[Change]] = {}
        for change, raw in changes:
            kinds.setdefault(Path(raw), set()).add(change)
        relevant = set()
        for path, seen in kinds.items():
            folder = next((f for f in folders if _inside(path, f)), None)
            if folder is None or _inside(path, self.out_dir):
                continue
            if any(_is_noise(Path(part)) for part in path.relative_to(folder).parts):
                continue
            # Created and deleted within the burst: an editor's scratch file (vim's "4913").
            if {Change.added, Change.deleted} <= seen and not path.exists():
                continue
            relevant.add(path)
        return relevant

    async def batches(self, stop: asyncio.Event) -> AsyncIterator[set[Path]]:
        """Each burst of edits as one set of absolute paths. Ends when `stop` is set.

        `self.ready` is set once the folders are being watched: a save after that is seen.
        """
        while not stop.is_set():
            folders = self.folders()
            if not folders:
                self.ready.set()
                await _wait(stop, IDLE_MS / 1000)
                if self.folders():
                    yield set(self.folders())
                continue
            watcher = awatch(
                *folders, watch_filter=None, step=self.quiet_ms, stop_event=stop,
                rust_timeout=IDLE_MS, yield_on_timeout=True,
            )
            async with aclosing(watcher) as events:
                waiting = asyncio.ensure_future(anext(events, None))
                # The generator registers its watches before it first waits, i.e. within its first
                # step, which runs before this coroutine resumes.
                await asyncio.sleep(0)
                self.epoch += 1
                self.ready.set()
                while (changes := await waiting) is not None:
                    batch = self.relevant(changes, folders)
                    now = self.folders()
                    if now != folders:
                        # A watched folder appeared or went away (a site's own templates/, say):
                        # it is a change in itself, and the watch starts again over the new set.
                        yield batch | (set(now) ^ set(folders))
                        break
                    if batch:
                        yield batch
                    waiting = asyncio.ensure_future(anext(events, None))


async def _wait(event: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(event.wait(), seconds)
    except TimeoutError:
        pass
