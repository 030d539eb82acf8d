"""What fields each kind of content has: the one table of the content contract.

The loader reads a record's mapping key by key through `FIELDS` (`explainer.content.values` turns
each value into its type, reporting what is wrong). A ref field's spec also says
which kinds it may point at (`REF_TARGETS`, checked by `index`), and the field tables of
docs/content.md are generated from these specs (`contract_doc`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from explainer.content.kinds import DOCUMENT_COLLECTIONS

SAFE_URL_RE = re.compile(r"^(https?://|mailto:)[^\s]+$", re.IGNORECASE)
LINK_MENTIONS = ("first-per-page", "first-per-section", "all", "none")


@dataclass(frozen=True)
class FieldSpec:
    type: str
    required: bool = False
    # for a ref or refs: the collections it may point at; empty: any record, article or page
    targets: tuple[str, ...] = ()


PEOPLE_OR_INSTITUTIONS = ("people", "institutions")
ACTORS = ("people", "institutions", "places")

COMMON = {
    "aliases": FieldSpec("aliases"),
    # Phrases that only find mentions in Markdown to link; never shown (not names to readers).
    "match": FieldSpec("aliases"),
    "summary": FieldSpec("markdown"),
    "related": FieldSpec("refs"),
    "tags": FieldSpec("texts"),
    "sources": FieldSpec("refs", targets=("sources",)),
    # Provenance: passages of sources that support the record, and its public record of changes.
    "cite": FieldSpec("citations"),
    "updated": FieldSpec("date"),
    "corrections": FieldSpec("corrections"),
    # Editorial order in lists (lower first; see `explainer.site.order`).
    "order": FieldSpec("int"),
}

FIELDS: dict[str, dict[str, FieldSpec]] = {
    "people": {
        "name": FieldSpec("text", True), "roles": FieldSpec("roles"),
        "country": FieldSpec("ref", targets=("places",)), "links": FieldSpec("links"),
        "sort_name": FieldSpec("text"),
    },
    "institutions": {
        "name": FieldSpec("text", True), "short_name": FieldSpec("text"),
        "kind": FieldSpec("text"), "country": FieldSpec("ref", targets=("places",)),
        "parent": FieldSpec("ref", targets=("institutions",)),
        "founded": FieldSpec("date"), "facts": FieldSpec("facts"),
    },
    "agreements": {
        "title": FieldSpec("text", True), "kind": FieldSpec("text"), "status": FieldSpec("status"),
        "date": FieldSpec("date"), "parties": FieldSpec("refs", targets=ACTORS),
        "signatories": FieldSpec("refs", targets=PEOPLE_OR_INSTITUTIONS),
        "terms": FieldSpec("markdowns"), "event": FieldSpec("ref", targets=("events",)),
    },
    "places": {
        "name": FieldSpec("text", True), "kind": FieldSpec("text"),
        "within": FieldSpec("ref", targets=("places",)),
    },
    "events": {
        "date": FieldSpec("date", True), "title": FieldSpec("text", True),
        "end": FieldSpec("date"), "participants": FieldSpec("refs", targets=ACTORS),
        "place": FieldSpec("ref", targets=("places",)),
    },
    "glossary": {
        "term": FieldSpec("text", True), "definition": FieldSpec("markdown", True),
        "abbreviation": FieldSpec("text"), "see_also": FieldSpec("refs"),
    },
    "quotes": {
        "text": FieldSpec("text", True), "speaker": FieldSpec("ref", True, targets=PEOPLE_OR_INSTITUTIONS),
        "source": FieldSpec("ref", True, targets=("sources",)), "date": FieldSpec("date"),
        "context": FieldSpec("markdown"), "reported_by": FieldSpec("ref", targets=PEOPLE_OR_INSTITUTIONS),
        "translation": FieldSpec("language_texts"),
        "event": FieldSpec("ref", targets=("events",)),
    },
    "sources": {
        "title": FieldSpec("text", True), "publisher": FieldSpec("text"), "url": FieldSpec("url"),
        "date": FieldSpec("date"), "file": FieldSpec("text"),
    },
}
for _fields in FIELDS.values():
    _fields.update(COMMON)

DOCUMENT_FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec("text", True), "dek": FieldSpec("text"), "date": FieldSpec("date"),
    "byline": FieldSpec("text"), "sources": FieldSpec("refs", targets=("sources",)),
    "cite": FieldSpec("citations"), "updated": FieldSpec("date"), "corrections": FieldSpec("corrections"),
    "order": FieldSpec("int"), "key_facts": FieldSpec("key_facts"),
}

# The fields of the mappings inside a list field: a person's roles and links, an alias.
ROLE_FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec("text", True), "organization": FieldSpec("ref", targets=("institutions", "places")),
    "start": FieldSpec("date"), "end": FieldSpec("date"),
}
LINK_FIELDS: dict[str, FieldSpec] = {"title": FieldSpec("text", True), "url": FieldSpec("url", True)}
ALIAS_FIELDS: dict[str, FieldSpec] = {"text": FieldSpec("text", True), "priority": FieldSpec("int")}
# A citation (`cite:`) and a correction (`corrections:`).
CITATION_FIELDS: dict[str, FieldSpec] = {
    "source": FieldSpec("ref", True, targets=("sources",)), "passage": FieldSpec("text", True),
    "field": FieldSpec("text"),
}
# A key fact (`key_facts:` in site.yaml or front matter): its source must be a sources record.
KEY_FACT_FIELDS: dict[str, FieldSpec] = {
    "label": FieldSpec("text", True), "value": FieldSpec("text", True),
    "source": FieldSpec("ref", True, targets=("sources",)), "passage": FieldSpec("text"),
}
CORRECTION_FIELDS: dict[str, FieldSpec] = {"date": FieldSpec("date", True), "text": FieldSpec("markdown", True)}
SHORT_CITATION = "'<source id>: <exact words>'"

# (collection, field) -> the collections a ref there may point at, read from the specs above (a
# role's `organization` counts as a field of people); fields not listed may point anywhere.
REF_TARGETS: dict[tuple[str, str], tuple[str, ...]] = {
    (collection, name): spec.targets
    for collection, fields in (
        *FIELDS.items(), *((c, DOCUMENT_FIELDS) for c in DOCUMENT_COLLECTIONS), ("people", ROLE_FIELDS),
    )
    for name, spec in fields.items()
    if spec.targets
}

SITE_FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec("text", True), "description": FieldSpec("text"),
    "language": FieldSpec("text"), "languages": FieldSpec("languages"), "base_url": FieldSpec("base_url"), "author": FieldSpec("text"),
    "allow_html": FieldSpec("bool"), "link_mentions": FieldSpec("link_mentions"),
    "edit_url": FieldSpec("edit_url"),
    "page_size": FieldSpec("count"),
    "max_linked_share": FieldSpec("share"),
    "key_facts": FieldSpec("key_facts"),
}

# The fields a translation may give (`<id>.<lang>.yaml`, `translations:`, `<id>.<lang>.md`,
# `site.<lang>.yaml`): text, never refs, dates, statuses or sources, which every language shares.
# A person's roles translate their titles only; an institution's facts and the key facts their
# labels and values (a key fact's source and passage are shared).
TRANSLATED_FIELDS = frozenset({
    "name", "short_name", "aliases", "match", "summary", "title", "kind", "terms", "term",
    "definition", "abbreviation", "context", "roles", "facts", "dek", "description", "key_facts",
})
TRANSLATED_ROLE_FIELDS = frozenset({"title"})
TRANSLATED_KEY_FACT_FIELDS: dict[str, FieldSpec] = {"label": FieldSpec("text", True), "value": FieldSpec("text", True)}
# A translated field whose value is read otherwise than the original's: key facts without a source.
TRANSLATED_TYPES = {"key_facts": "key_fact_texts"}


def translated_fields(spec: dict[str, FieldSpec]) -> dict[str, FieldSpec]:
    """The fields of `spec` a translation may give, none of them required."""
    return {
        name: FieldSpec(TRANSLATED_TYPES.get(name, field.type))
        for name, field in spec.items() if name in TRANSLATED_FIELDS
    }


Report = Callable[[int, str], None]
