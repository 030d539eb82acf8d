"""The field tables of docs/content.md, written from `schema` so that the contract cannot drift.

Each table sits between `<!-- fields:KIND -->` and `<!-- /fields -->` (KIND is a collection,
`common` for the fields every record has, or `document` for articles and pages) and says every
field's type; a ref says exactly which kinds it may point at, from the same specs `index` checks
them with. After changing a field in `schema`, regenerate the tables:

    python -m explainer.content.contract_doc docs/content.md
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from explainer.content.kinds import COLLECTIONS, SINGULAR
from explainer.content.model import AGREEMENT_STATUSES
from explainer.content.schema import (
    ALIAS_FIELDS,
    CITATION_FIELDS,
    COMMON,
    CORRECTION_FIELDS,
    DOCUMENT_FIELDS,
    FIELDS,
    KEY_FACT_FIELDS,
    LINK_FIELDS,
    ROLE_FIELDS,
    TRANSLATED_KEY_FACT_FIELDS,
    FieldSpec,
)

BLOCK_RE = re.compile(r"(<!-- fields:([a-z_]+) -->\n)(.*?)(<!-- /fields -->)", re.DOTALL)
ANYTHING = ("any record, article or page", "any records, articles or pages")

TYPES = {
    "text": "text",
    "texts": "list of texts",
    "markdown": "Markdown",
    "markdowns": "list of Markdown texts",
    "date": "date",
    "url": "URL: `http://`, `https://` or `mailto:`",
    "int": "whole number",
    "facts": "mapping of label to text",
    "language_texts": "mapping of language to text",
    "status": "one of " + ", ".join(f"`{status}`" for status in AGREEMENT_STATUSES),
}
# A list of mappings: its name, and the fields of each mapping.
NESTED = {
    "roles": ("roles", ROLE_FIELDS), "links": ("links", LINK_FIELDS),
    "corrections": ("corrections", CORRECTION_FIELDS),
    "key_facts": ("key facts", KEY_FACT_FIELDS),
    "key_fact_texts": ("key facts", TRANSLATED_KEY_FACT_FIELDS),  # a translation's: labels and values
}


def fields_of(kind: str) -> dict[str, FieldSpec]:
    """The fields a table documents: `common`, `document`, or a collection's own fields."""
    if kind == "common":
        return COMMON
    if kind == "document":
        return DOCUMENT_FIELDS
    return {name: spec for name, spec in FIELDS[kind].items() if COMMON.get(name) is not spec}


KINDS = ("common", *COLLECTIONS, "document")


def _singular(collection: str) -> str:
    word = SINGULAR[collection]
    return ("an " if word[0] in "aeiou" else "a ") + word


def _plural(collection: str) -> str:
    return SINGULAR[collection] + "s" if collection == "glossary" else collection


def _either(words: list[str], last: str = " or ") -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + last + words[-1]


def describe_type(spec: FieldSpec) -> str:
    """A field's type in words: "ref to an institution", "list of refs to people or institutions"."""
    if spec.type == "ref":
        kinds = _either([_singular(c) for c in spec.targets]) if spec.targets else ANYTHING[0]
        return f"ref to {kinds}"
    if spec.type == "refs":
        kinds = _either([_plural(c) for c in spec.targets]) if spec.targets else ANYTHING[1]
        return f"list of refs to {kinds}"
    if spec.type in NESTED:
        what, fields = NESTED[spec.type]
        return f"list of {what}, each a mapping with {_inline(fields)}"
    if spec.type == "aliases":
        return f"list of names, each a text or a mapping with {_inline(ALIAS_FIELDS)}"
    if spec.type == "citations":
        return (
            "list of citations, each a text `\"<source id>: <exact words>\"` or a mapping with "
            f"{_inline(CITATION_FIELDS)}"
        )
    return TYPES[spec.type]


def _name(name: str, spec: FieldSpec) -> str:
    return f"**`{name}`**" if spec.required else f"`{name}`"


def _inline(fields: dict[str, FieldSpec]) -> str:
    return _either([f"{_name(name, spec)} ({describe_type(spec)})" for name, spec in fields.items()], " and ")


def describe_fields(kind: str) -> str:
    """The Markdown table of one kind's fields (required ones in bold)."""
    rows = [f"| {_name(name, spec)} | {describe_type(spec)} |" for name, spec in fields_of(kind).items()]
    return "\n".join(["| field | type |", "| --- | --- |", *rows]) + "\n"


def update(text: str) -> str:
    """`text` with every field table regenerated; every kind must have exactly one table."""
    found = [match.group(2) for match in BLOCK_RE.finditer(text)]
    unknown = sorted(set(found) - set(KINDS))
    missing = [kind for kind in KINDS if kind not in found]
    repeated = sorted({kind for kind in found if found.count(kind) > 1})
    if unknown or missing or repeated or text.count("<!-- fields:") != len(found):
        raise ValueError(
            f"field tables: unknown {unknown}, missing {missing}, repeated {repeated}, "
            f"{text.count('<!-- fields:') - len(found)} without <!-- /fields -->"
        )
    return BLOCK_RE.sub(lambda m: m.group(1) + describe_fields(m.group(2)) + m.group(4), text)


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "docs/content.md")
    text = path.read_text(encoding="utf-8")
    new = update(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    print(f"{path}: {'updated' if new != text else 'already up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
