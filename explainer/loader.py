"""The only reader of `content/`: turns files into typed records, reporting every mistake.

Reads `site.yaml`, each collection in its folder form (`people/<id>.yaml`) or single-file form
(`people.yaml`, a list with `id`s), articles and pages with front matter, and the text of every
source `file` (for quote checks). Problems go to the `Reporter` with the file and line.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from .errors import Reporter, did_you_mean
from .model import (
    COLLECTIONS,
    DOCUMENT_COLLECTIONS,
    RECORD_CLASSES,
    SINGULAR,
    Content,
    Document,
    Markdown,
    Record,
    SiteConfig,
)
from .schema import DOCUMENT_FIELDS, FIELDS, SITE_FIELDS, Converter, id_problem
from .yamlsource import YamlError, YList, YMap, load_yaml, split_front_matter

MAX_FILE_BYTES = 8 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")
SEEDS_DIR = "seeds"


def read_text(path: Path, root: Path, reporter: Reporter) -> str | None:
    """Read a UTF-8 text file (a BOM is allowed), refusing links out of the site and huge files."""
    try:
        resolved = path.resolve()
        if not resolved.is_relative_to(root.resolve()):
            reporter.error(path, 1, f"refusing to read a link that points outside the site: {path.name}")
            return None
        size = resolved.stat().st_size
        if size > MAX_FILE_BYTES:
            reporter.error(
                path, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes"
            )
            return None
        data = resolved.read_bytes()
    except OSError as exc:
        reporter.error(path, 1, f"cannot read file: {exc.strerror or exc}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        reporter.error(path, line, "file is not valid UTF-8 text")
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        reporter.error(path, line, "file contains a NUL character")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


class Loader:
    def __init__(self, root: Path, content_dir: Path, reporter: Reporter):
        self.root = root
        self.content_dir = content_dir
        self.reporter = reporter

    def load(self) -> Content:
        config = self.load_config()
        records: list[Record] = []
        documents: list[Document] = []
        self.check_layout()
        for collection in COLLECTIONS:
            records.extend(self.load_collection(collection))
        for collection in DOCUMENT_COLLECTIONS:
            folder = self.content_dir / collection
            if folder.is_dir():
                for path in sorted(folder.iterdir()):
                    if path.name.startswith("."):
                        continue
                    if path.suffix != ".md" or not path.is_file():
                        self.reporter.warning(path, 1, "ignored: only .md files belong here")
                        continue
                    document = self.load_document(collection, path)
                    if document is not None:
                        documents.append(document)
        content = Content(self.root, self.content_dir, config, records, documents)
        content.source_texts = self.load_source_texts(records)
        return content

    def check_layout(self) -> None:
        known = {"site.yaml", *COLLECTIONS, *DOCUMENT_COLLECTIONS}
        known |= {c + s for c in COLLECTIONS for s in YAML_SUFFIXES}
        for path in sorted(self.content_dir.iterdir()):
            if path.name.startswith(".") or path.name in known:
                continue
            stem = path.stem if path.is_file() else path.name
            self.reporter.error(
                path, 1,
                f"unknown collection '{stem}'"
                f"{did_you_mean(stem, [*COLLECTIONS, *DOCUMENT_COLLECTIONS, 'site'])}",
            )

    def parse_yaml(self, path: Path, text: str, first_line: int = 1) -> object:
        try:
            return load_yaml(text, first_line)
        except YamlError as exc:
            self.reporter.error(path, exc.problem.line, exc.problem.message)
            return None

    def load_config(self) -> SiteConfig:
        path = self.content_dir / "site.yaml"
        if not path.is_file():
            self.reporter.error(path, 1, "missing site.yaml: it needs at least a 'title'")
            return SiteConfig(title="Untitled")
        text = read_text(path, self.root, self.reporter)
        data = self.parse_yaml(path, text) if text is not None else None
        if not isinstance(data, dict):
            if text is not None and data is not None:
                self.reporter.error(path, 1, "site.yaml must be a mapping of settings")
            return SiteConfig(title="Untitled")
        fields = Converter(lambda line, msg: self.reporter.error(path, line, msg)).mapping(
            data, SITE_FIELDS, "site.yaml"
        )
        fields.setdefault("title", "Untitled")
        return SiteConfig(**fields)

    def load_collection(self, collection: str) -> list[Record]:
        records: list[Record] = []
        folder = self.content_dir / collection
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.name.startswith("."):
                    continue
                if path.suffix not in YAML_SUFFIXES or not path.is_file():
                    self.reporter.warning(path, 1, "ignored: only .yaml files belong here")
                    continue
                text = read_text(path, self.root, self.reporter)
                data = self.parse_yaml(path, text) if text is not None else None
                if data is None:
                    if text is not None and not text.strip():
                        self.reporter.error(path, 1, "file is empty")
                    continue
                if not isinstance(data, dict):
                    self.reporter.error(path, 1, "a record file must be a mapping of fields")
                    continue
                record = self.build_record(collection, path, data, path.stem, from_file_name=True)
                if record is not None:
                    records.append(record)
        for suffix in YAML_SUFFIXES:
            path = self.content_dir / (collection + suffix)
            if path.is_file():
                records.extend(self.load_list_file(collection, path))
        return records

    def load_list_file(self, collection: str, path: Path) -> list[Record]:
        text = read_text(path, self.root, self.reporter)
        data = self.parse_yaml(path, text) if text is not None else None
        if data is None:
            return []
        if not isinstance(data, list):
            self.reporter.error(path, 1, f"{path.name} must be a list of records, each with an 'id'")
            return []
        records = []
        lines = data.item_lines if isinstance(data, YList) else [1] * len(data)
        for item, line in zip(data, lines, strict=False):
            if not isinstance(item, dict):
                self.reporter.error(path, line, "each item must be a mapping of fields with an 'id'")
                continue
            record_id = item.get("id")
            if record_id is None:
                self.reporter.error(path, line, "missing required field 'id'")
                continue
            record = self.build_record(collection, path, item, record_id)
            if record is not None:
                records.append(record)
        return records

    def build_record(
        self, collection: str, path: Path, data: YMap, record_id: object, from_file_name: bool = False
    ) -> Record | None:
        def report(line: int, message: str) -> None:
            self.reporter.error(path, line, message)

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
        fields_data = YMap((k, v) for k, v in data.items() if k != "id")
        fields_data.line, fields_data.key_lines = line, data.key_lines
        fields_data.value_lines = data.value_lines
        converter = Converter(report)
        fields = converter.mapping(fields_data, spec, SINGULAR[collection])
        missing = [k for k, s in spec.items() if s.required and k not in fields]
        if missing:
            return None
        field_lines = {k: data.line_of(k) for k in data.key_lines}
        cls = RECORD_CLASSES[collection]
        return cls(
            collection=collection, id=record_id, path=path, line=line, field_lines=field_lines,
            **fields,
        )

    def load_document(self, collection: str, path: Path) -> Document | None:
        def report(line: int, message: str) -> None:
            self.reporter.error(path, line, message)

        problem = id_problem(path.stem, " (from the file name)")
        if problem:
            report(1, problem)
            return None
        text = read_text(path, self.root, self.reporter)
        if text is None:
            return None
        split = split_front_matter(text)
        if split.front_matter is None:
            if text.startswith("---"):
                report(1, "front matter starts with '---' but has no closing '---' line")
            else:
                report(1, "missing front matter: start the file with '---', a 'title:' line and '---'")
            return None
        data = self.parse_yaml(path, split.front_matter, split.front_matter_line)
        if data is None:
            if not split.front_matter.strip():
                report(1, "missing required field 'title' in front matter")
            return None
        if not isinstance(data, dict):
            report(split.front_matter_line, "front matter must be a mapping of fields")
            return None
        fields = Converter(report).mapping(data, DOCUMENT_FIELDS, "front matter")
        if "title" not in fields:
            return None
        field_lines = {k: data.line_of(k) for k in data.key_lines}
        return Document(
            collection=collection, id=path.stem, path=path, line=1, field_lines=field_lines,
            body=Markdown(split.body, split.body_line), **fields,
        )

    def load_source_texts(self, records: list[Record]) -> dict[str, str]:
        texts = {}
        seeds = (self.root / SEEDS_DIR).resolve()
        for record in records:
            file = getattr(record, "file", None)
            if record.collection != "sources" or not file:
                continue
            line = record.line_of("file")
            target = (self.root / file)
            if not target.resolve().is_relative_to(seeds):
                self.reporter.error(
                    record.path, line, f"source file '{file}' must be inside the {SEEDS_DIR}/ folder"
                )
                continue
            if not target.is_file():
                self.reporter.error(record.path, line, f"source file '{file}' does not exist")
                continue
            text = read_text(target, self.root, self.reporter)
            if text is not None:
                texts[record.id] = text
        return texts


def load_content(root: Path, content_dir: Path, reporter: Reporter) -> Content:
    """Read everything under `content_dir` (the site root is `root`)."""
    return Loader(root, content_dir, reporter).load()
