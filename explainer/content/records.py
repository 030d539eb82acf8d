"""Turning the text of one content file into typed records, reporting every mistake at its line.

Owns the three forms a file can take: `site.yaml` (the settings), a record file (`people/<id>.yaml`,
one mapping, its id from the file name), a list file (`people.yaml`, a list of mappings with
`id`s), and a document (`articles/<id>.md`, YAML front matter and a Markdown body). Each record's
fields go through `schema`; its Markdown is checked against `limits`; its `digest` names its
source text, so that an unchanged record is known to be unchanged.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from pathlib import Path

from explainer.content import files  # `files.read_text`, looked up at each read (tests count reads)
from explainer.content.ids import id_problem
from explainer.content.kinds import SINGULAR
from explainer.content.limits import field_problems
from explainer.content.model import RECORD_CLASSES, Document, Record
from explainer.content.parts import Markdown
from explainer.content.schema import DOCUMENT_FIELDS, FIELDS, SITE_FIELDS
from explainer.content.settings import SiteConfig
from explainer.content.values import Converter
from explainer.content.yamlsource import YamlError, YList, YMap, load_yaml, split_front_matter
from explainer.core.errors import Reporter


def source_digest(path: Path, text: str, line: int = 1) -> str:
    """A digest of an entity's source: its file, where it starts, and its text."""
    data = f"{path}\0{line}\0{text}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def parse_yaml(path: Path, text: str, reporter: Reporter, first_line: int = 1) -> object:
    """The YAML in `text`, or None (reported) when it is not valid."""
    try:
        return load_yaml(text, first_line)
    except YamlError as exc:
        reporter.error(path, exc.problem.line, exc.problem.message)
        return None


def load_config(content_dir: Path, root: Path, reporter: Reporter) -> SiteConfig:
    """The settings of `site.yaml`; a title of "Untitled" when there are none to read."""
    path = content_dir / "site.yaml"
    if not path.is_file():
        reporter.error(path, 1, "missing site.yaml: it needs at least a 'title'")
        return SiteConfig(title="Untitled")
    text = files.read_text(path, root, reporter)
    data = parse_yaml(path, text, reporter) if text is not None else None
    if not isinstance(data, YMap):
        if text is not None and data is not None:
            reporter.error(path, 1, "site.yaml must be a mapping of settings")
        return SiteConfig(title="Untitled")
    fields = Converter(lambda line, msg: reporter.error(path, line, msg)).mapping(
        data, SITE_FIELDS, "site.yaml"
    )
    fields.setdefault("title", "Untitled")
    if "language" in data and "languages" in data:
        reporter.error(
            path, data.line_of("languages"),
            "give either 'language' (one language) or 'languages' (several, the default first), not both",
        )
    if fields.get("languages"):
        fields["language"] = fields["languages"][0]
        if len(fields["languages"]) == 1:
            del fields["languages"]  # one language: the site as `language:` makes it
    return SiteConfig(**fields)


def load_record_file(collection: str, path: Path, root: Path, reporter: Reporter) -> list[Record]:
    """The record of a file in a collection's folder (its id is the file's name)."""
    text = files.read_text(path, root, reporter)
    if text is None:
        return []
    data = parse_yaml(path, text, reporter)
    if data is None:
        if not text.strip():
            reporter.error(path, 1, "file is empty")
        return []
    if not isinstance(data, YMap):
        reporter.error(path, 1, "a record file must be a mapping of fields")
        return []
    record = build_record(
        collection, path, data, path.stem, reporter, from_file_name=True, digest=source_digest(path, text)
    )
    return [record] if record is not None else []


# What a list item's `translations:` mapping gives (`explainer.content.translations`): its
# record, the mapping, the mapping's line -> the translations.
ReadTranslations = Callable[[Record, object, int, Reporter], list]


def load_list_file(
    collection: str, path: Path, root: Path, reporter: Reporter, translations: ReadTranslations | None = None,
) -> list:
    """The records of a collection's single file (`people.yaml`): a list, each with an `id`; and,
    given `translations`, what each item's `translations:` mapping gives, after its record."""
    text = files.read_text(path, root, reporter)
    if text is None:
        return []
    data = parse_yaml(path, text, reporter)
    if data is None:
        return []
    if not isinstance(data, YList):
        reporter.error(path, 1, f"{path.name} must be a list of records, each with an 'id'")
        return []
    records = []
    for item, line in zip(data, data.item_lines, strict=False):
        if not isinstance(item, YMap):
            reporter.error(path, line, "each item must be a mapping of fields with an 'id'")
            continue
        record_id = item.get("id")
        if record_id is None:
            reporter.error(path, line, "missing required field 'id'")
            continue
        start, end = item.span
        digest = source_digest(path, text[start:end], line)
        translated = item.get("translations") if translations is not None else None
        if translated is not None:
            item = without_key(item, "translations")
        record = build_record(collection, path, item, record_id, reporter, digest=digest)
        if record is not None:
            records.append(record)
            if translations is not None and translated is not None:
                records.extend(translations(record, translated, item.line_of("translations"), reporter))
    return records


def build_record(
    collection: str, path: Path, data: YMap, record_id: object, reporter: Reporter,
    from_file_name: bool = False, digest: str = "",
) -> Record | None:
    """The record of one mapping, or None when its id or a required field is missing or wrong."""
    def report(line: int, message: str) -> None:
        reporter.error(path, line, message)

    line = data.line
    explicit_id = data.get("id")
    if from_file_name and explicit_id is not None and explicit_id != record_id:
        report(data.line_of("id"), f"id '{explicit_id}' does not match the file name '{record_id}'")
        return None
    id_line = data.line_of("id") if "id" in data else line
    if not isinstance(record_id, str):
        report(id_line, "'id' must be text")
        return None
    problem = id_problem(record_id, " (from the file name)" if from_file_name else "")
    if problem:
        report(id_line, problem)
        return None
    spec = FIELDS[collection]
    fields_data = without_key(data, "id")
    converter = Converter(report)
    fields = converter.mapping(fields_data, spec, SINGULAR[collection])
    missing = [k for k, s in spec.items() if s.required and k not in fields]
    if missing:
        return None
    field_lines = {k: data.line_of(k) for k in data.key_lines}
    cls = RECORD_CLASSES[collection]
    record = cls(
        collection=collection, id=record_id, path=path, line=line, field_lines=field_lines,
        digest=digest,
        **fields,
    )
    check_markdown(record, reporter)
    return record


def without_key(data: YMap, key: str) -> YMap:
    """`data` less one key, keeping its lines."""
    rest = YMap((k, v) for k, v in data.items() if k != key)
    rest.line, rest.key_lines, rest.value_lines = data.line, data.key_lines, data.value_lines
    rest.span = data.span
    return rest


def load_document(collection: str, path: Path, root: Path, reporter: Reporter) -> list[Document]:
    """The document of a Markdown file with front matter (its id is the file's name)."""
    def report(line: int, message: str) -> None:
        reporter.error(path, line, message)

    problem = id_problem(path.stem, " (from the file name)")
    if problem:
        report(1, problem)
        return []
    text = files.read_text(path, root, reporter)
    if text is None:
        return []
    split = split_front_matter(text)
    if split.front_matter is None:
        if text.startswith("---"):
            report(1, "front matter starts with '---' but has no closing '---' line")
        else:
            report(1, "missing front matter: start the file with '---', a 'title:' line and '---'")
        return []
    data = parse_yaml(path, split.front_matter, reporter, split.front_matter_line)
    if data is None:
        if not split.front_matter.strip():
            report(1, "missing required field 'title' in front matter")
        return []
    if not isinstance(data, YMap):
        report(split.front_matter_line, "front matter must be a mapping of fields")
        return []
    fields = Converter(report).mapping(data, DOCUMENT_FIELDS, "front matter")
    if "title" not in fields:
        return []
    field_lines = {k: data.line_of(k) for k in data.key_lines}
    document = Document(
        collection=collection, id=path.stem, path=path, line=1, field_lines=field_lines,
        digest=source_digest(path, text), body=Markdown(split.body, split.body_line), **fields,
    )
    check_markdown(document, reporter)
    return [document]


_MARKDOWN_FIELDS: dict[type, tuple[str, ...]] = {}


def _markdown_fields(cls: type) -> tuple[str, ...]:
    """The fields of a record or document class that hold Markdown (by their annotations, which
    mypy holds to the truth): `summary`, `body`, `terms`..."""
    names = _MARKDOWN_FIELDS.get(cls)
    if names is None:
        names = _MARKDOWN_FIELDS[cls] = tuple(
            spec.name for spec in dataclasses.fields(cls) if "Markdown" in str(spec.type)
        )
    return names


def check_markdown(entity: Record | Document, reporter: Reporter) -> None:
    """Report Markdown that would crash or stall its conversion (see `limits`)."""
    for name in _markdown_fields(type(entity)):
        for line, message in field_problems(getattr(entity, name)):
            reporter.error(entity.path, line, message)
