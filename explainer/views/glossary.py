"""The glossary: terms in A–Z order, grouped by letter, with their backlinks; and `/glossary.json`.

Sorting needs no system locale (`explainer.site.letters`): a term sorts by its text with accents
removed, special letters spelt out, case ignored and punctuation skipped, so "Ángel" files under A,
between "Angel" and "Angola". Ties go to the plain spelling first, then the id. Each term has its
own page at `/glossary/<id>/` and an anchor on the A–Z page (or its letter's page, when the
glossary is split: `explainer.site.paging`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explainer.content.model import GlossaryTerm, shown_aliases
from explainer.markup.text import html_text
from explainer.site import urls
from explainer.site.index import RELATIONS
from explainer.site.letters import ALPHABET, OTHER, alphabet, letter_of, sort_text, term_sort_key
from explainer.views.builder import Backlink, LinkView, ViewBuilder

__all__ = ["ALPHABET", "OTHER", "letter_of", "sort_text", "term_sort_key"]  # kept importable from here


def letter_id(letter: str) -> str:
    """Anchor of a letter's section; '_' keeps it apart from record ids, which cannot hold one."""
    return "letter_other" if letter == OTHER else f"letter_{letter.lower()}"


@dataclass(frozen=True)
class GlossaryItem:
    id: str
    term: str
    letter: str
    abbreviation: str
    aliases: tuple[str, ...]
    definition_html: str
    definition_text: str
    notes_html: str  # the term's summary, when it has one beyond the definition
    url: str  # the term's own page
    anchor_url: str  # its entry on the A–Z page
    canonical: str  # the term's page as a full URL when the site has one
    see_also: tuple[LinkView, ...]
    used_in: tuple[Backlink, ...]
    sources: tuple[LinkView, ...]


@dataclass(frozen=True)
class LetterGroup:
    letter: str
    id: str
    items: tuple[GlossaryItem, ...]


@dataclass(frozen=True)
class LetterLink:
    letter: str
    id: str  # "" when no term starts with the letter


@dataclass(frozen=True)
class TermPage:
    """One term's own page: the term and its neighbours in A–Z order."""

    item: GlossaryItem
    previous: GlossaryItem | None
    next: GlossaryItem | None
    structured_data: dict  # schema.org DefinedTerm, for search engines


@dataclass(frozen=True)
class Glossary:
    title: str
    url: str
    items: tuple[GlossaryItem, ...]
    groups: tuple[LetterGroup, ...]
    letters: tuple[LetterLink, ...]
    positions: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    reads: dict[str, frozenset] = field(default_factory=dict, compare=False, repr=False)  # per term

    def term_page(self, term_id: str) -> TermPage:
        position = self.positions[term_id]
        item = self.items[position]
        return TermPage(
            item,
            self.items[position - 1] if position else None,
            self.items[position + 1] if position + 1 < len(self.items) else None,
            {
                "@context": "https://schema.org",
                "@type": "DefinedTerm",
                "name": item.term,
                "description": item.definition_text,
                "url": item.canonical,
                "inDefinedTermSet": self.url,
                **({"termCode": item.abbreviation} if item.abbreviation else {}),
            },
        )


def _used_in(views: ViewBuilder, term: GlossaryTerm, see_also: set[str]) -> tuple[Backlink, ...]:
    """Every entity that links to the term or names it as related, with the sentence of a mention."""
    views.read("edges-to", term.id)
    by_source: dict[str, list] = {}
    for edge in views.index.edges_to(term.id):
        if edge.field == "see_also" and edge.source in see_also:
            continue  # already listed under "See also"
        by_source.setdefault(edge.source, []).append(edge)
    used = []
    for source_id in sorted(by_source, key=views.index.sort_key):
        edges = by_source[source_id]
        context = next((e.context for e in edges if e.context), "")
        relations = tuple(dict.fromkeys(views.gettext(RELATIONS[e.field][1]) for e in edges if e.field != "mention"))
        used.append(Backlink(views.link(source_id), relations, context))
    return tuple(used)


def build_glossary(views: ViewBuilder) -> Glossary:
    index = views.index
    lang = index.config.language
    terms = sorted(
        (t for t in index.by_collection("glossary") if isinstance(t, GlossaryTerm)),
        key=lambda t: term_sort_key(t.term, t.id, lang),
    )
    items = []
    reads: dict[str, frozenset] = {}
    for term in terms:
        with views.tracking() as term_reads:
            items.append(_item(views, term))
        reads[term.id] = frozenset(term_reads | {("entity", term.id)})
    groups: dict[str, list[GlossaryItem]] = {}
    for item in items:
        groups.setdefault(item.letter, []).append(item)
    present = set(groups)
    letters = [LetterLink(OTHER, letter_id(OTHER))] if OTHER in present else []
    letters += [LetterLink(c, letter_id(c) if c in present else "") for c in alphabet(lang)]
    letters += [LetterLink(c, letter_id(c)) for c in groups if c not in alphabet(lang) and c != OTHER]
    return Glossary(
        title=index.config.title,
        url=index.absolute_url(urls.GLOSSARY),
        items=tuple(items),
        groups=tuple(LetterGroup(c, letter_id(c), tuple(g)) for c, g in groups.items()),
        letters=tuple(letters),
        positions={item.id: number for number, item in enumerate(items)},
        reads=reads,
    )


def _item(views: ViewBuilder, term: GlossaryTerm) -> GlossaryItem:
    index = views.index
    definition = views.html(term.id, "definition")
    see_also = views.links(term.see_also)
    return GlossaryItem(
        id=term.id,
        term=term.term,
        letter=letter_of(term.term, index.config.language),
        abbreviation=term.abbreviation or "",
        aliases=shown_aliases(term),
        definition_html=definition,
        definition_text=html_text(definition),
        notes_html=views.html(term.id, "summary"),
        url=index.url(index.page_path(term.id) or ""),
        anchor_url=index.url_for(term.id),
        canonical=index.absolute_url(index.page_path(term.id) or ""),
        see_also=see_also,
        used_in=_used_in(views, term, {link.id for link in see_also}),
        sources=views.links(term.sources),
    )


def glossary_json(views: ViewBuilder, glossary: Glossary) -> dict:
    """The glossary as plain data (see docs/outputs.md for the shape)."""
    index = views.index

    def absolute(url: str) -> str:
        return index.absolute_url(url[len(index.url("")):])

    def record(link: LinkView) -> dict:
        return {"id": link.id, "name": link.text, "url": absolute(link.href)}

    return {
        "title": glossary.title,
        "url": glossary.url,
        "terms": [
            {
                "id": item.id,
                "term": item.term,
                "url": item.canonical,
                "anchor_url": absolute(item.anchor_url),
                "abbreviation": item.abbreviation or None,
                "aliases": list(item.aliases),
                "definition_html": item.definition_html,
                "definition_text": item.definition_text,
                "see_also": [record(link) for link in item.see_also],
                "used_in": [record(backlink.link) for backlink in item.used_in],
            }
            for item in glossary.items
        ],
    }
