"""The dependency keys a page reads, and `Fragments`: producer output kept per piece with its keys.

Views note every piece of the site a page or producer reads as a key (the table is in
`explainer.build.incremental`, which compares them between builds). The keys named here are the
ones more than one layer uses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

Key = tuple[str, ...]
T = TypeVar("T")

# The home page's selection: which records it shows, in which order.
HOME_SELECTION: Key = ("collection", "home")
# The glossary's terms in A–Z order (a term page's neighbours).
GLOSSARY_ORDER: Key = ("collection", "glossary/a-z")


class Fragments:
    """Pieces of a producer's output (one record's entry in a JSON index, say), each kept with
    the keys it read, so that a build makes again only the pieces whose keys changed."""

    def __init__(self, views: Any, old: dict[tuple, tuple[object, frozenset[Key]]] | None = None,
                 changed: set[Key] | None = None):
        self.views = views
        self.old = old if old is not None and changed is not None else {}
        self.changed = changed
        self.new: dict[tuple, tuple[object, frozenset[Key]]] = {}

    def get(self, key: tuple, make: Callable[[], T]) -> T:
        """The piece named `key` (unique across producers), made by `make()` if its keys changed."""
        outer = self.views.reads
        known = self.old.get(key)
        if known is not None and known[1].isdisjoint(self.changed):  # type: ignore[arg-type]
            value, reads = known
        else:
            self.views.reads = set()
            try:
                value = make()
                reads = frozenset(self.views.reads)
            finally:
                self.views.reads = outer
        if outer is not None:
            outer.update(reads)
        self.new[key] = (value, reads)
        return value  # type: ignore[return-value]
