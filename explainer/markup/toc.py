"""Tables of contents for long articles and pages, read from their converted body.

Markdown headings get their ids from Python-Markdown's `toc` extension (see `markup`); this module
reads them back from the HTML with a real parser and keeps the h2 headings, each with its h3s. A
page gets a table of contents only when it has `MIN_HEADINGS` h2 headings or more: a short page
needs none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

MIN_HEADINGS = 3
# The start of an h2 tag as the parser reads one (any case; the name ends at a space, / or >).
_H2_TAG = re.compile(r"<h2[\t\n\r\f />]", re.IGNORECASE)


@dataclass(frozen=True)
class TocEntry:
    id: str
    text: str
    children: tuple[TocEntry, ...] = ()


class _Headings(HTMLParser):
    """Collects (level, id, text) of every h2 and h3 that has an id, leaving out tooltips."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []
        self._current: tuple[int, str] | None = None
        self._parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("h2", "h3") and attributes.get("id"):
            self._current = (int(tag[1]), attributes["id"] or "")
            self._parts = []
        elif self._current and (self._skip_depth or attributes.get("role") == "tooltip"):
            self._skip_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self._current is None:
            return
        if self._skip_depth:
            self._skip_depth -= 1
        elif tag == f"h{self._current[0]}":
            text = " ".join("".join(self._parts).split())
            if text:
                self.found.append((*self._current, text))
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None and not self._skip_depth:
            self._parts.append(data)


def table_of_contents(html: str, minimum: int = MIN_HEADINGS) -> list[TocEntry]:
    """The h2 headings of `html` with their h3s, or [] when it has fewer than `minimum` h2s."""
    if len(_H2_TAG.findall(html)) < minimum:  # most pages: not worth parsing
        return []
    parser = _Headings()
    parser.feed(html)
    parser.close()
    entries: list[tuple[str, str, list[TocEntry]]] = []
    for level, anchor, text in parser.found:
        if level == 2:
            entries.append((anchor, text, []))
        elif entries:  # an h3 before the first h2 has no section to sit in
            entries[-1][2].append(TocEntry(anchor, text))
    if len(entries) < minimum:
        return []
    return [TocEntry(anchor, text, tuple(children)) for anchor, text, children in entries]
