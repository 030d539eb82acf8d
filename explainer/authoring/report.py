"""A news report's structure: its paragraphs and sentences, its headline, and its dateline
("SAN SALVADOR, El Salvador (Feb. 3, 2025) —": the city, the region after it, the date).

The text is normalised once (NFC, one kind of line break) and everything else keeps character
offsets into it (`Span`), so every finding can cite the sentence it came from
(`Report.sentence_text`). Sentences are split the way the site's renderer splits them.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from explainer.authoring.namecues import CONNECTORS
from explainer.authoring.textdates import find_dates_in
from explainer.core.dates import PartialDate
from explainer.markup.renderer import sentence_breaks

# any capital letter, not only Latin-1's: "ŁÓDŹ", "TROMSØ", "ÞINGVELLIR"
_CAPITALS = re.escape("".join(c for c in map(chr, range(0x2000)) if c.isupper()))
DATELINE_RE = re.compile(
    rf"(?P<city>[{_CAPITALS}][{_CAPITALS}.’' -]*[{_CAPITALS}.])"
    r"(?:,\s*(?P<region>[^—–()\n,]+?))?\s*(?:\((?P<date>[^)\n]{2,40})\))?\s*(?:—|–|--)\s*"
)


@dataclass(frozen=True)
class Span:
    """A stretch of the text, by character offsets (`end` not included)."""

    start: int
    end: int


@dataclass(frozen=True)
class Dateline:
    """The dateline that opens the first paragraph: "CITY, Region (date) —"."""

    span: Span
    city: str
    region: str | None
    date: PartialDate | None


class Report:
    """The text split into paragraphs and sentences, with its dateline and headline."""

    def __init__(self, text: str):
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
        self.text = text
        self.paragraphs = _paragraphs(text)
        self.headline: Span | None = None
        if len(self.paragraphs) > 1:
            first = self.paragraphs[0]
            line = text[first.start : first.end]
            if len(line) <= 120 and line.rstrip()[-1:] not in ".!?”\"’'" and not DATELINE_RE.match(line):
                self.headline = first
        self.dateline = self._find_dateline()
        self.sentences: list[Span] = []
        for paragraph in self.body_paragraphs:
            start = self.dateline.span.end if self.dateline and paragraph.start <= self.dateline.span.start < paragraph.end else paragraph.start
            chunk = text[start : paragraph.end]
            begin = 0
            for stop, next_start in sentence_breaks(chunk):
                self.sentences.append(Span(start + begin, start + stop))
                begin = next_start
            if chunk[begin:].strip():
                self.sentences.append(Span(start + begin, paragraph.end))
        self._sentence_starts = [s.start for s in self.sentences]

    @property
    def body_paragraphs(self) -> list[Span]:
        return [p for p in self.paragraphs if p is not self.headline]

    def _find_dateline(self) -> Dateline | None:
        paragraphs = self.body_paragraphs
        if not paragraphs:
            return None
        first = paragraphs[0]
        match = DATELINE_RE.match(self.text, first.start, first.end)
        if not match or not any(c.isupper() for c in match.group("city")):
            return None
        date = None
        if match.group("date"):
            found = find_dates_in(match.group("date"))
            date = found[0].date if found else None
        region = match.group("region").strip() if match.group("region") else None
        return Dateline(Span(match.start(), match.end()), title_case(match.group("city")), region, date)

    def sentence_of(self, offset: int) -> Span:
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        if index < 0:
            return Span(0, 0)
        return self.sentences[index]

    def paragraph_of(self, offset: int) -> Span:
        for paragraph in self.paragraphs:
            if paragraph.start <= offset < paragraph.end:
                return paragraph
        return Span(0, 0)

    def snippet(self, span: Span) -> str:
        return " ".join(self.text[span.start : span.end].split())

    def sentence_text(self, offset: int) -> str:
        """The sentence around `offset` (with the dateline when it is the first one)."""
        if self.dateline and self.dateline.span.start <= offset < self.dateline.span.end:
            offset = self.dateline.span.end
        sentence = self.sentence_of(offset)
        if self.dateline and sentence.start == self.dateline.span.end:
            sentence = Span(self.dateline.span.start, sentence.end)
        return self.snippet(sentence)


def _paragraphs(text: str) -> list[Span]:
    """Blocks separated by blank lines; a text without blank lines has one paragraph a line."""
    blocks = list(re.finditer(r"\S(?:.|\n(?!\s*\n))*", text))
    if len(blocks) == 1 and "\n" in blocks[0].group().strip():
        blocks = list(re.finditer(r"\S.*", text))
    return [Span(m.start(), m.start() + len(m.group().rstrip())) for m in blocks]


def title_case(words: str) -> str:
    """ "SAN SALVADOR" → "San Salvador", keeping particles lower-case ("de la")."""
    parts = []
    for i, word in enumerate(words.split()):
        lower = word.lower()
        parts.append(lower if i and lower in CONNECTORS else word[:1] + word[1:].lower())
    return " ".join(parts)
