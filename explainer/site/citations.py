"""Citations (`cite:`) checked like quotes: every passage must occur word for word in its source.

A citation names a source and the exact words of it that support a record, an article or a page,
and optionally the `field` they support. The source must be a source record with a `file`; the
words are looked for as quotes are (`verify.normalise_quote`: white space and straight versus
typographic quotation marks are forgiven, nothing else), and a passage that is not there is
reported at the citation's line with the closest passage of the source and its first difference.

`field` is one of the entity's own fields, by the name it has in the content (`status`, `date`,
`terms`, `roles`, `summary`, `founded`, `parties`, a document's `body` …), or, for an
institution, the label of one of its `facts` ("Capacity"). Without one, the citation supports
the whole record.

A key fact (`key_facts`, in site.yaml or a document's front matter) is checked the same way: its
`source` must be a source record, and its optional `passage` must be in the source's file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from explainer.content.kinds import BY_NAME, DOCUMENT_COLLECTIONS
from explainer.content.model import Citation, Entity, Institution, Source, citations
from explainer.content.schema import DOCUMENT_FIELDS, FIELDS
from explainer.core.errors import Reporter, did_you_mean
from explainer.site.index import SiteIndex
from explainer.site.verify import closest_passage, first_difference, normalise_quote, normalised_document

# Fields a citation cannot support: they say where the record comes from, not what it says.
NOT_CITABLE = frozenset({"cite", "updated", "corrections"})


def citable_fields(entity: Entity) -> list[str]:
    """The names a citation's `field` may take for this entity, in the order of the schema."""
    if entity.collection in DOCUMENT_COLLECTIONS:
        names = [*DOCUMENT_FIELDS, "body"]
    else:
        names = list(FIELDS[entity.collection])
    found = [name for name in names if name not in NOT_CITABLE]
    if isinstance(entity, Institution):
        found += [fact.label for fact in entity.facts]
    return found


def _not_found(passage: str, document: str, file: str) -> str:
    message = f"passage not found word for word in {file}"
    closest = closest_passage(passage, document)
    if closest is None:
        return message + " (no passage comes close)"
    difference = first_difference(passage, closest).replace("the quote", "the passage", 1)
    return message + f" (closest passage: \"{closest}\"; first difference: {difference})"


def verify_citations(index: SiteIndex, reporter: Reporter, entities: Iterable[Entity] | None = None) -> None:
    """Check every citation (or those of `entities`): its field, its source, and its words; and
    every key fact (`key_facts`) of those entities and of site.yaml: its source and its passage."""
    check = _PassageCheck(index, reporter)
    for entity in index.entities.values() if entities is None else entities:
        for citation in citations(entity):
            _check_field(entity, citation, reporter)
            check(entity.path, citation.line, citation.source.id, citation.passage, "cite")
        for fact in getattr(entity, "key_facts", ()):
            check(entity.path, fact.line, fact.source.id, fact.passage, "key_facts")
    site_file = index.content.content_dir / "site.yaml"
    for fact in index.config.key_facts:
        check(site_file, fact.line, fact.source.id, fact.passage, "key_facts")


class _PassageCheck:
    """Checks that a source exists, is a source with a file, and holds a passage word for word."""

    def __init__(self, index: SiteIndex, reporter: Reporter):
        self.index, self.reporter = index, reporter
        self.sources = [entity.id for entity in index.by_collection("sources")]

    def __call__(self, path: Path, line: int, source_id: str, passage: str | None, field: str) -> None:
        index, reporter, sources = self.index, self.reporter, self.sources
        source = index.entities.get(source_id)
        if source is None:
            reporter.error(path, line, f"unknown source '{source_id}' in '{field}'{did_you_mean(source_id, sources)}")
            return
        if not isinstance(source, Source):
            reporter.error(
                path, line,
                f"'{source_id}' is {BY_NAME[source.collection].a_singular}, but '{field}' must refer to "
                f"a source{did_you_mean(source_id, sources)}",
            )
            return
        if passage is None:
            return
        if not source.file:
            reporter.error(
                path, line,
                f"source '{source_id}' has no file to check the passage against: give it a 'file' "
                "in seeds/, or cite a source that has one",
            )
            return
        text = index.content.source_texts.get(source_id)
        if text is None:  # the file could not be read, which is reported at the source
            return
        document = normalised_document(text)
        wanted = normalise_quote(passage)
        if wanted not in document:
            reporter.error(path, line, _not_found(wanted, document, source.file))


def _check_field(entity: Entity, citation: Citation, reporter: Reporter) -> None:
    if citation.field is None:
        return
    fields = citable_fields(entity)
    if citation.field not in fields:
        reporter.error(
            entity.path, citation.line,
            f"a citation's 'field' must name a field of this {entity.kind_label}"
            f"{' or the label of one of its facts' if isinstance(entity, Institution) else ''}, "
            f"not '{citation.field}'{did_you_mean(citation.field, fields)}",
        )
