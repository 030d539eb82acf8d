"""`build.py new KIND "Name"`: a new record, article or page with every field laid out.

The field list comes from `schema.FIELDS` and `schema.DOCUMENT_FIELDS`, so a new field shows up
here without any change. Required fields are filled in where the name fits (a person's `name`,
an event's `title`) and left empty, marked REQUIRED, where it does not (an event's `date`): the
build then says exactly what is missing instead of publishing a guess. Optional fields are
written commented out, each with a one-line explanation. Nothing is overwritten, and an id or a
name that an existing record already uses is refused.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from explainer.authoring.catalog import Catalog, load_catalog
from explainer.content.field_help import FIELD_HELP as FIELD_HELP  # importable from here too
from explainer.content.field_help import field_help
from explainer.content.ids import id_problem, slugify
from explainer.content.json_schemas import FOLDER as SCHEMA_FOLDER
from explainer.content.json_schemas import file_name as schema_file
from explainer.content.kinds import COLLECTIONS, DOCUMENT_COLLECTIONS, SINGULAR
from explainer.content.schema import DOCUMENT_FIELDS, FIELDS, FieldSpec
from explainer.core.errors import did_you_mean

# Words a writer may use for each kind, singular or plural.
KIND_WORDS: dict[str, str] = {}
for _collection in (*COLLECTIONS, *DOCUMENT_COLLECTIONS):
    KIND_WORDS[_collection] = _collection
    KIND_WORDS[SINGULAR[_collection].replace(" ", "-")] = _collection
KIND_WORDS.update({"glossary-terms": "glossary", "term": "glossary", "terms": "glossary"})

# The field that holds the name given on the command line, per kind.
NAME_FIELD = {
    "people": "name", "institutions": "name", "places": "name", "agreements": "title",
    "events": "title", "glossary": "term", "quotes": "text", "sources": "title",
    "articles": "title", "pages": "title",
}
QUOTE_ID_WORDS = 8
COMMENT_COLUMN = 40


class ScaffoldError(Exception):
    """A `new` request that cannot be carried out; the message says why."""


def yaml_value(value: object) -> str:
    """`value` as a one-line YAML value (plain when that is safe, quoted otherwise)."""
    text = yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=True, width=math.inf, sort_keys=False
    )
    text = text.rstrip("\n")
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    return text


def resolve_kind(word: str) -> str:
    """The collection a KIND word names ("person" or "people" → "people")."""
    collection = KIND_WORDS.get(word.strip().lower())
    if collection is None:
        choices = [SINGULAR[c].replace(" ", "-") for c in (*COLLECTIONS, *DOCUMENT_COLLECTIONS)]
        raise ScaffoldError(
            f"unknown kind '{word}'{did_you_mean(word.lower(), KIND_WORDS)}: use one of {', '.join(choices)}"
        )
    return collection


def fields_for(collection: str) -> dict[str, FieldSpec]:
    return DOCUMENT_FIELDS if collection in DOCUMENT_COLLECTIONS else FIELDS[collection]


def derive_id(collection: str, name: str) -> str:
    """The id a name gets: "José Simeón Cañas" → "jose-simeon-canas" (a quote: its first words)."""
    if collection == "quotes":
        name = " ".join(name.split()[:QUOTE_ID_WORDS])
    return slugify(name)


@dataclass(frozen=True)
class NewFile:
    path: Path
    text: str
    missing: tuple[str, ...]  # required fields left for the writer


def render_fields(collection: str, values: dict[str, object]) -> tuple[list[str], list[str]]:
    """YAML lines for every field of `collection`, and the required fields left empty."""
    specs = fields_for(collection)
    ordered = [n for n, s in specs.items() if s.required] + [n for n, s in specs.items() if not s.required]
    rows: list[tuple[str, str]] = []
    missing: list[str] = []
    for name in ordered:
        spec = specs[name]
        example, explanation = field_help(collection, name, spec)
        if name in values:
            rows.append((f"{name}: {yaml_value(values[name])}", explanation if not spec.required else ""))
        elif spec.required:
            rows.append((f"{name}:", f"REQUIRED: {explanation}"))
            missing.append(name)
        else:
            rows.append((f"# {name}: {example}", explanation))
    # Explanations line up in one column; an example too long for it just gets two spaces.
    width = min(max((len(code) for code, note in rows if note), default=0), COMMENT_COLUMN) + 2
    lines = [
        f"{code.ljust(width - 2)}  # {note}" if note else code for code, note in rows
    ]
    return lines, missing


def modeline(schema: str) -> str:
    """The first line of a YAML file that tells the YAML language server (and the editors built on
    it) which JSON Schema the file follows, by its path from the file's folder."""
    return f"# yaml-language-server: $schema={schema}"


def schema_path(content_dir: Path, collection: str, file: Path) -> str:
    """The path from `file`'s folder to its schema in the site root's `schemas/` folder."""
    schemas = Path(os.path.abspath(content_dir)).parent / SCHEMA_FOLDER
    return Path(os.path.relpath(schemas / schema_file(collection), os.path.abspath(file.parent))).as_posix()


def render_new(
    collection: str, values: dict[str, object], schema: str | None = None,
) -> tuple[str, list[str]]:
    """The text of a new file of `collection` holding `values`, and its missing required fields.

    A YAML record starts with the modeline naming `schema` (a path) when one is given. Markdown
    front matter does not: the YAML language server does not read YAML inside Markdown.
    """
    lines, missing = render_fields(collection, values)
    kind = SINGULAR[collection]
    if collection in DOCUMENT_COLLECTIONS:
        head = f"# A new {kind}. Uncomment the fields you need; the Markdown body goes below the second ---."
        return "\n".join(["---", head, *lines, "---", "", ""]), missing
    head = (
        f"# A new {kind}; the file name is its id. Required fields come first; "
        "uncomment the others you need."
    )
    first = [modeline(schema)] if schema else []
    return "\n".join([*first, head, *lines, ""]), missing


def parse_settings(collection: str, settings: list[str]) -> dict[str, object]:
    """`--set field=value` options as field values (each value read as YAML)."""
    specs = fields_for(collection)
    values: dict[str, object] = {}
    for setting in settings:
        name, sep, raw = setting.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ScaffoldError(f"--set needs FIELD=VALUE, not '{setting}'")
        if name not in specs:
            raise ScaffoldError(
                f"unknown field '{name}' in {SINGULAR[collection]}{did_you_mean(name, specs)}"
            )
        try:
            values[name] = yaml.safe_load(raw) if raw.strip() else None
        except yaml.YAMLError:
            values[name] = raw
        if values[name] is None:
            raise ScaffoldError(f"--set {name}= needs a value")
    return values


def check_clashes(catalog: Catalog, collection: str, record_id: str, name: str, path: Path) -> None:
    """Refuse an existing file, a taken id, or a name another record already goes by (the names
    mention linking claims; compared ignoring case, so "rubio" is refused as well as "Rubio")."""
    if path.exists():
        raise ScaffoldError(f"{catalog.display_path(path)} already exists; not overwriting it")
    taken = catalog.entities.get(record_id)
    if taken is not None:
        raise ScaffoldError(
            f"id '{record_id}' is already used by {taken.kind_label} '{taken.display_name}' "
            f"({catalog.display_path(taken.path)}:{taken.line}); choose another with --id"
        )
    if collection == "quotes" or collection in DOCUMENT_COLLECTIONS:
        return  # their text and titles are not names that mentions link by
    for use in catalog.name_uses(name):
        what = "an alias" if use.is_alias else "the name"
        raise ScaffoldError(
            f"'{name}' is already {what} of {use.entity.kind_label} '{use.entity.id}' "
            f"({catalog.display_path(use.path)}:{use.line})"
        )


def check_refs(catalog: Catalog, collection: str, values: dict[str, object]) -> None:
    """Ids given with --set must name existing records."""
    specs = fields_for(collection)
    for name, value in values.items():
        kind = specs[name].type
        refs = [value] if kind == "ref" else value if kind == "refs" and isinstance(value, list) else []
        for ref in refs:
            if isinstance(ref, str) and ref not in catalog.entities:
                raise ScaffoldError(
                    f"unknown id '{ref}' in '{name}'{did_you_mean(ref, catalog.entities)}"
                )


def plan_new(
    content_dir: Path, kind: str, name: str, record_id: str | None = None,
    settings: list[str] | None = None,
) -> NewFile:
    """Decide what `new` writes, refusing anything that would clash; writes nothing."""
    collection = resolve_kind(kind)
    name = " ".join(name.split())
    if not name:
        raise ScaffoldError("the name is empty")
    record_id = record_id or derive_id(collection, name)
    if not record_id:
        raise ScaffoldError(f"cannot make an id from '{name}'; choose one with --id")
    problem = id_problem(record_id)
    if problem:
        raise ScaffoldError(problem)
    values = parse_settings(collection, settings or [])
    if NAME_FIELD[collection] in values:
        raise ScaffoldError(f"the {NAME_FIELD[collection]} is the NAME argument; do not --set it")
    values = {NAME_FIELD[collection]: name, **values}
    suffix = ".md" if collection in DOCUMENT_COLLECTIONS else ".yaml"
    path = content_dir / collection / f"{record_id}{suffix}"
    catalog = load_catalog(content_dir)
    if catalog.errors:
        count = len(catalog.errors)
        print(f"note: the content has {count} error{'s' if count != 1 else ''}; checked against the records "
              "that loaded", file=sys.stderr)
    check_clashes(catalog, collection, record_id, name, path)
    check_refs(catalog, collection, values)
    text, missing = render_new(collection, values, schema_path(content_dir, collection, path))
    return NewFile(path, text, tuple(missing))


def write_new(plan: NewFile) -> None:
    plan.path.parent.mkdir(parents=True, exist_ok=True)
    with plan.path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(plan.text)


def add_command(commands: argparse._SubParsersAction) -> None:
    """Register `new` on the command line's sub-parsers."""
    kinds = ", ".join(SINGULAR[c].replace(" ", "-") for c in (*COLLECTIONS, *DOCUMENT_COLLECTIONS))
    parser = commands.add_parser(
        "new", help="start a new record, article or page with every field laid out",
        description=f"Write content/<kind>/<id>.yaml (or .md) for NAME. KIND is one of: {kinds} "
                    "(singular or plural). Refuses to overwrite a file or reuse an id or name.",
    )
    parser.add_argument("kind", metavar="KIND", help="person, institution, place, event, quote, ...")
    parser.add_argument("name", metavar="NAME", help="the name (a quote: its text); the id is made from it")
    parser.add_argument("--content", default="content", metavar="DIR",
                        help="the content folder (default: content)")
    parser.add_argument("--id", dest="record_id", metavar="ID", help="use this id instead of one made from NAME")
    parser.add_argument("--set", dest="settings", action="append", default=[], metavar="FIELD=VALUE",
                        help="fill in a field (the value is read as YAML); repeatable")



def run(args: argparse.Namespace) -> int:
    """`build.py new`: 0 written, 1 refused, 2 usage error."""
    content = Path(args.content)
    if not content.is_dir():
        print(f"build.py: error: content folder not found: {content}", file=sys.stderr)
        return 2
    try:
        resolve_kind(args.kind)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        plan = plan_new(content, args.kind, args.name, args.record_id, args.settings)
        write_new(plan)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except FileExistsError:
        print(f"error: {plan.path} already exists; not overwriting it", file=sys.stderr)
        return 1
    print(plan.path.as_posix())
    if plan.missing:
        print(f"fill in the required {'fields' if len(plan.missing) > 1 else 'field'}: {', '.join(plan.missing)}")
    return 0
