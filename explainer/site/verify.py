"""Checks that need the whole index: quotes against their sources, and records nothing links to.

A quote whose source has a `file` must occur in it word for word; differences of white space and
of straight versus typographic quotes and apostrophes are forgiven, nothing else.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from explainer.content.kinds import names_where
from explainer.core.errors import Reporter
from explainer.site.index import SiteIndex
from explainer.content.model import Quote

_QUOTE_MARKS = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
})
_SPACE = re.compile(r"\s+")


def normalise_quote(text: str) -> str:
    """Text with quote marks made straight and white space collapsed."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def closest_passage(quote: str, document: str) -> str | None:
    """The passage of `document` most like `quote`, to show next to a failed check."""
    if len(document) > 2_000_000:
        return None
    matcher = difflib.SequenceMatcher(None, document, quote, autojunk=False)
    match = matcher.find_longest_match(0, len(document), 0, len(quote))
    if match.size < 8:
        return None
    start = max(0, match.a - match.b)
    return document[start : start + len(quote)].strip()


def verify_quotes(index: SiteIndex, reporter: Reporter, quotes: Iterable[Quote] | None = None) -> None:
    """Check every quote (or just `quotes`) against the text of its source."""
    texts = index.content.source_texts
    normalised: dict[str, str] = {}  # each source normalised once, when a quote needs it
    for quote in index.records("quotes") if quotes is None else quotes:
        assert isinstance(quote, Quote)
        text = texts.get(quote.source.id)
        if text is None:
            continue
        document = normalised.get(quote.source.id)
        if document is None:
            document = normalised[quote.source.id] = normalise_quote(text)
        wanted = normalise_quote(quote.text)
        if wanted in document:
            continue
        source = index.entities[quote.source.id]
        message = f"quote not found word for word in {getattr(source, 'file', quote.source.id)}"
        passage = closest_passage(wanted, document)
        if passage:
            message += f" (closest passage: \"{passage}\")"
        reporter.error(quote.path, quote.line_of("text"), message)


# Events, quotes and glossary terms are always listed on the timeline, quotes and glossary pages.
ORPHAN_CHECKED = names_where("orphan_checked")


def warn_orphans(index: SiteIndex, reporter: Reporter) -> None:
    """Warn about records that nothing links to (errors under --strict)."""
    for entity in index.entities.values():
        if entity.collection not in ORPHAN_CHECKED:
            continue
        if not index.edges_to(entity.id):
            reporter.warning(
                entity.path, entity.line,
                f"{entity.kind_label} '{entity.id}' is not linked from anywhere",
            )
