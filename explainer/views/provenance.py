"""What pages show of where their facts come from: cite marks, the "Sources" trail, the public
record of changes, and a source's own page: its document, and what relies on it.

A cited fact carries a `CiteMark`, a plain link to the sentence of the source that holds the
passage (`sourcetext`: `/sources/<id>/#s-…`), named for assistive technology "Source: <source
title>, sentence 12". Marks sit where the fact is shown: in the infobox row of the field cited,
after the terms for `terms`, next to a document's date for its `date`, and after the summary for
everything else (no `field`, `summary`, and fields the page does not show).

Like all view code this reads the site through the `ViewBuilder` (typed here as `Views`), with
the keys of `incremental`, and the values it computes for them (`value_keys`):

| key | value |
| --- | --- |
| ("source-text", id) | a digest of the text of the source's file |
| ("cites", id) | what an entity cites: (source, passage, field) of each citation |
| ("corrections",) | every correction of the site: entity, date and text |
| ("has-corrections",) | whether the site has any correction (the footer's link) |
| ("linkset",) | the names Markdown links against, which mark mentions in source documents |
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import Protocol

from explainer.content.model import Entity, Institution, Quote, Source, citations, corrections, last_updated
from explainer.content.settings import KeyFact
from explainer.markup.trie import NameTrie
from explainer.site.index import SiteIndex
from explainer.site.sourcetext import SourceDocument, SourceLibrary
from explainer.site.verify import normalise_quote
from explainer.views.keys import Key
from explainer.views.viewtypes import (
    CiteMark,
    CorrectionView,
    DocumentView,
    EvidenceGroup,
    InfoRow,
    KeyFactView,
    LinkView,
    PassageView,
    Piece,
    RecordPage,
    Reliance,
    SentenceView,
)

# Infobox rows and the fields they show (an institution's facts are rows of their own label).
ROW_FIELDS = {
    "Role": ("roles",), "Country": ("country",), "Link": ("links",), "Short name": ("short_name",),
    "Kind": ("kind",), "Part of": ("parent",), "Founded": ("founded",), "Status": ("status",),
    "Date": ("date", "end"), "Parties": ("parties",), "Signatories": ("signatories",),
    "Within": ("within",), "Publisher": ("publisher",), "Address": ("url",), "Text on file": ("file",),
    "Abbreviation": ("abbreviation",), "Also called": ("aliases",),
}
# What the timeline entry of each kind shows of its record: the dates.
ENTRY_FIELDS = {"event": ("date", "end"), "agreement": ("date",), "founding": ("founded",),
                "role": ("roles",), "quote": ("date",)}


class Views(Protocol):
    """What this module needs of `builder.ViewBuilder`."""

    index: SiteIndex
    sources: SourceLibrary
    names: NameTrie | None
    lang: str

    def gettext(self, message: str) -> str: ...
    def read(self, *key: str) -> None: ...
    def link(self, entity_id: str) -> LinkView: ...
    def html(self, entity_id: str, field_name: str) -> str: ...
    def quotes_of(self, entity_id: str) -> list[Quote]: ...


def _digest(value: object) -> str:
    return hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def value_keys(
    index: SiteIndex, linkset: str, base: dict[Key, str] | None = None, ids: Collection[str] | None = None,
) -> dict[Key, str]:
    """The values of the keys this module reads, for `incremental` to compare between builds.
    With `base` and `ids`, an entity's ("cites", id) is made again only for the entities `ids`."""
    values: dict[Key, str] = {("linkset",): linkset}
    for source_id, text in index.content.source_texts.items():
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16)
        values[("source-text", source_id)] = digest.hexdigest()
    made = [(e.id, c.date.iso(), c.text.text) for e in index.entities.values() for c in corrections(e)]
    values[("corrections",)] = _digest(made)
    values[("has-corrections",)] = "yes" if made else ""
    if base is not None and ids is not None:
        values.update((key, value) for key, value in base.items() if key[0] == "cites" and key[1] not in ids)
        entities = [index.entities[i] for i in ids if i in index.entities]
    else:
        entities = list(index.entities.values())
    for entity in entities:
        if citations(entity):
            values[("cites", entity.id)] = _digest([(c.source.id, c.passage, c.field) for c in citations(entity)])
    return values


def cite_mark(views: Views, source_id: str, passage: str) -> CiteMark | None:
    """The mark linking to the sentence of a source where a passage starts, or None when the
    source has no document or the passage is not in it."""
    if source_id not in views.index.entities:
        return None
    views.read("source-text", source_id)
    document = views.sources.document(source_id)
    found = document.locate(passage) if document is not None else None
    sentence = document.sentence_at(found[0]) if document is not None and found is not None else None
    if found is None or sentence is None:
        return None
    link = views.link(source_id)
    return CiteMark(
        f"{link.href}#{sentence.anchor}", sentence.number, views.gettext("Source: %(source)s, sentence %(number)d") % {"source": link.text, "number": sentence.number},
        " ".join(passage.split()), found[0],
    )


def entity_cites(views: Views, entity: Entity) -> dict[str, list[CiteMark]]:
    """The marks of an entity's citations, by the field they support ("" for none)."""
    marks: dict[str, list[CiteMark]] = defaultdict(list)
    for citation in citations(entity):
        mark = cite_mark(views, citation.source.id, citation.passage)
        if mark is not None and mark not in marks[citation.field or ""]:
            marks[citation.field or ""].append(mark)
    return marks


def entry_cites(views: Views, entity_id: str | None, kind: str) -> tuple[CiteMark, ...]:
    """The marks shown on a timeline entry: those of the dates of the entry's record."""
    entity = views.index.entities.get(entity_id or "")
    if entity is None:
        return ()
    views.read("cites", entity.id)
    marks = entity_cites(views, entity)
    return tuple(mark for name in ENTRY_FIELDS.get(kind, ()) for mark in marks.get(name, ()))


def key_facts(views: Views, facts: Iterable[KeyFact]) -> list[KeyFactView]:
    """A key-facts box: each fact linked to the sentence of its passage, or to its source's page."""
    shown = []
    for fact in facts:
        if fact.source.id not in views.index.entities:
            continue
        mark = cite_mark(views, fact.source.id, fact.passage) if fact.passage else None
        if mark is not None:
            shown.append(KeyFactView(fact.label, fact.value, mark.href, mark.label, mark.passage))
        else:
            source = views.link(fact.source.id)
            shown.append(KeyFactView(fact.label, fact.value, source.href, f"Source: {source.text}"))
    return shown


def quote_mark(views: Views, quote: Quote) -> CiteMark | None:
    """The mark of a quote card: the sentence of its source where its words are."""
    return cite_mark(views, quote.source.id, quote.text)


def add_provenance(views: Views, entity: Entity, page: RecordPage) -> None:
    """Fill in a record's or a document's page: cite marks, sources, corrections, a document."""
    marks = entity_cites(views, entity)
    rows = []
    for row in page.infobox:
        names = ROW_FIELDS.get(row.field, (row.field,) if isinstance(entity, Institution) else ())
        found = tuple(mark for name in names for mark in marks.pop(name, ()))
        rows.append(InfoRow(row.label, row.values, row.names, found, row.field) if found else row)
    page.infobox = rows
    if page.terms_html:
        page.cites["terms"] = tuple(marks.pop("terms", ()))
    if entity.collection in ("articles", "pages") and getattr(entity, "date", None):
        page.cites["date"] = tuple(marks.pop("date", ()))
    page.cites["summary"] = tuple(dict.fromkeys(mark for found in marks.values() for mark in found))
    page.evidence = evidence(views, entity)
    updated = last_updated(entity)
    if updated is not None:
        page.updated_label, page.updated_iso = updated.label(views.lang), updated.iso()
    page.corrections = [
        CorrectionView(f"correction-{n}", c.date.label(views.lang), c.date.iso(), views.html(entity.id, f"corrections.{n - 1}"))
        for n, c in enumerate(corrections(entity), 1)
    ]
    page.key_facts = key_facts(views, getattr(entity, "key_facts", ()))
    if isinstance(entity, Source):
        page.document = source_document(views, entity)
        page.relied_on = relied_on(views, entity)


def evidence(views: Views, entity: Entity) -> list[EvidenceGroup]:
    """The "Sources" trail: each source of the entity, with the passages it relies on in it."""
    passages: dict[str, dict[str, tuple[CiteMark, list[str]]]] = defaultdict(dict)
    for citation in citations(entity):
        mark = cite_mark(views, citation.source.id, citation.passage)
        if mark is None:
            continue
        known = passages[citation.source.id].setdefault(normalise_quote(citation.passage), (mark, []))
        if citation.field and citation.field not in known[1]:
            known[1].append(citation.field)
    order = [ref.id for ref in getattr(entity, "sources", ())] + [c.source.id for c in citations(entity)]
    groups = []
    for source_id in dict.fromkeys(order):
        if source_id not in views.index.entities:
            continue
        found = sorted(passages.get(source_id, {}).values(), key=lambda item: (item[0].position, item[0].passage))
        groups.append(EvidenceGroup(
            views.link(source_id), tuple(PassageView(mark.passage, mark, tuple(fields)) for mark, fields in found),
        ))
    return groups


def relied_on(views: Views, source: Source) -> list[Reliance]:
    """On a source's page: each passage records rely on, in the order of the document."""
    found: dict[str, tuple[CiteMark, list[tuple[LinkView, str]]]] = {}

    def note(passage: str, entity_id: str, what: str) -> None:
        mark = cite_mark(views, source.id, passage)
        if mark is not None:
            records = found.setdefault(normalise_quote(passage), (mark, []))[1]
            if (views.link(entity_id), what) not in records:
                records.append((views.link(entity_id), what))

    views.read("edges-to", source.id)
    for edge in views.index.edges_to(source.id):
        entity = views.index.entities[edge.source]
        if edge.field == "sources":
            views.read("cites", entity.id)
            for citation in citations(entity):
                if citation.source.id == source.id:
                    note(citation.passage, entity.id, citation.field or "")
    for quote in views.quotes_of(source.id):
        if quote.source.id == source.id:
            views.read("entity", quote.id)
            mark = cite_mark(views, source.id, quote.text)
            if mark is not None:  # shown as "quote of <speaker>": its words are the passage
                speaker = quote.speaker.id
                who = views.link(speaker).text if speaker in views.index.entities else speaker
                link = views.link(quote.id)
                card = LinkView(link.href, views.gettext("quote of %(who)s") % {"who": who}, link.collection, link.id)
                found.setdefault(normalise_quote(quote.text), (mark, []))[1].append((card, ""))
    ordered = sorted(found.values(), key=lambda item: (item[0].position, item[0].passage))
    return [Reliance(mark, mark.passage, tuple(records)) for mark, records in ordered]


def source_document(views: Views, source: Source) -> DocumentView | None:
    """A source's document for its page: every sentence anchored, its quotes highlighted and
    linked to their cards, and the first mention of each record in each paragraph linked."""
    views.read("source-text", source.id)
    document = views.sources.document(source.id)
    if document is None:
        return None
    quoted = _quoted_spans(views, source, document)
    trie = views.names
    if trie is not None:
        views.read("linkset")
    paragraphs: list[list[SentenceView]] = [[] for _ in document.paragraphs]
    linked: set[str] = set()
    paragraph = -1
    for sentence in document.sentences:
        if sentence.paragraph != paragraph:  # each record's first mention in a paragraph is linked
            linked, paragraph = {source.id}, sentence.paragraph
        pieces: list[Piece] = []
        at = sentence.start
        for start, end, quote in [q for q in quoted if q[0] < sentence.end and q[1] > sentence.start]:
            pieces += _plain(views, trie, document.text, at, max(at, start), linked)
            pieces.append(_quote_piece(views, quote, document.text[max(start, sentence.start):min(end, sentence.end)]))
            at = min(end, sentence.end)
        pieces += _plain(views, trie, document.text, at, sentence.end, linked)
        paragraphs[sentence.paragraph].append(SentenceView(sentence.anchor, sentence.number, tuple(pieces)))
    return DocumentView(tuple(tuple(p) for p in paragraphs), len(document.sentences), len({q[2].id for q in quoted}))


def _quoted_spans(views: Views, source: Source, document: SourceDocument) -> list[tuple[int, int, Quote]]:
    """Where each quote of the source is highlighted: its first place that no longer quote takes."""
    quotes = [q for q in views.quotes_of(source.id) if q.source.id == source.id]
    taken: list[tuple[int, int, Quote]] = []
    for quote in sorted(quotes, key=lambda q: (-len(q.text), q.id)):
        views.read("entity", quote.id)
        for start, end in document.normal.find_all(normalise_quote(quote.text)):
            if all(end <= first or start >= last for first, last, _ in taken):
                taken.append((start, end, quote))
                break
    return sorted(taken, key=lambda span: span[0])


def _quote_piece(views: Views, quote: Quote, text: str) -> Piece:
    speaker = quote.speaker.id
    who = views.link(speaker).text if speaker in views.index.entities else speaker
    note = views.gettext("Quoted on this site: words of %(who)s") % {"who": who}
    return Piece(text, "quote", views.link(quote.id).href, quote.id, "quoted", note)


def _plain(views: Views, trie: NameTrie | None, text: str, start: int, end: int, linked: set[str]) -> list[Piece]:
    """text[start:end] as pieces: plain text, and the first mention of each record linked."""
    if start >= end:
        return []
    part = text[start:end]
    pieces: list[Piece] = []
    at = 0
    for match in trie.scan(part) if trie is not None else ():
        target = match.target.id
        if target in linked or target not in views.index.entities:
            continue
        linked.add(target)
        link = views.link(target)
        if match.start > at:
            pieces.append(Piece(part[at:match.start]))
        pieces.append(Piece(part[match.start:match.end], "mention", link.href, target, f"mention mention-{link.collection}"))
        at = match.end
    if at < len(part):
        pieces.append(Piece(part[at:]))
    return pieces
