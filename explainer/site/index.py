"""The entity graph: ids, URLs, names, references and backlinks.

URLs are made from `explainer.site.urls`. `build_index` checks that ids are unique and that
every reference names a record of a kind its field accepts (`schema.REF_TARGETS`);
`SiteIndex.add_edges` records every link found in Markdown so that each page can list what links
to it ("Mentioned in").
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple, cast

from explainer.content.kinds import BY_NAME, COLLECTIONS, DOCUMENT_COLLECTIONS
from explainer.content.model import Content, Document, Entity, Person, Record, citations
from explainer.content.parts import Ref
from explainer.content.settings import SiteConfig
from explainer.content.schema import REF_TARGETS
from explainer.core.errors import Reporter, did_you_mean
from explainer.core.i18n import N_
from explainer.site import urls

ORDER = {name: i for i, name in enumerate((*DOCUMENT_COLLECTIONS, *COLLECTIONS))}

# field -> (label on the page holding the ref, label on the page the ref points to), in English:
# views translate them (`N_`).
RELATIONS: dict[str, tuple[str, str]] = {
    "parties": (N_("Parties"), N_("Party to")),
    "signatories": (N_("Signatories"), N_("Signatory of")),
    "organization": (N_("Role at"), N_("People with a role here")),
    "country": (N_("Country"), N_("Based here")),
    "parent": (N_("Part of"), N_("Includes")),
    "within": (N_("Within"), N_("Contains")),
    "participants": (N_("Participants"), N_("Took part in")),
    "place": (N_("Place"), N_("Events here")),
    "speaker": (N_("Speaker"), N_("Speaker of")),
    "reported_by": (N_("Reported by"), N_("Reported")),
    "event": (N_("Event"), N_("Said or agreed here")),
    "source": (N_("Source"), N_("Quotes from this source")),
    "sources": (N_("Sources"), N_("Cited by")),
    "related": (N_("Related"), N_("Related")),
    "see_also": (N_("See also"), N_("See also")),
    "mention": (N_("Mentions"), N_("Mentioned in")),
}
# field -> the plain words a record's "Connected to" shows beside a record linked by it: (the
# page's record holds the ref: what the other record is to it, the other record holds it: what
# the page's record is to the other), in English: views translate them (`N_`). A mention and
# `related` need no word.
PLAIN_RELATIONS: dict[str, tuple[str, str]] = {
    "parties": (N_("party"), N_("party to")),
    "signatories": (N_("signatory"), N_("signed")),
    "organization": (N_("role at"), N_("role here")),
    "country": (N_("country"), N_("based here")),
    "parent": (N_("part of"), N_("includes")),
    "within": (N_("within"), N_("contains")),
    "participants": (N_("took part"), N_("took part in")),
    "place": (N_("place"), N_("took place here")),
    "speaker": (N_("speaker"), N_("said")),
    "reported_by": (N_("reported by"), N_("reported")),
    "event": (N_("at"), N_("said or agreed here")),
    "source": (N_("source"), N_("quoted from here")),
    "sources": (N_("source"), N_("cites this")),
    "related": ("", ""),
    "see_also": (N_("see also"), N_("see also")),
    "mention": ("", ""),
}


class Edge(NamedTuple):
    """`source` refers to `target` through `field`; `context` is the sentence of a mention.

    A named tuple: a build makes one per link (tens of thousands), and a tuple is made in half
    the time a frozen dataclass is."""

    source: str
    target: str
    field: str
    context: str = ""


def iter_refs(entity: Entity) -> Iterator[tuple[str, Ref]]:
    """Every structured reference an entity makes, as (field, ref), in a stable order."""
    for field in ("country", "parent", "within", "place", "speaker", "reported_by", "source", "event"):
        ref = getattr(entity, field, None)
        if isinstance(ref, Ref):
            yield field, ref
    if isinstance(entity, Person):
        for role in entity.roles:
            if role.organization:
                yield "organization", role.organization
    for field in ("parties", "signatories", "participants", "see_also", "related", "sources"):
        for ref in getattr(entity, field, ()):
            yield field, ref


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """A sort key that puts accented letters with their base letter ("Ángel" with "A"): the text
    decomposed, without its combining marks, case-folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():
        # (Each mark the text holds removed at once, not the text filtered a letter at a time in
        # Python: a quote's sort key is its whole text. Folding every name of a 10,000-record
        # site took 42 ms that way, 19 ms this way.)
        for mark in [c for c in set(decomposed) - _ASCII if unicodedata.combining(c)]:
            decomposed = decomposed.replace(mark, "")
    return decomposed.casefold()


_ASCII = frozenset(map(chr, range(128)))


class SiteIndex:
    """All entities by id, their URLs, and the links between them."""

    def __init__(self, content: Content, entities: dict[str, Entity]):
        self.content = content
        self.config: SiteConfig = content.config
        self.entities = entities
        self._out: dict[str, list[Edge]] = defaultdict(list)
        self._in: dict[str, list[Edge]] = defaultdict(list)
        self._sort_keys: dict[str, tuple] = {}
        self._collections: dict[str, list[Entity]] = defaultdict(list)
        for entity in entities.values():
            self._collections[entity.collection].append(entity)
        # Where lists split into pages show things (`explainer.site.paging.lay_out` fills them):
        # a record that is an anchor on a list page -> that page's folder; a timeline entry -> the
        # folder of the timeline page that shows it.
        self.anchors: dict[str, str] = {}
        self.entry_pages: dict[str, str] = {}

    # URLs -----------------------------------------------------------------------------------
    def page_path(self, entity_id: str) -> str | None:
        """The folder (relative to the site root) of an entity's own page, or None."""
        entity = self.entities[entity_id]
        return urls.record_folder(entity.collection, entity.id)

    def link_path(self, entity_id: str) -> str:
        """Where links to an entity go, relative to the site root (may carry an #anchor)."""
        entity = self.entities[entity_id]
        return urls.link_path(entity.collection, entity.id, self.anchors.get(entity_id))

    def entry_path(self, entry_id: str) -> str:
        """Where a timeline entry is shown: its anchor on the timeline page that lists it."""
        return urls.anchor(self.entry_pages.get(entry_id, urls.TIMELINE), entry_id)

    @property
    def edition(self) -> str:
        """The folder of this edition of the site: "" for the default language, else `es/`."""
        return urls.edition_folder(self.config.language, self.config.languages)

    def url(self, path: str) -> str:
        """A path of this edition as an absolute URL path under the base URL."""
        return self.config.base_path + self.edition + path

    def root_url(self, path: str) -> str:
        """A path every edition shares (static assets, the search bundle) as an absolute URL path."""
        return self.config.base_path + path

    def url_for(self, entity_id: str) -> str:
        return self.url(self.link_path(entity_id))

    def absolute_url(self, path: str) -> str:
        """A full URL when the base URL has a host, else the absolute path."""
        return self.edition_url(self.config.language, path)

    def edition_url(self, language: str, path: str) -> str:
        """A path of the edition in `language`, as a full URL when the base URL has a host."""
        folder = urls.edition_folder(language, self.config.languages)
        base = self.config.absolute_base
        return (base + folder + path) if base else self.config.base_path + folder + path

    # Graph ----------------------------------------------------------------------------------
    def add_edges(self, edges: Iterable[Edge]) -> None:
        """Index links, in the order given (a build adds tens of thousands)."""
        out, into = self._out, self._in
        for edge in edges:
            out[edge.source].append(edge)
            into[edge.target].append(edge)

    def replace_edges(
        self, base: SiteIndex, sources: Collection[str], edges: list[Edge], positions: Mapping[str, int]
    ) -> None:
        """Take `base`'s links, less those from `sources`, plus `edges` (all from `sources`), in
        the order `build_index` and then conversion add them: references before mentions, each
        in the order of the entities they come from. `base` is left as it was."""
        self._out = defaultdict(list, base._out)
        self._in = defaultdict(list, base._in)
        touched = {edge.target for edge in edges}
        for source in sources:
            touched.update(edge.target for edge in base._out.get(source, ()))
            self._out.pop(source, None)
        for target in touched:
            self._in[target] = [edge for edge in base._in.get(target, ()) if edge.source not in sources]
        for edge in edges:
            self._out[edge.source].append(edge)
            self._in[edge.target].append(edge)
        for target in touched:
            self._in[target].sort(key=lambda edge: (edge.field == "mention", positions[edge.source]))

    def edges_from(self, entity_id: str) -> list[Edge]:
        return self._out.get(entity_id, [])

    def edges_to(self, entity_id: str) -> list[Edge]:
        return self._in.get(entity_id, [])

    def incoming_counts(self, collection: str) -> dict[str, int]:
        """How many links point at each entity of `collection` (a pass over the collection that
        every rebuild makes: without a call per entity)."""
        incoming = self._in
        return {entity.id: len(incoming.get(entity.id, ())) for entity in self.by_collection(collection)}

    def unlinked(self, collections: Collection[str]) -> list[Entity]:
        """The entities of `collections` that nothing links to, in content order."""
        incoming = self._in
        return [
            entity for entity in self.entities.values()
            if entity.collection in collections and not incoming.get(entity.id)
        ]

    def sort_key(self, entity_id: str) -> tuple:
        key = self._sort_keys.get(entity_id)
        if key is None:
            entity = self.entities[entity_id]
            key = self._sort_keys[entity_id] = (ORDER[entity.collection], fold(entity.display_name), entity.id)
        return key

    def by_collection(self, collection: str) -> list[Entity]:
        """The entities of one collection, in content order."""
        return self._collections.get(collection, [])

    def collections(self) -> dict[str, list[Entity]]:
        """Every non-empty collection and its entities, in content order."""
        return dict(self._collections)

    def records(self, collection: str) -> list[Record]:
        """The records of one collection (not articles or pages), in content order."""
        # The loader makes every entity of a record collection a Record: the list is that type.
        return cast(list[Record], self._collections.get(collection, []))

    def documents(self, collection: str) -> list[Document]:
        """The articles or pages, in content order."""
        return cast(list[Document], self._collections.get(collection, []))


def build_index(
    content: Content, reporter: Reporter, known: Mapping[str, Sequence[tuple[str, str, str]]] | None = None,
) -> SiteIndex:
    """Check ids and references and index the structured links between records.

    `known`: the links ((target, field, context), mentions among them) that some entities made
    when the same entities, with the same ids and kinds, were checked last (a cached build): their
    references are taken from there rather than found and checked again."""
    entities: dict[str, Entity] = {}
    for entity in content.entities:
        first = entities.get(entity.id)
        if first is not None:
            here = f"{reporter.display_path(entity.path)}:{entity.line}"
            there = f"{reporter.display_path(first.path)}:{first.line}"
            reporter.error(entity.path, entity.line, f"duplicate id '{entity.id}' (also defined at {there})")
            reporter.error(first.path, first.line, f"duplicate id '{entity.id}' (also defined at {here})")
            continue
        entities[entity.id] = entity
    index = SiteIndex(content, entities)
    for entity in content.entities:
        if entities.get(entity.id) is not entity:
            continue
        ends = known.get(entity.id) if known is not None else None
        if ends is not None:  # (mentions are added as Markdown is converted)
            index.add_edges([Edge(entity.id, *end) for end in ends if end[1] != "mention"])
            continue
        index.add_edges(reference_edges(entity, entities, reporter))
    return index


def reference_edges(entity: Entity, entities: Mapping[str, Entity], reporter: Reporter) -> list[Edge]:
    """The links an entity's references make, each checked against the entities by kind."""
    edges = []
    for field, ref in iter_refs(entity):
        target = entities.get(ref.id)
        if target is None:
            reporter.error(
                entity.path, ref.line,
                f"unknown id '{ref.id}' in '{field}'{did_you_mean(ref.id, entities)}",
            )
            continue
        allowed = REF_TARGETS.get((entity.collection, field))
        if allowed and target.collection not in allowed:
            kinds = " or ".join(BY_NAME[a].a_singular for a in allowed)
            fitting = (i for i, e in entities.items() if e.collection in allowed and i != entity.id)
            reporter.error(
                entity.path, ref.line,
                f"'{ref.id}' is {BY_NAME[target.collection].a_singular}, but '{field}' must refer to {kinds}"
                + did_you_mean(ref.id, fitting),
            )
            continue
        if ref.id == entity.id:
            reporter.error(entity.path, ref.line, f"'{entity.id}' refers to itself in '{field}'")
            continue
        edges.append(Edge(entity.id, ref.id, field))
    # A source cited (`cite`) and not listed in `sources` is one of the entity's sources too. The
    # citation itself is checked, and its mistakes reported, by `citations.verify_citations`.
    listed = {ref.id for ref in getattr(entity, "sources", ())} | {entity.id}
    for citation in citations(entity):
        target = entities.get(citation.source.id)
        if target is not None and target.collection == "sources" and target.id not in listed:
            listed.add(target.id)
            edges.append(Edge(entity.id, target.id, "sources"))
    return edges

