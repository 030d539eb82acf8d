"""What a timeline entry shows of the quotes and agreements attached to its event
(`explainer.site.timeline.Attached`): the agreements by title and status, the quotes by their
words (on the timeline's pages) or as "Marco Rubio spoke" (on record pages, which give the words
in a section of their own), and a quote's own entry on a record page, named the same way. No
entry lists a quotation among the records it involves.
"""

from __future__ import annotations

from collections.abc import Callable

from explainer.site.index import SiteIndex
from explainer.site.timeline import TimelineEntry
from explainer.views.viewtypes import SENTENCE_PUNCTUATION, AttachedView, LinkView, SpokeView

Link = Callable[[str], LinkView]


def _words(text: str) -> str:
    """A quote's words in quotation marks, without the reporter's sentence punctuation."""
    return f"“{text.rstrip(SENTENCE_PUNCTUATION) or text}”"


def attached_views(
    index: SiteIndex, link: Link, entry: TimelineEntry,
) -> tuple[tuple[AttachedView, ...], tuple[AttachedView, ...], tuple[SpokeView, ...]]:
    """An event entry's agreements, its quotes, and its speakers (once each, in the quotes' order)."""
    agreements: list[AttachedView] = []
    quotes: list[AttachedView] = []
    speakers: dict[str, SpokeView] = {}
    for item in entry.attached:
        if item.id not in index.entities:
            continue
        if item.kind == "agreement":
            agreements.append(AttachedView(link(item.id), item.title))
            continue
        speaker = link(item.speaker) if item.speaker in index.entities else None
        quotes.append(AttachedView(link(item.id), _words(getattr(index.entities[item.id], "text", "")), speaker))
        name = speaker.text if speaker else item.speaker or ""
        known = speakers.get(name)
        speakers[name] = SpokeView(
            name, known.href if known else link(item.id).href, known.quote_id if known else item.id,
            known.count + 1 if known else 1,
        )
    return tuple(agreements), tuple(quotes), tuple(speakers.values())


def is_quote(index: SiteIndex, entity_id: str) -> bool:
    """Whether a record is a quote: an entry's "Involved" line names records, not quotations."""
    entity = index.entities.get(entity_id)
    return entity is not None and entity.collection == "quotes"


def spoke_title(index: SiteIndex, link: Link, entry: TimelineEntry, gettext: Callable[[str], str] = str) -> str:
    """A quote entry's title on a record page: "Marco Rubio spoke" (empty for other kinds), in the
    language of `gettext` (English by default)."""
    quote = index.entities.get(entry.link or "")
    speaker = getattr(quote, "speaker", None)
    if entry.kind != "quote" or speaker is None:
        return ""
    name = link(speaker.id).text if speaker.id in index.entities else speaker.id
    return gettext("%(name)s spoke") % {"name": name}
