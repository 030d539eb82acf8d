"""The small values records are made of: a reference to another record (`Ref`), a piece of
Markdown (`Markdown`) and a name a record is also known by (`Alias`), each with the line of its
file it was written on. Apart from the records (`model`), so that the site's settings
(`settings`) can be read without them."""

from __future__ import annotations

from typing import NamedTuple


# Ref, Markdown, Alias: named tuples (tens of thousands, read back from the cache in a third of the time).
class Ref(NamedTuple):
    """A reference to another record by id, remembering the line it was written on."""

    id: str
    line: int


class Markdown(NamedTuple):
    """Markdown text and the line of the file its first line sits on."""

    text: str
    line: int


class Alias(NamedTuple):
    text: str
    line: int
    priority: int = 0
