"""Converts every piece of Markdown in the site once, before anything is rendered.

Bodies, summaries, definitions, agreement terms and quote contexts all go through the same
`MarkdownRenderer`; the links they contain become "mention" edges in the index, so every page can
show what links to it. (MkDocs' lesson: convert everything, then render everything.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Reporter
from .index import Edge, SiteIndex
from .markup import MarkdownRenderer
from .model import Agreement, Document, Entity, GlossaryTerm, Markdown, Quote, Record


@dataclass
class ConvertedText:
    """HTML of every Markdown field, keyed by (entity id, field name)."""

    html: dict[tuple[str, str], str] = field(default_factory=dict)
    terms: dict[str, list[str]] = field(default_factory=dict)

    def get(self, entity_id: str, field_name: str) -> str:
        return self.html.get((entity_id, field_name), "")


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
    return fields


def convert_all(index: SiteIndex, renderer: MarkdownRenderer, reporter: Reporter) -> ConvertedText:
    converted = ConvertedText()
    for entity in index.entities.values():
        seen: set[str] = set()
        for name, text, inline in markdown_fields(entity):
            rendered = renderer.render(text, entity, inline=inline)
            converted.html[(entity.id, name)] = rendered.html
            for use in rendered.links:
                if use.target == entity.id or use.target in seen:
                    continue
                seen.add(use.target)
                index.add_edge(Edge(entity.id, use.target, "mention", use.context))
        if isinstance(entity, Agreement):
            converted.terms[entity.id] = [
                converted.html[(entity.id, f"terms.{n}")] for n in range(len(entity.terms))
            ]
    return converted
