"""Checks that need the whole index: quotes against their sources, and records nothing links to.

A quote whose source has a `file` must occur in it word for word; differences of white space and
of straight versus typographic quotes and apostrophes are forgiven, nothing else. A quote that is
not found is reported with the closest passage of the source and the first word that differs.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from explainer.content.kinds import names_where
from explainer.content.model import Quote
from explainer.core.errors import Reporter
from explainer.site.index import SiteIndex

_QUOTE_MARKS = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
})
_SPACE = re.compile(r"\s+")
# A word (with the marks inside it: "U.S", "It's", "well-known") or one punctuation mark.
_TOKEN = re.compile(r"\w+(?:[^\w\s\"]\w+)*|[^\w\s]")
_QUOTATION = frozenset({'"', "'"})
_BAND = 40  # how many words and marks the passage may be longer or shorter than the quote


def normalise_quote(text: str) -> str:
    """Text with quote marks made straight and white space collapsed."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


# Source documents' texts normalised, by text: kept by the process (the preview server's builds),
# and by the build cache between `build.py`s (`normalised_texts`, `remember_normalised`).
_NORMALISED: dict[str, str] = {}
_MAX_KEPT = 4096


def normalised_document(text: str) -> str:
    """A source document's text normalised as quotes are, once: the quotes, the citations and
    the quotations in articles are all looked for in it (a tenth of a one-record rebuild at
    10,000 records was normalising the same documents again, and a cached `build.py` spent 3% of
    its time normalising them as the last one had)."""
    found = _NORMALISED.get(text)
    if found is None:
        if len(_NORMALISED) >= _MAX_KEPT:  # (a long preview session of edited sources)
            _NORMALISED.clear()
        found = _NORMALISED[text] = normalise_quote(text)
    return found


def normalised_texts(texts: Iterable[str]) -> dict[str, str]:
    """Those of `texts` normalised so far, by text (for the build cache)."""
    return {text: _NORMALISED[text] for text in texts if text in _NORMALISED}


def remember_normalised(normalised: dict[str, str]) -> None:
    """Texts normalised by an earlier build (`normalised_texts`), to be taken as they are."""
    _NORMALISED.update(normalised)


def closest_passage(quote: str, document: str) -> str | None:
    """The passage of `document` most like `quote` (both normalised), to show next to a failed check.

    The longest stretch of characters the two share places the quote in the document. Around
    that place, the passage is the run of the document's words and punctuation marks that takes
    the fewest changes (a mark or word changed, left out or added) to become the quote's: it
    starts and ends where the quote does, so a quotation mark around the words in the source is
    not part of it. None when the two share no stretch of 8 characters.
    """
    if len(document) > 2_000_000:
        return None
    matcher = difflib.SequenceMatcher(None, document, quote, autojunk=False)
    match = matcher.find_longest_match(0, len(document), 0, len(quote))
    if match.size < 8:
        return None
    said = [token.group() for token in _TOKEN.finditer(quote)]
    said_at = sum(1 for _ in _TOKEN.finditer(quote, 0, match.b))  # tokens of the quote before the match
    start = max(0, match.a - match.b - _BAND * 20)  # _BAND tokens either side, at 20 characters a token
    tokens = list(_TOKEN.finditer(document, start, match.a - match.b + len(quote) + _BAND * 20))
    offset = sum(1 for token in tokens if token.start() < match.a) - said_at  # where said[0] falls
    run = _closest_run(said, [token.group() for token in tokens], offset)
    if run is None:
        return None
    return document[tokens[run[0]].start() : tokens[run[1] - 1].end()]


def _closest_run(said: list[str], source: list[str], offset: int) -> tuple[int, int] | None:
    """The run source[first:last] that the fewest changes turn into `said`; of those, the one
    that starts first, then the longest. Runs are looked for in a band of _BAND tokens about
    said[0] falling at source[offset] (the edit distance of a whole text against any part of
    another, cell by cell: row[j] is (changes, first) of the best run ending before source[j])."""
    row = {j: (0, j) for j in range(max(0, offset - _BAND), min(len(source), offset + _BAND) + 1)}
    for i, word in enumerate(said, 1):
        above, row = row, {}
        for j in range(max(0, i + offset - _BAND), min(len(source), i + offset + _BAND) + 1):
            options = []
            if j - 1 in above:  # this word against source[j - 1], alike or changed
                options.append((above[j - 1][0] + _change(word, source[j - 1]), above[j - 1][1]))
            if j in above:  # a word the source does not have
                options.append((above[j][0] + 1, above[j][1]))
            if j - 1 in row:  # a word of the source the quote leaves out
                options.append((row[j - 1][0] + 1, row[j - 1][1]))
            if options:
                row[j] = min(options)
    if not row:
        return None
    last, (_, first) = min(row.items(), key=lambda cell: (*cell[1], -cell[0]))
    return (first, last) if first < last else None


def _change(said: str, source: str) -> int:
    """What putting `said` in place of `source` costs: 1 for a word or mark changed, but 2 (one
    left out, one added) when either is a quotation mark, so that a passage does not take in the
    quotation mark around the words in the source to stand for a word of the quote."""
    if said == source:
        return 0
    return 2 if said in _QUOTATION or source in _QUOTATION else 1


def first_difference(quote: str, passage: str) -> str:
    """Where a quote first differs from the passage of its source, word by word."""
    said, source = quote.split(" "), passage.split(" ")
    opcodes = difflib.SequenceMatcher(None, said, source, autojunk=False).get_opcodes()
    change, i1, i2, j1, j2 = next(opcode for opcode in opcodes if opcode[0] != "equal")
    if change == "replace":
        return f"the quote has '{' '.join(said[i1:i2])}' where the source has '{' '.join(source[j1:j2])}'"
    if change == "insert":
        return f"the quote leaves out '{' '.join(source[j1:j2])}'{_place(source, j1, j2)}"
    return f"the quote adds '{' '.join(said[i1:i2])}'{_place(said, i1, i2)}"


def _place(words: list[str], start: int, end: int) -> str:
    """Where words[start:end] stand among `words`: after or before a neighbour."""
    if start > 0:
        return f" after '{words[start - 1]}'"
    return f" before '{words[end]}'" if end < len(words) else ""


def verify_quotes(index: SiteIndex, reporter: Reporter, quotes: Iterable[Quote] | None = None) -> None:
    """Check every quote (or just `quotes`) against the text of its source."""
    texts = index.content.source_texts
    for quote in index.records("quotes") if quotes is None else quotes:
        assert isinstance(quote, Quote)
        text = texts.get(quote.source.id)
        if text is None:
            continue
        document = normalised_document(text)
        wanted = normalise_quote(quote.text)
        if wanted in document:
            continue
        source = index.entities[quote.source.id]
        message = f"quote not found word for word in {getattr(source, 'file', quote.source.id)}"
        passage = closest_passage(wanted, document)
        if passage is None:
            message += " (no passage comes close)"
        else:
            message += (
                f" (closest passage: \"{passage}\"; first difference: " + first_difference(wanted, passage) + ")"
            )
        reporter.error(quote.path, quote.line_of("text"), message)


# Events, quotes and glossary terms are always listed on the timeline, quotes and glossary pages.
ORPHAN_CHECKED = names_where("orphan_checked")


def warn_orphans(index: SiteIndex, reporter: Reporter) -> None:
    """Warn about records that nothing links to (errors under --strict)."""
    for entity in index.unlinked(ORPHAN_CHECKED):
        reporter.warning(entity.path, entity.line, f"{entity.kind_label} '{entity.id}' is not linked from anywhere")
