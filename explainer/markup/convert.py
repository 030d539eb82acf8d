"""Converts every piece of Markdown in the site once, before anything is rendered.

Bodies, summaries, definitions, agreement terms and quote contexts all go through the same
`MarkdownRenderer`; the links they contain become "mention" edges in the index, so every page can
show what links to it. (MkDocs' lesson: convert everything, then render everything.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from explainer.content.model import Agreement, Document, Entity, GlossaryTerm, Quote, Record, corrections
from explainer.content.parts import Markdown
from explainer.core.errors import Diagnostic, Reporter
from explainer.core.parallel import map_chunks
from explainer.core.progress import Progress
from explainer.markup.renderer import LinkUse, MarkdownRenderer
from explainer.site.index import Edge, SiteIndex


@dataclass
class ConvertedText:
    """HTML of every Markdown field: entity id -> field name -> HTML, in the content's order (an
    entity without Markdown has none). Each entity's fields are its conversion's own
    (`ConvertedEntity.fields`), shared, never changed: a build that reuses ten thousand
    conversions puts each back with one assignment."""

    html: dict[str, dict[str, str]] = field(default_factory=dict)
    terms: dict[str, list[str]] = field(default_factory=dict)

    def get(self, entity_id: str, field_name: str) -> str:
        fields = self.html.get(entity_id)
        return fields.get(field_name, "") if fields is not None else ""


def markdown_fields(entity: Entity) -> list[tuple[str, Markdown, bool]]:
    """(field name, text, inline) for each Markdown field of an entity, in reading order."""
    fields: list[tuple[str, Markdown, bool]] = []
    if isinstance(entity, Document):
        fields.append(("body", entity.body, False))
    if isinstance(entity, GlossaryTerm):
        fields.append(("definition", entity.definition, False))
    if isinstance(entity, Record) and entity.summary:
        fields.append(("summary", entity.summary, False))
    if isinstance(entity, Quote) and entity.context:
        fields.append(("context", entity.context, True))
    if isinstance(entity, Agreement):
        for number, term in enumerate(entity.terms):
            fields.append((f"terms.{number}", term, True))
    for number, correction in enumerate(corrections(entity)):
        fields.append((f"corrections.{number}", correction.text, False))
    return fields


def markdown_length(entity: Entity) -> int:
    """How much Markdown an entity has: what converting it costs, roughly."""
    return sum(len(text.text) for _, text, _ in markdown_fields(entity))


class ConvertedEntity(NamedTuple):
    """The HTML of one entity's Markdown fields and the links they make (`mention_edges`).

    A named tuple of edges, made once when the entity is converted: the build cache keeps one
    for each entity, and a build that reuses them reads back and indexes tens of thousands of
    edges (a named tuple is read back in a third of the time a dataclass is)."""

    entity_id: str
    fields: dict[str, str]  # field name -> HTML, in reading order (`markdown_fields`)
    edges: tuple[Edge, ...]


def convert_entities(index: SiteIndex, renderer: MarkdownRenderer, ids: Sequence[str]) -> list[ConvertedEntity]:
    results = []
    for entity_id in ids:
        entity = index.entities[entity_id]
        fields: dict[str, str] = {}
        links: list[LinkUse] = []
        for name, text, inline in markdown_fields(entity):
            rendered = renderer.render(text, entity, inline=inline)
            fields[name] = rendered.html
            links.extend(rendered.links)
        results.append(ConvertedEntity(entity_id, fields, mention_edges(entity_id, links)))
    return results


@dataclass
class ConversionCache:
    """Conversions of earlier builds, reusable while the entity and the linkset are unchanged."""

    linkset: str = ""
    # entity id -> (the entity's digest, its conversion, the diagnostics it gave)
    entries: dict[str, tuple[str, ConvertedEntity, list[Diagnostic]]] = field(default_factory=dict)
    reused: int = 0


def convert_all(
    index: SiteIndex, reporter: Reporter,
    make_renderer: Callable[[Reporter], MarkdownRenderer], workers: int = 1,
    cache: ConversionCache | None = None, linkset: str = "", progress: Progress | None = None,
) -> ConvertedText:
    """Convert every entity's Markdown (in parallel when it pays) and add its links to the index.

    With a `cache` whose linkset matches, entities that have not changed are not converted again.
    `progress` is told how many entities are converted, as they are.
    """
    reusable = cache.entries if cache is not None and cache.linkset == linkset else {}
    todo = []
    for entity_id, entity in index.entities.items():
        entry = reusable.get(entity_id)
        if entry is None or not entity.digest or entry[0] != entity.digest:
            todo.append(entity_id)
    # The longest texts first: whichever worker is free takes the next chunk, so the costly ones
    # are shared out at the start and the short ones even out the end (in the content's order,
    # the articles came last, and one worker converted them while the other waited).
    todo.sort(key=lambda entity_id: -markdown_length(index.entities[entity_id]))

    def task(ids: Sequence[str]) -> list[tuple[ConvertedEntity, list[Diagnostic]]]:
        renderer = make_renderer(Reporter(reporter.root, reporter.strict))
        results = []
        for entity_id in ids:
            # Each entity's own diagnostics are kept with its conversion, to replay on reuse.
            renderer.reporter = local = Reporter(reporter.root, reporter.strict)
            converted_entity = convert_entities(index, renderer, [entity_id])[0]
            results.append((converted_entity, local.diagnostics))
        return results

    fresh: dict[str, tuple[ConvertedEntity, list[Diagnostic]]] = {}
    if progress is not None:
        progress.stage("converting Markdown", len(todo))
    for results in map_chunks(task, todo, workers, progress=progress):
        for converted_entity, diagnostics in results:
            fresh[converted_entity.entity_id] = (converted_entity, diagnostics)
    converted = ConvertedText()
    entries = {}
    for entity_id, entity in index.entities.items():
        made = fresh.get(entity_id)
        if made is None:  # the very entry reused (the cache on disk then compares it at once)
            entry = entries[entity_id] = reusable[entity_id]
            result, diagnostics = entry[1], entry[2]
        else:
            result, diagnostics = made
            entries[entity_id] = (entity.digest, result, diagnostics)
        if diagnostics:
            reporter.extend(diagnostics)
        add_html(index, converted, result)
        index.add_edges(result.edges)
    if cache is not None:
        cache.linkset, cache.entries = linkset, entries
        cache.reused = len(index.entities) - len(todo)
    return converted


def add_html(index: SiteIndex, converted: ConvertedText, result: ConvertedEntity) -> None:
    fields = result.fields
    if not fields:
        return
    entity_id = result.entity_id
    converted.html[entity_id] = fields
    entity = index.entities[entity_id]
    if isinstance(entity, Agreement):
        converted.terms[entity_id] = [fields[f"terms.{n}"] for n in range(len(entity.terms))]


def mention_edges(source: str, links: Iterable[LinkUse]) -> tuple[Edge, ...]:
    """The links an entity's Markdown makes: one per record it links to, with its sentence."""
    edges = []
    seen = {source}
    for use in links:
        if use.target not in seen:
            seen.add(use.target)
            edges.append(Edge(source, use.target, "mention", use.context))
    return tuple(edges)


def convert_changed(
    index: SiteIndex, reporter: Reporter, make_renderer: Callable[[Reporter], MarkdownRenderer],
    cache: ConversionCache, base: ConvertedText, ids: Sequence[str],
) -> tuple[ConvertedText, list[ConvertedEntity]]:
    """`base` (the text of the last model) with the Markdown of the entities `ids` converted
    again, the linkset unchanged.

    Returns the new text and the conversions of `ids`, whose links the caller puts in the index.
    The diagnostics of every entity are replayed, as `convert_all` does.
    """
    converted = ConvertedText(dict(base.html), dict(base.terms))
    renderer = make_renderer(Reporter(reporter.root, reporter.strict))
    results = []
    for entity_id in ids:
        entity = index.entities[entity_id]
        old = cache.entries.get(entity_id)
        if old is not None and entity.digest and old[0] == entity.digest:
            result, diagnostics = old[1], old[2]
        else:
            renderer.reporter = local = Reporter(reporter.root, reporter.strict)
            result = convert_entities(index, renderer, [entity_id])[0]
            diagnostics = local.diagnostics
            cache.entries[entity_id] = (entity.digest, result, diagnostics)
        converted.html.pop(entity_id, None)
        converted.terms.pop(entity_id, None)
        add_html(index, converted, result)
        results.append(result)
    for _, _, diagnostics in cache.entries.values():
        if diagnostics:
            reporter.extend(diagnostics)
    return converted, results
