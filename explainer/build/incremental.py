"""What a change touches: the dependency keys pages read, and how to tell which ones changed.

While a page renders, the views note every piece of the site it reads, as keys:

| key | what the page read |
| --- | --- |
| ("entity", id) | a record's or document's own fields and converted Markdown |
| ("name", id) | what a link to a record shows: its name, kind and URL |
| ("edges-to", id) | the links to a record (its "Mentioned in", with context sentences) |
| ("edges-from", id) | the links from a record ("Refers to"), with the sentence of each mention |
| ("links-from", id) | which records a record links to, and through which fields (not the sentences) |
| ("timeline-of", id) | the timeline entries that involve a record |
| ("quotes-of", id) | the quotes said, reported or sourced by a record |
| ("collection", name) | which records a collection has, in order |
| ("collection", "glossary/a-z") | the glossary's terms in A–Z order (a term page's neighbours) |
| ("collection", "order:<name>") | the order a collection's index lists it in (`ViewBuilder.collection_items`); "order:quotes": every quote in editorial order (`explainer.site.order`) |
| ("timeline",) | the whole timeline |
| ("collection", "home") | what the home page picks: its articles, most linked records, latest events |
| ("collection", "list:<folder>") | what one page of a list split into pages shows (`Renderer.list_keys`) |
| ("always",) | something cheap that is simply redone every time |
| ("source-text", id), ("cites", id), ("corrections",), ("has-corrections",), ("linkset",) | values computed by `views.provenance.value_keys` (see there) |

A `Snapshot` of a build holds just enough to compare two builds; `changed_keys` says which keys
differ, or None when something global changed (settings, templates, assets, navigation, the set
of names Markdown links against), in which case every page is rendered again. Only pages whose
keys changed are rendered; the result is byte-identical to a clean build (the tests prove it).

Producers (`plan.PRODUCERS`) are tracked the same way: one whose keys did not change is not
run, and its files are kept. A producer that makes one piece per record keeps each piece in
`Fragments` with the keys it read, and makes again only the pieces whose keys changed.

When the caller knows which entities changed (the preview server's fast path, `patch`), the
snapshot is the last one patched for those entities and only they are compared.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from explainer import __version__
from explainer.build.readers import PageReaders
from explainer.content.model import Content, Entity, GlossaryTerm, Quote, Record
from explainer.content.settings import SiteConfig
from explainer.site.index import Edge, SiteIndex
from explainer.site.timeline import TimelineEntry
from explainer.views.keys import GLOSSARY_ORDER, HOME_SELECTION, Key
from explainer.views.provenance import value_keys


def _hash(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _linkset_part(entity: Entity) -> tuple:
    extra: tuple = ()
    if isinstance(entity, Record):
        extra = tuple((a.text, a.priority) for a in (*entity.aliases, *entity.match))
        extra += (getattr(entity, "short_name", None),)
    if isinstance(entity, GlossaryTerm):
        extra += (entity.abbreviation, entity.definition.text)
    return (entity.id, entity.collection, entity.display_name, extra)


@dataclass
class LinksetParts:
    """Each entity's part of the last linkset, so the next one is made from the changed parts."""

    config: SiteConfig | None = None
    parts: dict[str, tuple[Entity, tuple]] = field(default_factory=dict)  # id -> (entity, part)
    fingerprint: str = ""
    anchors: dict[str, str] = field(default_factory=dict)  # `SiteIndex.anchors` (where links go)


def linkset_fingerprint(index: SiteIndex, known: LinksetParts | None = None) -> str:
    """Everything Markdown conversion reads besides the text itself: ids, names, URLs (the list
    page each anchored record is on, `SiteIndex.anchors`), settings.

    When it changes, every piece of Markdown is converted again. With `known` (the parts of the
    last one), only the entities that are not the very objects seen last time are looked at.
    """
    entities = index.entities
    if (
        known is not None and known.fingerprint and known.config == index.config
        and known.anchors == index.anchors and list(known.parts) == list(entities)
    ):
        for entity_id, entity in entities.items():
            seen, part = known.parts[entity_id]
            if seen is not entity:
                if _linkset_part(entity) != part:
                    break
                known.parts[entity_id] = (entity, part)
        else:
            return known.fingerprint
    parts = {entity_id: (entity, _linkset_part(entity)) for entity_id, entity in entities.items()}
    anchors = sorted(index.anchors.items())
    fingerprint = _hash(__version__, index.config, [part for _, part in parts.values()], anchors)
    if known is not None:
        known.config, known.parts, known.fingerprint = index.config, parts, fingerprint
        known.anchors = dict(index.anchors)
    return fingerprint


@dataclass
class LinksetDigests:
    """What a cached `build.py` keeps of the last linkset: the fingerprint, what it was made from
    besides the entities, and a digest of each entity's part."""

    fingerprint: str
    config: SiteConfig
    anchors: dict[str, str]
    parts: dict[str, str]  # entity id -> digest of its part


def kept_linkset(
    index: SiteIndex, kept: LinksetDigests | None, changed: Collection[str] | None,
) -> tuple[str, LinksetDigests]:
    """The linkset's fingerprint (`linkset_fingerprint`), and what the next build keeps of it.

    With `kept` (the last one's) and `changed` (the only entities that differ since, the others
    the same, in the same order: `changed_since`), it is the last fingerprint when the settings,
    the anchors and the changed entities' parts are as they were: only those parts are made."""
    if kept is not None and changed is not None and kept.config == index.config and kept.anchors == index.anchors:
        parts = dict(kept.parts)
        for entity_id in changed:
            parts[entity_id] = _hash(_linkset_part(index.entities[entity_id]))
        if all(parts[i] == kept.parts.get(i) for i in changed):
            return kept.fingerprint, replace(kept, parts=parts)
    fingerprint = linkset_fingerprint(index)
    parts = {entity_id: _hash(_linkset_part(entity)) for entity_id, entity in index.entities.items()}
    return fingerprint, LinksetDigests(fingerprint, index.config, dict(index.anchors), parts)


def files_fingerprint(folders: list[Path]) -> str:
    """A digest of every file under some folders (templates, static assets)."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    data = path.read_bytes()
                    digest.update(f"{path}\0{len(data)}\0".encode("utf-8", "surrogateescape") + data)
    return digest.hexdigest()


@dataclass
class ProducerRun:
    """What one producer made last time: its files, the keys it read, the notes it added."""

    paths: list[str]
    reads: frozenset[Key]
    notes: list[str]
    inputs: str = ""  # for a summary producer: a digest of the paths it was given


@dataclass
class Snapshot:
    """What one build looked like, enough to tell what the next one changed."""

    globals: str
    digests: dict[str, str]  # entity id -> digest of its source
    names: dict[str, tuple[str, str, str]]  # entity id -> (display name, collection, where links go)
    # Only compared for equality, so kept as digests (the cache on disk holds the HTML once, in
    # the conversions): entity id -> digest of ((field, html), ...).
    converted: dict[str, object]
    edges: dict[str, tuple[EdgeEnd, ...]]  # entity id -> its links to other entities (`edge_ends`)
    timeline: list[TimelineEntry]
    quote_people: dict[str, frozenset[str]]  # quote id -> ids it is listed under
    collections: dict[str, object]  # name -> digest of the ids it has, in order (only compared)
    pages: dict[str, tuple[Key, ...]] = field(default_factory=dict)  # page path -> keys it read, sorted
    producers: dict[str, ProducerRun] = field(default_factory=dict)  # producer name -> its last run
    fragments: dict[tuple, tuple[object, frozenset[Key]]] = field(default_factory=dict)
    # Keys whose value is computed rather than read off an entity (`provenance.value_keys`).
    values: dict[Key, str] = field(default_factory=dict)


# An entity's link as the snapshot keeps it: (target, field, context), the source being the key.
# Plain tuples of strings: the cache on disk holds a hundred thousand of them, and tuples are
# several times quicker to save and read back than `Edge` objects.
EdgeEnd = tuple[str, str, str]


def edge_ends(edges: Iterable[Edge]) -> tuple[EdgeEnd, ...]:
    return tuple((edge.target, edge.field, edge.context) for edge in edges)


def _html_digest(fields: Iterable[tuple[str, str]]) -> str:
    """A digest of an entity's converted fields (joined, not `repr`'d: ten thousand of them are
    made every build)."""
    return _text_digest("\0".join(f"{name}\0{html}" for name, html in fields))


def _listed_digest(value: object) -> str:
    """A digest of what a collection lists: most are tuples of ids, joined (quicker than `repr`)."""
    try:
        text = "ids\0" + "\0".join(value)  # type: ignore[arg-type]
    except TypeError:  # not strings only: (ids, shape, count), a flag
        text = repr(value)
    return _text_digest(text)


def _text_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _involved(quote: Quote) -> frozenset[str]:
    involved = {quote.speaker.id, quote.source.id, *(r.id for r in quote.related)}
    if quote.reported_by:
        involved.add(quote.reported_by.id)
    return frozenset(involved)


def take_snapshot(
    model, globals_fingerprint: str, base: Snapshot | None = None, ids: Collection[str] | None = None
) -> Snapshot:
    """The snapshot of a build; with `base` and `ids`, `base` patched for the entities `ids`
    (valid when no other entity changed, nor any entity's conversion)."""
    snapshot = _take_snapshot(model, globals_fingerprint, base, ids)
    known = base.values if base is not None and ids is not None else None
    snapshot.values = value_keys(model.index, model.linkset, known, ids)
    return snapshot


def _take_snapshot(
    model, globals_fingerprint: str, base: Snapshot | None = None, ids: Collection[str] | None = None
) -> Snapshot:
    index = model.index
    listed = {c: tuple([e.id for e in entities]) for c, entities in index.collections().items()}
    listed[GLOSSARY_ORDER[1]] = tuple([item.id for item in model.renderer.glossary.items])
    listed[HOME_SELECTION[1]] = model.renderer.home_selection.key()
    collections: dict[str, object] = {name: _listed_digest(value) for name, value in listed.items()}
    collections.update(model.renderer.list_key_digests(_listed_digest))  # what each page of a split list shows
    if base is not None and ids is not None:
        snapshot = Snapshot(
            globals_fingerprint, dict(base.digests), dict(base.names), dict(base.converted),
            dict(base.edges), list(model.timeline), dict(base.quote_people), collections,
        )
        converted = model.converted.html
        for entity_id in ids:
            entity = index.entities[entity_id]
            snapshot.digests[entity_id] = entity.digest or repr(entity)
            snapshot.names[entity_id] = (entity.display_name, entity.collection, index.link_path(entity_id))
            fields = converted.get(entity_id)
            if fields:
                snapshot.converted[entity_id] = _html_digest(fields.items())
            else:
                snapshot.converted.pop(entity_id, None)
            snapshot.edges[entity_id] = edge_ends(index.edges_from(entity_id))
            if isinstance(entity, Quote):
                snapshot.quote_people[entity_id] = _involved(entity)
        return snapshot
    return Snapshot(
        globals=globals_fingerprint,
        digests={e.id: e.digest or repr(e) for e in index.entities.values()},
        names={e.id: (e.display_name, e.collection, index.link_path(e.id)) for e in index.entities.values()},
        converted={k: _html_digest(v.items()) for k, v in model.converted.html.items()},
        edges={e: edge_ends(index.edges_from(e)) for e in index.entities},
        timeline=list(model.timeline),
        quote_people={quote.id: _involved(quote) for quote in index.records("quotes")},
        collections=collections,
    )


def changed_since(last: Snapshot, config: SiteConfig | None, content: Content) -> list[str] | None:
    """The entities that changed since the build `last` describes (a cached `build.py`), or None
    when they are not the same ones (ids, order, kinds, names) or the settings changed: then the
    last timeline cannot be patched for them (`patch_timeline`) and is built anew."""
    entities = content.entities
    if content.config != config or len(entities) != len(last.digests):
        return None
    changed = []
    for entity, (old_id, digest) in zip(entities, last.digests.items(), strict=True):
        name = last.names.get(old_id)
        if entity.id != old_id or name is None or name[:2] != (entity.display_name, entity.collection):
            return None
        if (entity.digest or repr(entity)) != digest:
            changed.append(entity.id)
    return changed


def touched_keys(
    ids: Collection[str], index: SiteIndex, linked_before: Callable[[str], Iterable[str]],
    was_quote: Callable[[str], bool],
) -> tuple[frozenset[Key], frozenset[Key]]:
    """The keys whose value may differ when only the entities `ids` changed (not their names,
    kinds or the linkset), for the preview's fast path (`patch.patch_site`) and a cached
    `build.py` (`cache.BuildCache.taken_over`) alike: first their own and the links to whatever
    they linked to before (`linked_before`: the ids) or link to now (`index`); then those and the
    quotes of whom a changed quote involved, before and after. (The glossary reads only the
    first kind: it lists no quote.)"""
    linked: set[Key] = set()
    quoted: set[Key] = set()
    for entity_id in ids:
        targets = {*linked_before(entity_id), *(edge.target for edge in index.edges_from(entity_id))}
        linked |= {("entity", entity_id), ("name", entity_id), ("edges-from", entity_id)}
        linked.update(("edges-to", target) for target in targets)
        if was_quote(entity_id) or isinstance(index.entities.get(entity_id), Quote):
            quoted.update(("quotes-of", involved) for involved in {entity_id, *targets})
    return frozenset(linked), frozenset(linked | quoted)


def unchanged_links(last: Snapshot, changed: Collection[str] | None) -> dict[str, tuple[EdgeEnd, ...]] | None:
    """The links of the entities that did not change since `last` (`changed_since`: the same
    entities, ids and kinds, so each refers to what it referred to), or None when unknown."""
    if changed is None:
        return None
    fresh = set(changed)
    return {entity_id: ends for entity_id, ends in last.edges.items() if entity_id not in fresh}


def _edge_keys(entity_id: str, old: tuple[EdgeEnd, ...], new: tuple[EdgeEnd, ...]) -> set[Key]:
    """The keys that differ when an entity's links went from `old` to `new`."""
    if old == new:
        return set()
    keys: set[Key] = {("edges-from", entity_id)}
    if {(target, name) for target, name, _ in old} != {(target, name) for target, name, _ in new}:
        keys.add(("links-from", entity_id))
    for target in {end[0] for end in old} | {end[0] for end in new}:
        if [end for end in old if end[0] == target] != [end for end in new if end[0] == target]:
            keys.add(("edges-to", target))
    return keys


def _differing(old: Snapshot, new: Snapshot) -> set[str]:
    """The entities whose source, conversion, name or links differ (or that only one build has):
    compared a table at a time, so that the many that did not change cost no Python code."""
    found: set[str] = set()
    tables = ((old.digests, new.digests), (old.converted, new.converted), (old.names, new.names), (old.edges, new.edges))
    for before, after in tables:
        if before != after:
            found.update(entity_id for entity_id, _ in before.items() ^ after.items())
    return found


def changed_keys(old: Snapshot, new: Snapshot, candidates: Collection[str] | None = None) -> set[Key] | None:
    """The keys whose value differs between two builds; None when everything must be redone.

    `candidates`, when given, are the only entities that may differ (the caller knows).
    """
    if old.globals != new.globals:
        return None
    changed: set[Key] = {("always",)}
    entities = set()
    ids = _differing(old, new) if candidates is None else candidates
    for entity_id in ids:
        if old.digests.get(entity_id) != new.digests.get(entity_id):
            entities.add(entity_id)
        elif old.converted.get(entity_id) != new.converted.get(entity_id):
            entities.add(entity_id)
        elif old.names.get(entity_id) != new.names.get(entity_id):  # moved to another list page
            changed.add(("name", entity_id))
        changed |= _edge_keys(entity_id, old.edges.get(entity_id, ()), new.edges.get(entity_id, ()))
    for entity_id in entities:
        changed.add(("entity", entity_id))
        if old.names.get(entity_id) != new.names.get(entity_id):
            changed.add(("name", entity_id))
        for person in old.quote_people.get(entity_id, frozenset()) | new.quote_people.get(entity_id, frozenset()):
            changed.add(("quotes-of", person))
    if old.timeline == new.timeline:  # most often the very same entries: a quick comparison
        different: set[TimelineEntry] = set()
    else:
        different = set(old.timeline) ^ set(new.timeline)
        changed.add(("timeline",))
    for entry in different:
        for involved in (entry.link, *entry.records):
            if involved:
                changed.add(("timeline-of", involved))
    if old.timeline != new.timeline and not different:  # same entries, new order
        for entry in new.timeline:
            for involved in (entry.link, *entry.records):
                if involved:
                    changed.add(("timeline-of", involved))
    for name in old.collections.keys() | new.collections.keys():
        if old.collections.get(name) != new.collections.get(name):
            changed.add(("collection", name))
    changed.update(key for key in old.values.keys() | new.values.keys() if old.values.get(key) != new.values.get(key))
    return changed


def pages_to_render(
    old: Snapshot, changed: set[Key] | None, paths: list[str], readers: PageReaders | None = None,
) -> list[str]:
    """The pages (of `paths`, in order) that read a changed key, or are new (`readers`: `old.pages` by key)."""
    if changed is None:
        return list(paths)
    if readers is not None:
        touched = readers.reading(changed)
        return [path for path in paths if path in touched or path not in old.pages]
    return [
        path for path in paths
        if path not in old.pages or not changed.isdisjoint(old.pages[path])
    ]
