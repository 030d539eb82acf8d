"""JSON Schemas of the content contract, made from `schema`, so that an editor checks what the build checks.

`python build.py schema` writes them into `schemas/` in the site root: one per collection for a
file holding one record (`people.schema.json`: the file name is the id), one for a file holding a
list of records (`people.list.schema.json`), one for `site.yaml` and one for the front matter of
articles and pages. Every field's type follows the loader's `Converter`: what it accepts, the
schema accepts, and what it refuses for its type, its value, a missing field or an unknown one,
the schema refuses too (tests/test_json_schemas.py holds a table of such cases). A ref is an id;
whether a record with that id exists stays the build's question. The descriptions are the help
texts `new` writes beside each field (`field_help`).

The schemas declare draft 2020-12 but use only keywords that mean the same in draft-07 (no `$ref`,
whose neighbours draft-07 ignores), which is what the YAML language server implements.
"""

from __future__ import annotations

import json
from pathlib import Path

from explainer.content.contract_doc import describe_type
from explainer.content.field_help import field_help
from explainer.content.ids import MAX_ID_LENGTH
from explainer.content.kinds import COLLECTIONS, DOCUMENT_COLLECTIONS, SINGULAR
from explainer.content.model import AGREEMENT_STATUSES
from explainer.content.schema import (
    ALIAS_FIELDS,
    CITATION_FIELDS,
    CORRECTION_FIELDS,
    DOCUMENT_FIELDS,
    FIELDS,
    KEY_FACT_FIELDS,
    LINK_FIELDS,
    LINK_MENTIONS,
    ROLE_FIELDS,
    SITE_FIELDS,
    TRANSLATED_KEY_FACT_FIELDS,
    FieldSpec,
    translated_fields,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FOLDER = "schemas"  # in the site root, beside content/
SITE_FILE = "site.schema.json"
FRONT_MATTER_FILE = "front-matter.schema.json"

# Patterns are written for both Python's `re` and JavaScript (editors): no \d, no inline flags.
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
LANGUAGE_PATTERN = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"  # a BCP 47 tag (`translations.SIBLING_RE`)
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
_MONTH = "(?:0[1-9]|1[0-2])"
# A year, a month or a day that exists: what `dates.parse_date` accepts as text (year 0 does not).
DATE_PATTERN = (
    "^(?!0000)(?:[0-9]{4}(?:-" + _MONTH + "|-" + _MONTH + "-(?:0[1-9]|1[0-9]|2[0-8])"
    "|-(?:0[13-9]|1[0-2])-(?:29|30)|-(?:0[13578]|1[02])-31)?|" + _LEAP_YEAR + "-02-29)$"
)
_SCHEME = "[Hh][Tt][Tt][Pp][Ss]?://"
_URL_CHARACTER = '[^\\s?#\\\\"<>'  # what an address may hold (`url_settings`), less what follows
URL_PATTERN = "^(?:" + _SCHEME + "|[Mm][Aa][Ii][Ll][Tt][Oo]:)\\S+$"  # schema.SAFE_URL_RE
_SEGMENT = "(?!\\.\\.?(?:/|$))" + _URL_CHARACTER + "/]+"
_PATH = "/(?:" + _SEGMENT + "/)*(?:" + _SEGMENT + ")?"
BASE_URL_PATTERN = "^(?:" + _SCHEME + _URL_CHARACTER + "/]+(?:" + _PATH + ")?|" + _PATH + ")$"
EDIT_URL_PATTERN = "^" + _SCHEME + _URL_CHARACTER + "/]+(?:/" + _URL_CHARACTER + "]*)?$"

# Text: a string with something other than white space, or a number (read as its digits).
TEXT: dict = {"type": ["string", "number"], "pattern": "\\S"}
REF: dict = {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH}
# The mappings inside a list field, and the kind their help texts are filed under.
NESTED = {
    "roles": (ROLE_FIELDS, "role"), "links": (LINK_FIELDS, "link"), "key_facts": (KEY_FACT_FIELDS, "key fact"),
    "key_fact_texts": (TRANSLATED_KEY_FACT_FIELDS, "key fact"),  # a translation's: labels and values
}


def file_name(collection: str, list_form: bool = False) -> str:
    """The schema of a collection's files: `people.schema.json`, `people.list.schema.json` for
    `people.yaml`, and one for the front matter of every article and page."""
    if collection in DOCUMENT_COLLECTIONS:
        return FRONT_MATTER_FILE
    return f"{collection}{'.list' if list_form else ''}.schema.json"


def value_schema(spec: FieldSpec) -> dict:
    """What a field of this type may hold, as the loader's `Converter` reads it (never null)."""
    kind = spec.type
    if kind in ("text", "markdown"):
        return dict(TEXT)
    if kind in ("texts", "markdowns"):
        return {"type": "array", "items": dict(TEXT)}
    if kind == "ref":
        return dict(REF)
    if kind == "refs":
        return {"type": "array", "items": dict(REF)}
    if kind == "date":
        # 2023 unquoted is a number; "2023", 2025-02 and 2025-02-03 are text to a JSON reader.
        return {"type": ["string", "integer"], "pattern": DATE_PATTERN, "minimum": 1000, "maximum": 9999}
    if kind == "url":
        return {"type": "string", "pattern": URL_PATTERN}
    if kind == "base_url":
        return {"type": "string", "pattern": BASE_URL_PATTERN}
    if kind == "edit_url":
        return {"type": "string", "pattern": EDIT_URL_PATTERN}
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "int":
        return {"type": "integer"}
    if kind == "count":
        return {"type": "integer", "minimum": 1}
    if kind == "share":
        return {"type": "number", "minimum": 0, "maximum": 1}
    if kind == "status":
        return {"enum": list(AGREEMENT_STATUSES)}
    if kind == "link_mentions":
        return {"enum": list(LINK_MENTIONS)}
    if kind == "facts":
        return {"type": "object", "additionalProperties": dict(TEXT)}
    if kind == "languages":
        return {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": LANGUAGE_PATTERN}}
    if kind == "language_texts":
        return {"type": "object", "propertyNames": {"pattern": LANGUAGE_PATTERN}, "additionalProperties": dict(TEXT)}
    if kind == "aliases":
        return {"type": "array", "items": {"anyOf": [dict(TEXT), mapping_schema(ALIAS_FIELDS, "alias")]}}
    if kind == "citations":
        # "<source id>: <exact words>", the same unquoted (YAML reads a mapping of the id to the
        # words), or a mapping with source, passage and field.
        short = {"type": "string", "pattern": f"^\\s*{ID_PATTERN[1:-1]}\\s*:\\s*\\S"}
        unquoted = {
            "type": "object", "minProperties": 1, "maxProperties": 1,
            "propertyNames": {"pattern": ID_PATTERN, "not": {"enum": list(CITATION_FIELDS)}},
            "additionalProperties": {"type": "string", "pattern": "\\S"},
        }
        return {"type": "array", "items": {"anyOf": [short, unquoted, mapping_schema(CITATION_FIELDS, "citation")]}}
    if kind == "corrections":
        return {"type": "array", "items": mapping_schema(CORRECTION_FIELDS, "correction")}
    if kind in NESTED:
        fields, what = NESTED[kind]
        return {"type": "array", "items": mapping_schema(fields, what)}
    raise ValueError(f"no JSON Schema for the field type '{kind}'")


def _nullable(schema: dict) -> dict:
    """`schema` that also accepts nothing: an optional field left empty is skipped by the loader."""
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    return {**schema, "type": [*types, "null"]}


# The types only site.yaml has, in words (docs/content.md's tables name the others).
SETTING_TYPES = {
    "bool": "true or false",
    "base_url": "/, a path such as /explainers/cecot/, or a full http(s):// address",
    "edit_url": "a full http(s):// address",
    "link_mentions": "one of " + ", ".join(LINK_MENTIONS),
    "count": "a whole number, at least 1",
    "share": "a number from 0 to 1, such as 0.25",
    "languages": "a list of language tags, the default first, such as [en, es]",
}


def type_words(spec: FieldSpec) -> str:
    """A field's type in words, as docs/content.md says it, without its Markdown."""
    words = SETTING_TYPES.get(spec.type) or describe_type(spec)
    return words.replace("**", "").replace("`", "")


def field_schema(kind: str, name: str, spec: FieldSpec) -> dict:
    """One field: its help text and type in words, then what it may hold."""
    _, explanation = field_help(kind, name, spec)
    schema = {"description": f"{explanation} ({type_words(spec)})", **value_schema(spec)}
    return schema if spec.required else _nullable(schema)


def mapping_schema(fields: dict[str, FieldSpec], kind: str, extra: dict | None = None) -> dict:
    """A mapping of these fields and no others (plus `extra` properties), required ones required."""
    properties = dict(extra or {})
    properties.update((name, field_schema(kind, name, spec)) for name, spec in fields.items())
    required = [name for name, spec in fields.items() if spec.required]
    schema: dict = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def _id_schema(description: str) -> dict:
    return {"description": description, **REF}


def _headed(title: str, description: str, body: dict) -> dict:
    return {"$schema": DRAFT, "title": title, "description": description, **body}


def record_schema(collection: str) -> dict:
    """A file holding one record: `content/<collection>/<id>.yaml`."""
    singular = SINGULAR[collection]
    identity = {"id": _id_schema("optional: the file name is the id, and an id given here must match it")}
    return _headed(
        f"{singular} (content/{collection}/<id>.yaml)",
        f"One {singular}; the file name is its id.",
        mapping_schema(FIELDS[collection], collection, identity),
    )


def list_schema(collection: str) -> dict:
    """A file holding a list of records: `content/<collection>.yaml`."""
    singular = SINGULAR[collection]
    translations = {
        "description": "the record's text in the site's other languages: language -> translated fields",
        "type": "object", "propertyNames": {"pattern": LANGUAGE_PATTERN},
        "additionalProperties": {"type": "object"},
    }
    record = mapping_schema(
        FIELDS[collection], collection,
        {"id": _id_schema("the record's id: lower-case letters a-z, digits and single hyphens"),
         "translations": translations},
    )
    record["required"] = ["id", *record.get("required", [])]
    record = {key: record[key] for key in ("type", "properties", "required", "additionalProperties")}
    return _headed(
        f"{collection} (content/{collection}.yaml)",
        f"A list of {collection if collection != 'glossary' else 'glossary terms'}, each a {singular} "
        "with its id.",
        {"type": ["array", "null"], "items": record},
    )


def site_schema() -> dict:
    return _headed("site.yaml (content/site.yaml)", "The explainer's settings.", mapping_schema(SITE_FIELDS, "site"))


def front_matter_schema() -> dict:
    return _headed(
        "front matter (content/articles/<id>.md, content/pages/<id>.md)",
        "The settings between the two --- lines at the top of an article or a page; the file name is its id.",
        mapping_schema(DOCUMENT_FIELDS, "document"),
    )


def translation_file_name(kind: str) -> str:
    """The schema of a translation file (`people/<id>.es.yaml`, `site.es.yaml`, `articles/<id>.es.md`):
    `people.translation.schema.json`; articles and pages share `front-matter.translation.schema.json`."""
    if kind in DOCUMENT_COLLECTIONS:
        return FRONT_MATTER_FILE.replace(".schema.json", ".translation.schema.json")
    return f"{kind}.translation.schema.json"


def translation_schema(kind: str, fields: dict[str, FieldSpec], where: str) -> dict:
    """A translation file: only the fields that translate, none of them required."""
    help_kind = "document" if kind in DOCUMENT_COLLECTIONS else kind
    return _headed(
        f"a translation ({where})", "The translated fields, in the language the file name ends with.",
        mapping_schema(translated_fields(fields), help_kind),
    )


def all_schemas() -> dict[str, dict]:
    """Every schema by its file name, in a stable order."""
    schemas = {SITE_FILE: site_schema()}
    schemas[translation_file_name("site")] = translation_schema("site", SITE_FIELDS, "content/site.<lang>.yaml")
    for collection in COLLECTIONS:
        schemas[file_name(collection)] = record_schema(collection)
        schemas[file_name(collection, list_form=True)] = list_schema(collection)
        schemas[translation_file_name(collection)] = translation_schema(
            collection, FIELDS[collection], f"content/{collection}/<id>.<lang>.yaml",
        )
    schemas[FRONT_MATTER_FILE] = front_matter_schema()
    schemas[translation_file_name("articles")] = translation_schema(
        "articles", DOCUMENT_FIELDS, "content/articles/<id>.<lang>.md, content/pages/<id>.<lang>.md",
    )
    return schemas


def dumps(schema: dict) -> str:
    """A schema as the file holds it."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> tuple[list[Path], list[Path]]:
    """Write every schema into `folder` (made if missing): every file, and those whose text changed."""
    folder.mkdir(parents=True, exist_ok=True)
    written, changed = [], []
    for name, schema in all_schemas().items():
        path = folder / name
        written.append(path)
        text = dumps(schema)
        try:
            same = path.read_text(encoding="utf-8") == text
        except OSError:
            same = False
        if not same:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return written, changed
