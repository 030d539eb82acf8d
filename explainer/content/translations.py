"""Reading translations: the text of a record, a document or the site in another language.

Owns the forms a translation takes (docs/writing.md, "Publishing in two languages"): a sibling file
beside a record's own file (`people/<id>.es.yaml`), an item of a list file's `translations:`
mapping (`translations: {es: {summary: ...}}`), a sibling Markdown file (`articles/<id>.es.md`)
and the site's own (`site.es.yaml`). Each gives a `Translation` holding only translated fields,
converted like the original's; a field every language shares (a ref, a date, a status) is an error
at its line. Whether the translation's language is one of the site's, whether its original exists
and whether its lists match the original's is checked once everything is loaded (`editions`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from explainer.content import files  # `files.read_text`, looked up at each read (tests count reads)
from explainer.content.ids import id_problem
from explainer.content.kinds import SINGULAR
from explainer.content.limits import field_problems
from explainer.content.model import Record, Translation
from explainer.content.parts import Markdown
from explainer.content.records import parse_yaml, source_digest
from explainer.content.schema import (
    DOCUMENT_FIELDS,
    FIELDS,
    KEY_FACT_FIELDS,
    ROLE_FIELDS,
    SITE_FIELDS,
    TRANSLATED_KEY_FACT_FIELDS,
    TRANSLATED_ROLE_FIELDS,
    FieldSpec,
    translated_fields,
)
from explainer.content.values import Converter
from explainer.content.yamlsource import YList, YMap, split_front_matter
from explainer.core.errors import Reporter

# `<id>.<language>`: the stem of a sibling translation file (ids have no dots).
SIBLING_RE = re.compile(r"^(?P<id>[^.]+)\.(?P<language>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)$")
SITE_FILE_RE = re.compile(r"^site\.(?P<language>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.yaml$")


def sibling_name(stem: str) -> tuple[str, str] | None:
    """The id and language of a sibling translation's file stem (`marco-rubio.es`), or None."""
    match = SIBLING_RE.match(stem)
    return (match["id"], match["language"]) if match else None


def _fields_of(collection: str) -> dict[str, FieldSpec]:
    if collection == "site":
        return SITE_FIELDS
    return FIELDS.get(collection, DOCUMENT_FIELDS)


def _what(collection: str) -> str:
    return "site.yaml translation" if collection == "site" else f"{SINGULAR[collection]} translation"


def read_fields(
    collection: str, data: YMap, original: str, report, skip: tuple[str, ...] = ()
) -> tuple[dict, dict]:
    """The translated fields of `data` converted, and their lines; a shared field is reported."""
    spec = _fields_of(collection)
    allowed = translated_fields(spec)
    kept = YMap()
    kept.line, kept.key_lines, kept.value_lines = data.line, data.key_lines, data.value_lines
    for key, value in data.items():
        if key in skip:
            continue
        if key in spec and key not in allowed:
            report(data.line_of(key), f"'{key}' is shared by every language; set it in {original}")
        elif key == "roles" and isinstance(value, YList):
            kept[key] = _item_texts(value, ROLE_FIELDS, TRANSLATED_ROLE_FIELDS, original, report)
        elif key == "key_facts" and isinstance(value, YList):
            kept[key] = _item_texts(value, KEY_FACT_FIELDS, TRANSLATED_KEY_FACT_FIELDS, original, report)
        else:
            kept[key] = value
    fields = Converter(report).mapping(kept, allowed, _what(collection))
    return fields, {key: data.line_of(key) for key in fields}


def _item_texts(items: YList, fields: Collection[str], translated: Collection[str], original: str, report) -> YList:
    """A translated list's items (a person's roles, key facts), each with its translated fields
    only (a role's title; a key fact's label and value): the rest is shared, an error here."""
    texts = YList()
    texts.line, texts.item_lines = items.line, items.item_lines
    for item in items:
        if isinstance(item, YMap):
            for key in item:
                if key in fields and key not in translated:
                    report(item.line_of(key), f"'{key}' is shared by every language; set it in {original}")
            kept = YMap((k, v) for k, v in item.items() if k not in fields or k in translated)
            kept.line, kept.key_lines, kept.value_lines = item.line, item.key_lines, item.value_lines
            item = kept
        texts.append(item)
    return texts


def list_translations(record: Record, value: object, line: int, reporter: Reporter) -> list[Translation]:
    """The translations of a list file's record: its `translations:` mapping, language -> fields."""
    def report(at: int, message: str) -> None:
        reporter.error(record.path, at, message)

    if not isinstance(value, YMap):
        report(line, "'translations' must be a mapping of language to translated fields, such as 'es: {title: ...}'")
        return []
    translations = []
    for language, data in value.items():
        at = value.line_of(language)
        if not isinstance(data, YMap):
            report(at, f"the '{language}' translation must be a mapping of translated fields")
            continue
        fields, lines = read_fields(record.collection, data, record.path.name, report)
        _check_markdown(fields, report)
        translations.append(Translation(
            record.collection, record.id, str(language), record.path, at, record.path, fields, lines,
            source_digest(record.path, repr(sorted(data.items(), key=str)), at),
        ))
    return translations


def _read_sibling(path: Path, root: Path, reporter: Reporter) -> tuple[str, str, str] | None:
    """The original's id, the language and the text of a sibling translation file, or None."""
    named = sibling_name(path.stem)
    if named is None or id_problem(named[0]) is not None:
        return None
    text = files.read_text(path, root, reporter)
    return (*named, text) if text is not None else None


def load_translation_file(collection: str, path: Path, root: Path, reporter: Reporter) -> list[Translation]:
    """A sibling translation of a record's own file: `people/<id>.<lang>.yaml`."""
    def report(at: int, message: str) -> None:
        reporter.error(path, at, message)

    sibling = _read_sibling(path, root, reporter)
    if sibling is None:
        return []
    record_id, language, text = sibling
    data = parse_yaml(path, text, reporter) if text.strip() else YMap()
    if data is None:
        return []
    if not isinstance(data, YMap):
        report(1, "a translation file must be a mapping of translated fields")
        return []
    original = path.with_name(record_id + path.suffix)
    fields, lines = read_fields(collection, data, f"{collection}/{original.name}", report, skip=("id",))
    _check_markdown(fields, report)
    return [Translation(
        collection, record_id, language, path, 1, original, fields, lines, source_digest(path, text),
    )]


def load_document_translation(collection: str, path: Path, root: Path, reporter: Reporter) -> list[Translation]:
    """A sibling translation of an article or a page: `articles/<id>.<lang>.md`, front matter with
    the translated title and dek, then the translated body (empty: the body stays in the original)."""
    def report(at: int, message: str) -> None:
        reporter.error(path, at, message)

    sibling = _read_sibling(path, root, reporter)
    if sibling is None:
        return []
    record_id, language, text = sibling
    split = split_front_matter(text)
    data: object = YMap()
    if split.front_matter is not None and split.front_matter.strip():
        data = parse_yaml(path, split.front_matter, reporter, split.front_matter_line)
        if data is None:
            return []
        if not isinstance(data, YMap):
            report(split.front_matter_line, "front matter must be a mapping of fields")
            return []
    body, body_line = (split.body, split.body_line) if split.front_matter is not None else (text, 1)
    original = path.with_name(record_id + path.suffix)
    assert isinstance(data, YMap)
    fields, lines = read_fields(collection, data, f"{collection}/{original.name}", report)
    if body.strip():
        fields["body"] = Markdown(body, body_line)
    _check_markdown(fields, report)
    return [Translation(
        collection, record_id, language, path, 1, original, fields, lines, source_digest(path, text),
    )]


def load_site_translation(path: Path, root: Path, reporter: Reporter) -> list[Translation]:
    """The site's own text in another language: `site.<lang>.yaml` (title, description, the key
    facts' labels and values)."""
    match = SITE_FILE_RE.match(path.name)
    if match is None:
        return []
    text = files.read_text(path, root, reporter)
    data = parse_yaml(path, text, reporter) if text is not None and text.strip() else YMap()
    if not isinstance(data, YMap):
        if data is not None:
            reporter.error(path, 1, f"{path.name} must be a mapping of translated settings")
        return []
    fields, lines = read_fields(
        "site", data, "site.yaml", lambda at, message: reporter.error(path, at, message),
    )
    return [Translation(
        "site", "site", match["language"], path, 1, path.with_name("site.yaml"), fields, lines,
        source_digest(path, text or ""),
    )]


def _check_markdown(fields: dict, report) -> None:
    """Report translated Markdown that would crash or stall its conversion (see `limits`)."""
    for value in fields.values():
        for line, message in field_problems(value):
            report(line, message)
