"""The build's provenance hook: the checks that read the whole site on every build, whatever path
the build takes (`pipeline.load_site` calls `check_provenance` after the per-entity checks).

- quotation marks in articles and pages that no source supports (`site.quotations`);
- dates that contradict each other across records (`site.contradictions`);
- corrections published by the live site and now gone (`produce.corrections`).

All three only warn (errors with --strict), so they run on every build: a warning about an entity
that did not change must be said again. A build that knows which entities changed since the last
one (the preview's fast path, patched from the last model; a cached `build.py`, whose cache keeps
what was said) says again what the first two said at the entities an edit cannot have changed that
for (`site.said.Said`), and checks the others: the edited articles and pages (every one when a
quote or a source text changed), and for dates the edited entities and the records linking to
them. Citations, which are errors, are checked with the quotes
(`site.citations.verify_citations`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import TypeVar

from explainer.content.model import Document, Entity
from explainer.core.errors import Reporter
from explainer.produce.corrections import check_removed_corrections
from explainer.site.contradictions import check_date_order
from explainer.site.index import SiteIndex
from explainer.site.quotations import Haystacks, check_quotations, quoting_documents
from explainer.site.said import Said, SaidAt

E = TypeVar("E", bound=Entity)


def check_provenance(
    index: SiteIndex, reporter: Reporter, out_dir: Path, last: Said | None = None,
    changed: Collection[str] | None = None,
) -> Said:
    """Run the checks, and say what they said at each entity (`Said`). With `last` (what they
    said at the last build, whose index this one is with the entities `changed`), check only the
    entities that those changes can have made right or wrong, and say the rest again."""
    patched = last if changed is not None else None
    haystacks = Haystacks(index, patched.haystacks if patched is not None else None)
    if patched is not None and changed is not None and haystacks.same_as(patched.haystacks):
        documents = [d for d in (index.entities[i] for i in changed) if isinstance(d, Document)]
    else:
        documents = quoting_documents(index)
    quotations = _said_at(
        patched.quotations if patched is not None else {}, documents, reporter,
        lambda entities, local: check_quotations(index, local, entities, haystacks),
    )
    entities: Iterable[Entity] = index.entities.values()
    if patched is not None and changed is not None:
        # An entity's date checks read it and the records it links to (`contradictions`).
        ids = set(changed) | {edge.source for entity_id in changed for edge in index.edges_to(entity_id)}
        entities = [index.entities[i] for i in ids]
    dates = _said_at(
        patched.dates if patched is not None else {}, entities, reporter,
        lambda entities, local: check_date_order(index, local, entities),
    )
    check_removed_corrections(index, reporter, out_dir)
    return Said(quotations, dates, haystacks)


def _said_at(
    last: SaidAt, entities: Iterable[E], reporter: Reporter, check: Callable[[list[E], Reporter], None],
) -> SaidAt:
    """What `check` says at each of `entities`, and what it said at the others (`last`), all
    told to `reporter`."""
    said = dict(last)
    for entity in entities:
        local = Reporter(reporter.root, reporter.strict)
        check([entity], local)
        found = local.diagnostics
        if found:
            said[entity.id] = tuple(found)
        else:
            said.pop(entity.id, None)
    for diagnostics in said.values():
        reporter.extend(diagnostics)
    return said
