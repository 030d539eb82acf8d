"""Which pages read each key (`PageReaders`): what the preview server keeps to find the pages a
change touches without asking every page.

A rebuild renders again the pages that read a key that changed (`incremental.pages_to_render`).
Asking each page hashes every key it read: 108,000 pages and some 3 million keys at 100,000
records, about a sixth of a preview rebuild there. The preview keeps the inverse, key -> pages,
brings it up to date with the pages each build rendered, and looks up only the keys that changed.
`build.py` does not keep it: a process that builds once would make it for a single look-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from explainer.views.keys import Key


class PageReaders:
    """The pages of one build's snapshot (`Snapshot.pages`: page path -> the keys it read), by key."""

    def __init__(self, pages: Mapping[str, tuple[Key, ...]]):
        self.pages = pages
        self._readers: dict[Key, set[str]] = {}
        for path, keys in pages.items():
            self._add(path, keys)

    def describes(self, pages: Mapping[str, tuple[Key, ...]]) -> bool:
        return pages is self.pages

    def reading(self, keys: Iterable[Key]) -> set[str]:
        """The pages that read any of `keys`."""
        found: set[str] = set()
        for key in keys:
            found.update(self._readers.get(key, ()))
        return found

    def move_to(self, pages: Mapping[str, tuple[Key, ...]]) -> None:
        """Describe `pages`, the next build's: a page that keeps the very tuple of keys it had
        (a page not rendered again) is left as it is."""
        old = self.pages
        for path in old.keys() - pages.keys():
            self._remove(path, old[path])
        for path, keys in pages.items():
            before = old.get(path)
            if before is not keys:
                if before is not None:
                    self._remove(path, before)
                self._add(path, keys)
        self.pages = pages

    def _add(self, path: str, keys: tuple[Key, ...]) -> None:
        readers = self._readers
        for key in keys:
            found = readers.get(key)
            if found is None:
                readers[key] = {path}
            else:
                found.add(path)

    def _remove(self, path: str, keys: tuple[Key, ...]) -> None:
        readers = self._readers
        for key in keys:
            found = readers.get(key)
            if found is not None:
                found.discard(path)
                if not found:
                    del readers[key]
