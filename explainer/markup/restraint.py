"""Linking with restraint: where mention linking stays out, and paragraphs with too many links.

Mention linking (`mentions`) asks this module which stretches of a paragraph's text it must not
link, and counts each paragraph's linked words after it has linked:

- Quotations: the words between quotation marks (“…”, «…», and straight "…") are the speaker's,
  not the writer's; no name in them is linked automatically. The quotation state is followed
  through a paragraph's text in reading order (across its links and emphasis) and starts afresh
  with each paragraph, list item, table cell or heading. Single quotation marks are not
  followed, since ’ is also the apostrophe.
- The dateline: the first paragraph of a piece of Markdown may open with a dateline, a place name
  in capitals, optionally a comma and a region, then a dash — "SAN SALVADOR, El Salvador — " or
  "WASHINGTON — " (`dateline_end`). Nothing in it is linked.
- Linked share: `linked_share` counts the words of a paragraph and those inside links (explicit
  `[[id]]` links and automatic ones alike); a paragraph of at least `MIN_WORDS` words with more
  than the site's `max_linked_share` of them linked gets a warning.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as etree  # noqa: N813 - the name Python-Markdown uses

OPENING = "“«"
CLOSING = "”»"
STRAIGHT = '"'
QUOTE_MARKS = re.compile(r'[“”«»"]')
# A dateline: a place in capitals (letters, spaces, dots, apostrophes, hyphens), optionally
# ", Region" (or "(AP)"), then an em or en dash followed by a space, at most 60 characters.
DATELINE = re.compile(r"\s*([^\W\d_](?:[^\W\d_]|[ .'’-])*?)((?:,\s*|\s+\()[^—–\n]{0,40}?)?\s+[—–]\s+")
MAX_DATELINE = 60
WORD = re.compile(r"[^\W_](?:[\w’'.-]*[^\W_])?")
MIN_WORDS = 20  # shorter paragraphs (a caption, a quote's context, "See [[bukele]].") are not counted
# Elements that start a new quotation state.
BLOCKS = frozenset({"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})


def dateline_end(text: str) -> int:
    """Where the dateline at the start of `text` ends (after the dash and its space), or 0."""
    match = DATELINE.match(text[: 2 * MAX_DATELINE])  # a dateline is short: never scan a long text
    if match is None or match.end() > MAX_DATELINE:
        return 0
    place = match.group(1)
    if any(c.islower() for c in place) or sum(c.isalpha() for c in place) < 2:
        return 0
    return match.end()


class QuoteState:
    """Whether the text read so far in a paragraph is inside a quotation."""

    def __init__(self) -> None:
        self.depth = 0
        self.straight = False

    @property
    def quoted(self) -> bool:
        return self.depth > 0 or self.straight

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The parts of `text` inside quotation marks (the marks included), reading it on from
        the state the text before left; the state moves to the end of `text`."""
        found: list[tuple[int, int]] = []
        start = 0 if self.quoted else None
        for match in QUOTE_MARKS.finditer(text):
            mark = match.group()
            if mark in OPENING:
                self.depth += 1
            elif mark in CLOSING:
                self.depth = max(0, self.depth - 1)
            else:
                self.straight = not self.straight
            if self.quoted and start is None:
                start = match.start()
            elif not self.quoted and start is not None:
                found.append((start, match.end()))
                start = None
        if start is not None:
            found.append((start, len(text)))
        return found


def _texts(element: etree.Element, linked: bool, out: list[tuple[str, bool]]) -> None:
    """The text of `element` in reading order, each piece with whether it sits inside a link;
    tooltips are left out."""
    if element.get("role") == "tooltip":
        return
    linked = linked or element.tag == "a"
    if element.text:
        out.append((element.text, linked))
    for child in element:
        _texts(child, linked, out)
        if child.tail:
            out.append((child.tail, linked))


def linked_share(paragraph: etree.Element) -> tuple[int, int, list[str]]:
    """A paragraph's words inside links, all its words, and its words (to find it in the source)."""
    pieces: list[tuple[str, bool]] = []
    _texts(paragraph, False, pieces)
    text = "".join(piece for piece, _ in pieces)
    linked_at = []
    for piece, linked in pieces:
        linked_at.extend([linked] * len(piece))
    words = [(m.group(), linked_at[m.start()]) for m in WORD.finditer(text)]
    return sum(linked for _, linked in words), len(words), [word for word, _ in words]


def dense_paragraphs(root: etree.Element, limit: float) -> list[tuple[int, int, list[str]]]:
    """The paragraphs (of at least `MIN_WORDS` words) with more than `limit` of their words in
    links: (linked words, words, the words)."""
    found = []
    for paragraph in root.iter("p"):
        linked, total, words = linked_share(paragraph)
        if total >= MIN_WORDS and linked > limit * total:
            found.append((linked, total, words))
    return found


def dense_message(linked: int, total: int, limit: float) -> str:
    """The warning for a paragraph with too many links."""
    return f"paragraph links {linked} of its {total} words (more than {limit:.0%}); link fewer names"


def dense_warnings(root: etree.Element, limit: float) -> list[tuple[list[str], str]]:
    """The warnings for a converted document's paragraphs with too many links, each with the
    paragraph's words (to find its line in the source, `find_words`)."""
    return [(words, dense_message(linked, total, limit)) for linked, total, words in dense_paragraphs(root, limit)]


FIND_TRIES = 8  # runs of words tried for one that occurs once, before taking the first found


def find_words(text: str, words: list[str], start: int = 0) -> int:
    """Where (a character offset) the paragraph of `words` starts in Markdown source `text`, looking
    from `start` on (paragraphs are warned about in reading order): the start of the source
    paragraph holding the first run of three consecutive words that occurs only once from there
    (links rewrite some words, so not every run is in the source), else holding the first run found
    at all; -1 if none is."""
    found = -1
    for first in range(min(max(1, len(words) - 2), FIND_TRIES)):
        needle = re.compile(r"\W+".join(re.escape(w) for w in words[first : first + 3]))
        hits = list(itertools.islice(needle.finditer(text, start), 2))
        if hits and (found < 0 or len(hits) == 1):
            found = hits[0].start()
        if len(hits) == 1:
            break
    if found < 0:
        return -1
    blank = text.rfind("\n\n", start, found)
    return max(start, 0 if blank < 0 else blank + 2)
