"""A source's document as the site shows and cites it: paragraphs, numbered sentences and anchors.

A source's `file` is split into paragraphs (the blocks between blank lines when the file has
blank lines; otherwise each line is a paragraph) and each paragraph into sentences, numbered from
1 through the document. A sentence ends at `.`, `!` or `?` (with any closing quotation mark or
bracket) before a capital, a digit or an opening mark; "U.S." and "Mr." do not end one, as in the
sentences shown with backlinks (`markup.renderer.sentence_breaks`).

Each sentence's anchor is made from its own words, so that it survives edits elsewhere in the file:
`s-` and the first ten hex digits of the BLAKE2b hash of the sentence normalised as quotes are
(`verify.normalise_quote`: typographic quotation marks made straight, white space collapsed). A
sentence that occurs again in the same document gets `-2`, `-3`, … in order.

Passages (a quote's text, a citation's words) are found as quotes are checked: in the normalised
text, then placed back in the file (`NormalisedText.original`) and at their sentence.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from explainer.site.verify import normalise_quote

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LINE = re.compile(r"[^\n]+")
_SPACE_RUN = re.compile(r"\s{2,}")
# The same rules as markup.renderer's SENTENCE_END and ABBREVIATION (a layer above this one).
_SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*\s+(?=[A-Z0-9“‘\"'(\[À-Þ«])")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Prof|No|vs|etc))\.$")
ANCHOR_PREFIX = "s-"
ANCHOR_DIGITS = 10
MAX_OCCURRENCES = 100  # how many places of one passage are looked at, at most


def sentence_anchor(sentence: str) -> str:
    """The anchor of a sentence, before de-duplication: `s-` and a short hash of its words."""
    digest = hashlib.blake2b(normalise_quote(sentence).encode("utf-8"), digest_size=ANCHOR_DIGITS // 2)
    return ANCHOR_PREFIX + digest.hexdigest()


class NormalisedText:
    """A text normalised as quotes are (`normalise_quote`), with the way back to the text's own
    offsets. Quotation marks are replaced one for one, so only runs of white space (made one
    space) and the white space stripped at the start move offsets."""

    def __init__(self, text: str):
        self.text = normalise_quote(text)
        self.lead = len(text) - len(text.lstrip())
        self.positions: list[int] = []  # in `self.text`, where the shift grows ...
        self.shifts: list[int] = []  # ... to this many characters
        shift = 0
        for run in _SPACE_RUN.finditer(text, self.lead, len(text.rstrip())):
            shift += run.end() - run.start() - 1
            self.positions.append(run.end() - self.lead - shift)
            self.shifts.append(shift)

    def original(self, offset: int) -> int:
        """The offset in the original text of the character at `offset` in the normalised one."""
        where = bisect.bisect_right(self.positions, offset) - 1
        return offset + self.lead + (self.shifts[where] if where >= 0 else 0)

    def find_all(self, passage: str) -> Iterator[tuple[int, int]]:
        """Where a (normalised) passage occurs, as (start, end) offsets in the original text."""
        if not passage:
            return
        start = self.text.find(passage)
        count = 0
        while start >= 0 and count < MAX_OCCURRENCES:
            yield self.original(start), self.original(start + len(passage) - 1) + 1
            start = self.text.find(passage, start + 1)
            count += 1


@dataclass(frozen=True)
class Sentence:
    number: int  # from 1, through the whole document
    anchor: str
    start: int  # offsets in the document's text
    end: int
    paragraph: int  # from 0


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, without the white space around it."""
    if _BLANK_LINE.search(text):
        blocks, start = [], 0
        for gap in _BLANK_LINE.finditer(text):
            blocks.append((start, gap.start()))
            start = gap.end()
        blocks.append((start, len(text)))
    else:
        blocks = [match.span() for match in _LINE.finditer(text)]
    spans = []
    for start, end in blocks:
        block = text[start:end]
        if block.strip():
            spans.append((start + len(block) - len(block.lstrip()), start + len(block.rstrip())))
    return spans


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of the paragraph text[start:end]."""
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.start() + 1
        if text[match.start()] == "." and _ABBREVIATION.search(text, max(start, stop - 6), stop):
            continue
        while stop < end and text[stop] in "”’\"')]»":
            stop += 1
        yield begin, stop
        begin = match.end()
    if begin < end:
        yield begin, end


class SourceDocument:
    """One source's text, split into paragraphs and numbered, anchored sentences."""

    def __init__(self, text: str):
        self.text = text
        self.normal = NormalisedText(text)
        self.paragraphs = _paragraphs(text)
        self.sentences: list[Sentence] = []
        taken: dict[str, int] = {}
        for number, (start, end) in enumerate(self.paragraphs):
            for first, last in _sentence_spans(text, start, end):
                anchor = sentence_anchor(text[first:last])
                seen = taken.get(anchor, 0) + 1
                taken[anchor] = seen
                if seen > 1:
                    anchor = f"{anchor}-{seen}"
                self.sentences.append(Sentence(len(self.sentences) + 1, anchor, first, last, number))
        self._starts = [sentence.start for sentence in self.sentences]
        self._found: dict[str, tuple[int, int] | None] = {}

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding the character at `offset` (white space after a sentence counts as
        part of it)."""
        where = bisect.bisect_right(self._starts, offset) - 1
        return self.sentences[max(where, 0)] if self.sentences else None

    def locate(self, passage: str) -> tuple[int, int] | None:
        """Where a passage (any text: it is normalised here) first occurs, or None. Remembered:
        the pages that show one quote or citation each look for it."""
        if passage not in self._found:
            self._found[passage] = next(self.normal.find_all(normalise_quote(passage)), None)
        return self._found[passage]

    def sentence_of(self, passage: str) -> Sentence | None:
        """The sentence in which a passage first starts, or None when it is not in the document."""
        found = self.locate(passage)
        return self.sentence_at(found[0]) if found is not None else None


class SourceLibrary:
    """The site's source documents (source id -> text), each split when first needed; documents
    whose text is the very same object as in `previous` are taken from it."""

    def __init__(self, texts: Mapping[str, str], previous: SourceLibrary | None = None):
        self.texts = texts
        self._documents: dict[str, SourceDocument] = {}
        if previous is not None:
            for source_id, document in previous._documents.items():
                if texts.get(source_id) is document.text:
                    self._documents[source_id] = document

    def document(self, source_id: str) -> SourceDocument | None:
        document = self._documents.get(source_id)
        if document is None:
            text = self.texts.get(source_id)
            if text is None:
                return None
            document = self._documents[source_id] = SourceDocument(text)
        return document
