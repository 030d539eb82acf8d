"""The preview server's fast path: the next site model made from the last one, when only some
entities changed.

Owns `Memory` (what only an in-memory cache keeps: the last written model, the mention linker and
the parts of the linkset) and `patch_site`, used by `pipeline.load_site`. When the new content has
the same entities, in the same order, of the same kinds, under the same settings and with the
same names (the same linkset), only the entities whose objects changed (the loader hands back the
very same object for a file it did not read again) are checked, converted, linked and put on the
timeline again; everything else is taken from the last model. Otherwise the full stages run.
Either way the model is equal to what the full stages make (tests/test_incremental.py compares
the output of every path with a clean build, byte for byte).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from explainer.build.incremental import Key, LinksetParts, touched_keys
from explainer.build.readers import PageReaders
from explainer.content.model import Content, Quote
from explainer.core.errors import Diagnostic, Reporter
from explainer.markup.convert import ConversionCache, ConvertedText, convert_changed
from explainer.markup.mentions import MentionLinker, make_linker
from explainer.markup.renderer import MarkdownRenderer
from explainer.produce.site import SiteModel
from explainer.render.environment import CompiledTemplates
from explainer.render.reuse import Previous
from explainer.site.citations import verify_citations
from explainer.site.index import Edge, SiteIndex, reference_edges
from explainer.site.said import Said
from explainer.site.timeline import TimelineEntry, build_timeline, check_dates, patch_timeline
from explainer.site.verify import verify_quotes
from explainer.views.builder import ViewBuilder
from explainer.views.glossary import Glossary

# The last mention linker: (the linkset it follows from, the linker, what building it said).
KeptLinker = tuple[str, MentionLinker, list[Diagnostic]]


class KeepsLinker(Protocol):
    """Where the last mention linker is kept: `Memory` in the preview server, the `BuildCache`
    on disk between runs of `build.py`."""

    linker: KeptLinker | None


@dataclass
class Memory:
    """What the preview server keeps between builds besides the `BuildCache` proper: too large to
    save to disk, and only worth having when builds follow each other in one process."""

    linkset: LinksetParts = field(default_factory=LinksetParts)
    linker: KeptLinker | None = None
    model: SiteModel | None = None  # the model of the last build whose output was written
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    readers: PageReaders | None = None  # which of the last build's pages read each key


@dataclass
class Patched:
    """What the fast path made: the model's parts, and the entities it made again."""

    index: SiteIndex
    converted: ConvertedText
    timeline: list[TimelineEntry]
    changed: list[str]  # ids of the entities that are not what they were in the last model
    glossary: tuple[Glossary, frozenset[Key]] | None  # the last glossary, when nothing it read changed
    views: ViewBuilder  # the last model's views, which the new ones start from
    layouts: Previous  # the last model's list layouts, and what may have changed them
    said: Said | None  # what the whole-site checks said at each entity of the last model


def changed_entities(base: SiteIndex, content: Content) -> list[str] | None:
    """The ids of the entities that changed since `base`, or None when the entities are not the
    same ones (ids, order, kinds) or the settings changed."""
    entities = content.entities
    if content.config != base.config or len(entities) != len(base.entities):
        return None
    changed = []
    for entity, (old_id, old) in zip(entities, base.entities.items(), strict=True):
        if entity is old:
            continue
        if entity.id != old_id or entity.collection != old.collection:
            return None
        if not (entity.digest and entity.digest == old.digest and entity == old):
            changed.append(entity.id)
    return changed


def mention_linker(kept: KeepsLinker | None, index: SiteIndex, reporter: Reporter, linkset: str) -> MentionLinker:
    """The site's mention linker, the last one if the linkset is unchanged (building it means
    building the trie of every name; everything it holds follows from the linkset)."""
    if kept is not None and kept.linker is not None and kept.linker[0] == linkset:
        _, linker, diagnostics = kept.linker
        reporter.extend(diagnostics)
        return linker
    local = Reporter(reporter.root, reporter.strict)
    linker = make_linker(index, local)
    reporter.extend(local.diagnostics)
    if kept is not None:
        kept.linker = (linkset, linker, local.diagnostics)
    return linker


def patch_site(
    base: SiteModel, index: SiteIndex, changed: list[str], reporter: Reporter,
    make_renderer: Callable[[Reporter], MarkdownRenderer], conversions: ConversionCache,
    verify: bool = True,
) -> Patched:
    """The model's parts for `index` (entities, no links yet), made from `base` by doing again
    what the entities `changed` take part in. The linkset must be the one of `base`. Without
    `verify` (an edition in another language: its quotes, citations and dates are the default
    edition's, checked there), nothing is checked."""
    entities = index.entities
    edges: list[Edge] = []
    for entity_id in changed:
        edges += reference_edges(entities[entity_id], entities, reporter)
    previous = base.index.entities
    converted, results = convert_changed(
        index, reporter, make_renderer, conversions, base.converted, changed
    )
    for result in results:
        edges += result.edges
    positions = {entity_id: n for n, entity_id in enumerate(entities)}
    index.replace_edges(base.index, set(changed), edges, positions)
    # The checks: the last model passed them all, so only what changed can fail them now.
    if not verify:
        pass
    elif index.content.source_texts == base.index.content.source_texts:
        verify_quotes(index, reporter, [e for e in (entities[i] for i in changed) if isinstance(e, Quote)])
        verify_citations(index, reporter, [entities[i] for i in changed])
    else:
        verify_quotes(index, reporter)
        verify_citations(index, reporter)
    if verify:
        check_dates(index, reporter, [entities[i] for i in changed])
    timeline = patch_timeline(index, base.timeline, set(changed), last_mentions=base.views.mentions)
    if timeline is None:
        timeline = build_timeline(index)
    linked, touched = touched_keys(
        changed, index, lambda i: (edge.target for edge in base.index.edges_from(i)),
        lambda i: isinstance(previous[i], Quote),
    )
    renderer = base.renderer
    glossary = None
    if renderer.glossary_reads.isdisjoint(linked):  # kept when none of what it read can have changed
        glossary = (renderer.glossary, renderer.glossary_reads)
    layouts = Previous(renderer.layouts, frozenset(changed), touched, {i: previous[i] for i in changed})
    return Patched(index, converted, timeline, changed, glossary, base.views, layouts, base.said)
