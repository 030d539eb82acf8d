"""What a change touches: the dependency keys pages read, and how to tell which ones changed.

While a page renders, the views note every piece of the site it reads, as keys:

| key | what the page read |
| --- | --- |
| ("entity", id) | a record's or document's own fields and converted Markdown |
| ("name", id) | what a link to a record shows: its name and kind (its URL follows from its id) |
| ("edges-to", id) | the links to a record (its "Mentioned in", with context sentences) |
| ("edges-from", id) | the links from a record ("Refers to") |
| ("timeline-of", id) | the timeline entries that involve a record |
| ("quotes-of", id) | the quotes said, reported or sourced by a record |
| ("collection", name) | which records a collection has, in order |
| ("collection", "glossary/a-z") | the glossary's terms in A–Z order (a term page's neighbours) |
| ("timeline",) | the whole timeline |
| ("always",) | something cheap that is simply redone every time (the home page's rankings) |

A `Snapshot` of a build holds just enough to compare two builds; `changed_keys` says which keys
differ, or None when something global changed (settings, templates, assets, navigation, the set
of names Markdown links against), in which case every page is rendered again. Only pages whose
keys changed are rendered; the result is byte-identical to a clean build (the tests prove it).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .glossary import GLOSSARY_ORDER
from .index import SiteIndex
from .model import GlossaryTerm, Record
from .timeline import TimelineEntry

Key = tuple[str, ...]


def _hash(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def linkset_fingerprint(index: SiteIndex) -> str:
    """Everything Markdown conversion reads besides the text itself: ids, names, URLs, settings.

    When it changes, every piece of Markdown is converted again.
    """
    names = []
    for entity in index.entities.values():
        extra: tuple = ()
        if isinstance(entity, Record):
            extra = tuple((a.text, a.priority) for a in entity.aliases)
            extra += (getattr(entity, "short_name", None),)
        if isinstance(entity, GlossaryTerm):
            extra += (entity.abbreviation, entity.definition.text)
        names.append((entity.id, entity.collection, entity.display_name, extra))
    return _hash(__version__, index.config, names)


def files_fingerprint(folders: list[Path]) -> str:
    """A digest of every file under some folders (templates, static assets)."""
    parts = []
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    parts.append((str(path), path.read_bytes()))
    return _hash(parts)


@dataclass
class Snapshot:
    """What one build looked like, enough to tell what the next one changed."""

    globals: str
    digests: dict[str, str]  # entity id -> digest of its source
    names: dict[str, tuple[str, str]]  # entity id -> (display name, collection)
    converted: dict[str, tuple]  # entity id -> ((field, html), ...)
    targets: dict[str, frozenset[str]]  # entity id -> ids it links to
    timeline: list[TimelineEntry]
    quote_people: dict[str, frozenset[str]]  # quote id -> ids it is listed under
    collections: dict[str, tuple[str, ...]]
    pages: dict[str, frozenset[Key]] = field(default_factory=dict)  # page path -> keys it read


def take_snapshot(model, globals_fingerprint: str) -> Snapshot:
    index = model.index
    converted: dict[str, list] = {}
    for (entity_id, name), html in model.converted.html.items():
        converted.setdefault(entity_id, []).append((name, html))
    quote_people = {}
    for quote in index.records("quotes"):
        involved = {quote.speaker.id, quote.source.id, *(r.id for r in quote.related)}
        if quote.reported_by:
            involved.add(quote.reported_by.id)
        quote_people[quote.id] = frozenset(involved)
    return Snapshot(
        globals=globals_fingerprint,
        digests={e.id: e.digest or repr(e) for e in index.entities.values()},
        names={e.id: (e.display_name, e.collection) for e in index.entities.values()},
        converted={k: tuple(v) for k, v in converted.items()},
        targets={e: frozenset(edge.target for edge in index.edges_from(e)) for e in index.entities},
        timeline=list(model.timeline),
        quote_people=quote_people,
        collections={
            **{c: tuple(e.id for e in entities) for c, entities in index.collections().items()},
            GLOSSARY_ORDER[1]: tuple(item.id for item in model.renderer.glossary.items),
        },
    )


def changed_keys(old: Snapshot, new: Snapshot) -> set[Key] | None:
    """The keys whose value differs between two builds; None when everything must be redone."""
    if old.globals != new.globals:
        return None
    changed: set[Key] = {("always",)}
    entities = set()
    for entity_id in old.digests.keys() | new.digests.keys():
        if old.digests.get(entity_id) != new.digests.get(entity_id):
            entities.add(entity_id)
        elif old.converted.get(entity_id) != new.converted.get(entity_id):
            entities.add(entity_id)
    for entity_id in entities:
        changed.add(("entity", entity_id))
        if old.names.get(entity_id) != new.names.get(entity_id):
            changed.add(("name", entity_id))
        changed.add(("edges-from", entity_id))
        for target in old.targets.get(entity_id, frozenset()) | new.targets.get(entity_id, frozenset()):
            changed.add(("edges-to", target))
        for person in old.quote_people.get(entity_id, frozenset()) | new.quote_people.get(entity_id, frozenset()):
            changed.add(("quotes-of", person))
    different = set(old.timeline) ^ set(new.timeline)
    if different or old.timeline != new.timeline:
        changed.add(("timeline",))
    for entry in different:
        for entity_id in (entry.link, *entry.records):
            if entity_id:
                changed.add(("timeline-of", entity_id))
    if old.timeline != new.timeline and not different:  # same entries, new order
        for entry in new.timeline:
            for entity_id in (entry.link, *entry.records):
                if entity_id:
                    changed.add(("timeline-of", entity_id))
    for name in old.collections.keys() | new.collections.keys():
        if old.collections.get(name) != new.collections.get(name):
            changed.add(("collection", name))
    return changed


def pages_to_render(old: Snapshot, changed: set[Key] | None, paths: list[str]) -> list[str]:
    """The pages (of `paths`, in order) that read a changed key, or that are new."""
    if changed is None:
        return list(paths)
    return [
        path for path in paths
        if path not in old.pages or not old.pages[path].isdisjoint(changed)
    ]
