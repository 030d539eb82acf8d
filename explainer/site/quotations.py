"""Quotation marks in articles and pages that no source supports.

Text between quotation marks in an article's or a page's body (“…”, "…", «…», and ‘…’ when the
‘ opens a quotation, not an apostrophe) must be the words of a quote record, or occur in one of
the document's sources: the files of the sources it lists in `sources` and of those it cites
(`cite`). It is compared as quotes are (`verify.normalise_quote`), after the Markdown is taken
out of it (links become their text, `[[id]]` the record's name, emphasis marks go), and without
the comma, full stop, colon or semicolon before the closing mark, which belongs to the writer's
sentence. Words left out with an ellipsis (… or ...) or added in square brackets split the
quotation: each part must be found. Code and link addresses are not read.

A quotation that is not found is a warning (an error with --strict) at the line where it opens.
"""

from __future__ import annotations

import hashlib
import html
import operator
import re
from collections.abc import Iterable, Iterator

from explainer.content.model import Document, Quote, citations
from explainer.content.parts import Markdown
from explainer.core.errors import Reporter
from explainer.site.index import SiteIndex
from explainer.site.verify import normalise_quote, normalised_document

_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# What is not text: code spans, link addresses ](…), tags and autolinks <…>.
_HIDDEN = re.compile(r"`[^`\n]*`|\]\([^)\n]*\)|<[^>\n]*>")
_MARKS = re.compile(r"[“”\"«»‘’]")
_OPENS_AFTER = frozenset(" \t\n([{—–-/“«\"")
_WIKI_LINK = re.compile(r"\[\[([^\]|\n]+?)(?:\|([^\]\n]+))?\]\]")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)|!?\[([^\]\n]*)\]\[[^\]\n]*\]")
_FOOTNOTE = re.compile(r"\[\^[^\]\n]*\]")
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)|`")
_BLOCK_MARKS = re.compile(r"(?m)^[ \t]*>[ \t]?")
_GAPS = re.compile(r"\s*(?:…|\.\.\.|\[[^\]]*\])\s*")
_CLOSING_PUNCTUATION = ",.;:"
MAX_SHOWN = 100


def _hide_code(text: str) -> str:
    """`text` with fenced code blocks blanked out, line breaks kept."""
    lines = text.split("\n")
    inside = False
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            inside = not inside
            lines[number] = ""
        elif inside:
            lines[number] = ""
    return "\n".join(lines)


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """(opening mark, closing mark) of each quotation in a paragraph whose code and link
    addresses are blanked out; single quotation marks only outside double ones."""
    double: list[tuple[int, int]] = []
    opened: int | None = None
    guillemet: int | None = None
    single: int | None = None
    singles: list[tuple[int, int]] = []
    for match in _MARKS.finditer(text):
        at, mark = match.start(), match.group()
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if mark == "“" or (mark == '"' and opened is None and before in _OPENS_AFTER):
            opened = at
        elif mark in "”\"" and opened is not None:
            double.append((opened, at))
            opened = None
        elif mark == "«":
            guillemet = at
        elif mark == "»" and guillemet is not None:
            double.append((guillemet, at))
            guillemet = None
        elif mark == "‘" and before in _OPENS_AFTER:
            single = at
        elif mark == "’" and single is not None and not after.isalnum() and not before.isspace():
            singles.append((single, at))
            single = None
    yield from double
    for start, end in singles:
        if not any(first < start and end < last for first, last in double):
            yield start, end


def _plain(text: str, index: SiteIndex) -> str:
    """The words of a quotation as a reader sees them: the Markdown taken out."""
    def wiki(match: re.Match) -> str:
        if match.group(2):
            return match.group(2)
        entity = index.entities.get(match.group(1).strip())
        return entity.display_name if entity is not None else match.group(1)

    text = _WIKI_LINK.sub(wiki, text)
    text = _LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _FOOTNOTE.sub("", text)
    text = _BLOCK_MARKS.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return " ".join(html.unescape(text).split())


def quotations(body: Markdown, index: SiteIndex) -> Iterator[tuple[str, int]]:
    """Each quotation of a Markdown text, as plain text, with the file line where it opens."""
    text = _hide_code(body.text)
    hidden = _HIDDEN.sub(lambda m: " " * len(m.group()), text)
    start = 0
    for gap in [*_PARAGRAPH_BREAK.finditer(hidden), None]:
        end = gap.start() if gap is not None else len(hidden)
        for first, last in _spans(hidden[start:end]):
            words = _plain(text[start + first + 1 : start + last], index)
            if words:
                yield words, body.line + text.count("\n", 0, start + first)
        if gap is not None:
            start = gap.end()


def _found(words: str, haystacks: list[str]) -> bool:
    for part in _GAPS.split(normalise_quote(words)):
        if not part:
            continue
        trimmed = part.rstrip(_CLOSING_PUNCTUATION).rstrip()
        if not any(part in haystack or (trimmed and trimmed in haystack) for haystack in haystacks):
            return False
    return True


class Haystacks:
    """What quotations are looked for in, normalised once: every quote's words (taken from the
    last build's, `last`, where the quotes are the very same or read from the very same text:
    equal digests), and the text of each source document (`verify.normalised_document`, which
    keeps each text normalised).

    The build cache keeps the quotes' words and digests and a digest of the source texts, not
    the texts (`__getstate__`): a `build.py` compares this build's with them."""

    def __init__(self, index: SiteIndex, last: Haystacks | None = None):
        # (None in a build cache's: it keeps only what `_same_quotes` and `same_as` compare)
        self.quotes: list[Quote] | None = [q for q in index.records("quotes") if isinstance(q, Quote)]
        self.texts: dict[str, str] | None = index.content.source_texts
        quotes = self.quotes
        self.quote_digests = tuple(q.digest for q in quotes)
        self._texts_digest = ""
        self.quote_words: str
        if last is not None and self._same_quotes(quotes, last):
            self.quote_words = last.quote_words
        else:
            self.quote_words = "\n".join(normalise_quote(q.text) for q in quotes)

    def _same_quotes(self, quotes: list[Quote], last: Haystacks) -> bool:
        if last.quotes is not None and len(last.quotes) == len(quotes) and all(map(operator.is_, last.quotes, quotes)):
            return True
        return all(self.quote_digests) and self.quote_digests == last.quote_digests

    @property
    def texts_digest(self) -> str:
        if not self._texts_digest and self.texts is not None:
            digest = hashlib.blake2b(digest_size=16)
            for source_id, text in sorted(self.texts.items()):
                digest.update(f"{len(source_id)}:{source_id}{len(text)}:".encode() + text.encode("utf-8", "surrogatepass"))
            self._texts_digest = digest.hexdigest()
        return self._texts_digest

    def same_as(self, last: Haystacks) -> bool:
        """Whether these are the texts `last` held (a quotation found in one is in the other)."""
        if self.quote_words != last.quote_words:
            return False
        if self.texts is last.texts or (last.texts is not None and self.texts == last.texts):
            return True
        return last.texts is None and self.texts_digest == last.texts_digest

    def __getstate__(self) -> dict:
        return {
            "quotes": None, "texts": None, "quote_digests": self.quote_digests,
            "_texts_digest": self.texts_digest, "quote_words": self.quote_words,
        }

    def of(self, document: Document) -> list[str]:
        """The quotes' words, and the normalised text of each of the document's sources."""
        haystacks, texts = [self.quote_words], self.texts or {}
        for source_id in dict.fromkeys([
            *(ref.id for ref in document.sources), *(c.source.id for c in citations(document)),
        ]):
            if source_id in texts:
                haystacks.append(normalised_document(texts[source_id]))
        return haystacks


def quoting_documents(index: SiteIndex) -> list[Document]:
    """The documents whose quotations are checked: every article and page."""
    return [d for c in ("articles", "pages") for d in index.documents(c) if isinstance(d, Document)]


def check_quotations(
    index: SiteIndex, reporter: Reporter, documents: Iterable[Document] | None = None,
    haystacks: Haystacks | None = None,
) -> None:
    """Warn about quotations in articles and pages (or only in `documents`) that match no quote
    record and no passage of the document's sources."""
    found_in = haystacks if haystacks is not None else Haystacks(index)
    for document in quoting_documents(index) if documents is None else documents:
        haystacks_of = found_in.of(document)
        for words, line in quotations(document.body, index):
            if _found(words, haystacks_of):
                continue
            shown = words if len(words) <= MAX_SHOWN else words[: MAX_SHOWN - 1].rstrip() + "…"
            reporter.warning(
                document.path, line, f"quotation not found in the {document.kind_label}'s sources: \"{shown}\"",
            )
