"""Editorial order: which record a list shows first, and how people's names sort.

A record or document with an explicit `order` (a whole number, lower first) comes before those
without, in that order. The others follow in the order the lead article (the newest article, as
the home page picks it) first mentions them: a record by its first link in the article's text, a
quote by where its words stand there. Records the lead article never mentions come last, by name.
This decides the home page's agreements, the agreements index, the quotes on /quotes/ and on
record pages, and the same-day order of timeline entries (`explainer.site.timeline`).

People in indexes sort by their `sort_name`: written, or made from the name as "Family, Given",
the family name being the name's last word that is not a suffix such as "Jr." (`sort_name`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

from explainer.content.model import Document, Entity, Person, Quote
from explainer.site.index import SiteIndex, fold

# Words after a family name that are not the family name ("Martin Luther King Jr.").
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq"})
_LINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]*))?\]\]")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "*": None, "`": None})

Mention = tuple[int, int]  # where a first mention is: (offset in the lead article's text, then link order)
Position = tuple[int, Mention, int, str]  # what `editorial_key` sorts by


def recency(document: Entity) -> tuple:
    """What orders articles newest last: their date (a year before its months, a month before
    its days, as `PartialDate`s order; undated first), then their id."""
    return (getattr(document, "date", None) or (), document.id)


def lead_article(index: SiteIndex) -> Document | None:
    """The newest article (by date, then id, as the home page orders them), or None."""
    articles = [d for d in index.documents("articles") if isinstance(d, Document)]
    return max(articles, key=recency, default=None)


# Every build asks for the first mentions several times (laying the timeline out, patching it,
# the views), each time of every quote's words: each text is made plain once.
@functools.lru_cache(maxsize=1 << 16)
def _plain(text: str) -> str:
    return " ".join(text.translate(_MARKS).split())


def first_mentions(index: SiteIndex) -> dict[str, Mention]:
    """Entity id -> where the lead article first mentions it: the offset into its plain text of
    the sentence of its first link (and, within a sentence, the links' order), or of a quote's words."""
    lead = lead_article(index)
    if lead is None:
        return {}

    def shown(match: re.Match) -> str:
        target = index.entities.get(match.group(1).strip())
        return match.group(2) if match.group(2) is not None else target.display_name if target else ""

    body = _plain(_MD_LINK.sub(r"\1", _LINK.sub(shown, lead.body.text)))
    found: dict[str, Mention] = {}
    for n, edge in enumerate(index.edges_from(lead.id)):
        if edge.field == "mention" and edge.target not in found:
            at = body.find(_plain(edge.context)) if edge.context else -1
            found[edge.target] = (at if at >= 0 else len(body), n)
    for quote in index.by_collection("quotes"):
        if isinstance(quote, Quote):
            at = body.find(_plain(quote.text))
            if at >= 0:
                found.setdefault(quote.id, (at, 0))
    return found


def editorial_key(entity: Entity, mentions: Mapping[str, Mention]) -> Position:
    """What a list in editorial order sorts by: explicit `order`, then first mention, then name."""
    order = getattr(entity, "order", None)
    if order is not None:
        return (0, (order, 0), 0, entity.id)
    at = mentions.get(entity.id)
    if at is not None:
        return (1, at, 0, entity.id)
    return (2, (0, 0), 0, fold(entity.display_name) + "\0" + entity.id)


def editorial_order(entities: Iterable[Entity], mentions: Mapping[str, Mention]) -> list[Entity]:
    return sorted(entities, key=lambda e: editorial_key(e, mentions))


def default_sort_name(name: str) -> str:
    """"Nayib Bukele" -> "Bukele, Nayib"; "Martin Luther King Jr." -> "King, Martin Luther, Jr."."""
    words = name.split()
    last = len(words) - 1
    while last > 0 and words[last].strip(".,").casefold() in SUFFIXES:
        last -= 1
    if last <= 0:
        return name
    return ", ".join([words[last], " ".join(words[:last]), *(" ".join(words[last + 1:]),) * (last + 1 < len(words))])


def sort_name(entity: Entity) -> str:
    """The name an index sorts a record by (and files it under, when split by letter)."""
    if isinstance(entity, Person):
        return entity.sort_name or default_sort_name(entity.name)
    return entity.display_name
