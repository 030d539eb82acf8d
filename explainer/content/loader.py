"""The only reader of `content/`: turns files into typed records, reporting every mistake.

Owns what a load reads and in what order: `site.yaml`, each collection in its folder form
(`people/<id>.yaml`) or single-file form (`people.yaml`, a list with `id`s), articles and pages
with front matter, and the text of every source `file` (for quote checks), and which names may
stand in `content/` at all. Walking the folders and reusing what a file gave is `walk`'s, reading
a file safely is `files`', and what a file's text gives is `records`'. Problems go to the
`Reporter` with the file and line.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from explainer.content import files  # `files.read_text`, looked up at each read (tests count reads)
from explainer.content.files import MAX_FILE_BYTES, SEEDS_DIR, FileCache, read_text, resolved, resolved_folder
from explainer.content.kinds import COLLECTIONS, DOCUMENT_COLLECTIONS
from explainer.content.model import Content, Document, Record, Translation
from explainer.content.records import load_config, load_document, load_list_file, load_record_file
from explainer.content.translations import (
    SITE_FILE_RE,
    list_translations,
    load_document_translation,
    load_site_translation,
    load_translation_file,
    sibling_name,
)
from explainer.content.walk import FolderWalker, ReadPath
from explainer.core.errors import Reporter, did_you_mean

__all__ = ["MAX_FILE_BYTES", "SEEDS_DIR", "YAML_SUFFIXES", "FileCache", "Loader", "load_content", "read_text"]

YAML_SUFFIXES = (".yaml", ".yml")


class Loader(FolderWalker):
    """One load of a site's content, reusing what `cache` kept of unchanged files."""

    def __init__(
        self, root: Path, content_dir: Path, reporter: Reporter, cache: FileCache | None = None, workers: int = 1,
    ):
        super().__init__(root, reporter, cache, workers)
        self.content_dir = content_dir

    def load(self) -> Content:
        resolved_folder.cache_clear()  # folders may have been replaced by links since last time
        config = load_config(self.content_dir, self.root, self.reporter)
        loaded: list[Record | Translation] = []
        documents: list[Document | Translation] = []
        self.check_layout()
        self.read_ahead([
            *((self.content_dir / c, YAML_SUFFIXES, self.record_reader(c)) for c in COLLECTIONS),
            *((self.content_dir / c, (".md",), self.document_reader(c)) for c in DOCUMENT_COLLECTIONS),
        ])
        for collection in COLLECTIONS:
            loaded.extend(self.load_collection(collection))
        for collection in DOCUMENT_COLLECTIONS:
            documents.extend(self.load_documents(collection))
        records = [item for item in loaded if isinstance(item, Record)]
        content = Content(
            self.root, self.content_dir, config, records,
            [item for item in documents if isinstance(item, Document)],
        )
        content.translations = [
            *self.load_site_translations(),
            *(item for item in [*loaded, *documents] if isinstance(item, Translation)),
        ]
        content.source_texts = self.load_source_texts(records)
        self.finish()
        return content

    def check_layout(self) -> None:
        known = {"site.yaml", *COLLECTIONS, *DOCUMENT_COLLECTIONS}
        known |= {c + s for c in COLLECTIONS for s in YAML_SUFFIXES}
        for path in sorted(self.content_dir.iterdir()):
            if path.name.startswith(".") or path.name in known or SITE_FILE_RE.match(path.name):
                continue
            stem = path.stem if path.is_file() else path.name
            self.reporter.error(
                path, 1,
                f"unknown collection '{stem}'"
                f"{did_you_mean(stem, [*COLLECTIONS, *DOCUMENT_COLLECTIONS, 'site'])}",
            )

    def load_collection(self, collection: str) -> list[Record | Translation]:
        """A collection's records: those of its folder, then those of its single file(s)."""
        records: list[Record | Translation] = list(self.scan_folder(
            self.content_dir / collection, YAML_SUFFIXES, "ignored: only .yaml files belong here",
            self.record_reader(collection),
        ))
        changed = self.changed_names(self.content_dir)
        for suffix in YAML_SUFFIXES:
            path = self.content_dir / (collection + suffix)
            if path.is_file():
                trusted = changed is not None and path.name not in changed and not path.is_symlink()
                read = functools.partial(
                    load_list_file, collection, path, self.root, translations=list_translations,
                )
                records.extend(self.cached(path, read, trusted))
        return records

    def record_reader(self, collection: str) -> ReadPath:
        """How a file of a collection's folder is read: a record, or its translation."""
        return lambda path, reporter: (
            load_translation_file(collection, path, self.root, reporter) if sibling_name(path.stem)
            else load_record_file(collection, path, self.root, reporter)
        )

    def load_documents(self, collection: str) -> list[Document | Translation]:
        return self.scan_folder(
            self.content_dir / collection, (".md",), "ignored: only .md files belong here",
            self.document_reader(collection),
        )

    def document_reader(self, collection: str) -> ReadPath:
        """How a file of a document collection's folder is read: a document, or its translation."""
        return lambda path, reporter: (
            load_document_translation(collection, path, self.root, reporter) if sibling_name(path.stem)
            else load_document(collection, path, self.root, reporter)
        )

    def load_site_translations(self) -> list[Translation]:
        """The site's own text in other languages: `site.<lang>.yaml`, in file-name order."""
        found: list[Translation] = []
        for path in sorted(self.content_dir.glob("site.*.yaml")):
            if SITE_FILE_RE.match(path.name) and path.is_file():
                found.extend(self.cached(path, functools.partial(load_site_translation, path, self.root)))
        return found

    def load_source_texts(self, records: list[Record]) -> dict[str, str]:
        """The text of each source's `file`, which must be a regular file inside `seeds/`."""
        texts = {}
        seeds = (self.root / SEEDS_DIR).resolve()
        for record in records:
            if record.collection != "sources":  # (first: nearly every record is not a source)
                continue
            file = getattr(record, "file", None)
            if not file:
                continue
            line = record.line_of("file")
            target = (self.root / file)
            real = resolved(target)
            if real is None:
                self.reporter.error(record.path, line, f"source file '{file}' is a symbolic link that loops")
                continue
            if not real.is_relative_to(seeds):
                if Path(os.path.normpath(target)).is_relative_to(self.root / SEEDS_DIR):
                    self.reporter.error(
                        record.path, line,
                        f"source file '{file}' is a symbolic link that points outside the {SEEDS_DIR}/ folder",
                    )
                else:
                    self.reporter.error(
                        record.path, line, f"source file '{file}' must be inside the {SEEDS_DIR}/ folder"
                    )
                continue
            if not target.is_file():
                if target.exists():  # a folder, or a FIFO (reading one would block the build)
                    self.reporter.error(record.path, line, f"source file '{file}' is not a regular file")
                else:
                    self.reporter.error(record.path, line, f"source file '{file}' does not exist")
                continue
            found = self.cached(target, functools.partial(_read_source, target, self.root))
            if found[0] is not None:
                texts[record.id] = found[0]
        return texts


def _read_source(path: Path, root: Path, reporter: Reporter) -> list[str | None]:
    return [files.read_text(path, root, reporter)]


def load_content(
    root: Path, content_dir: Path, reporter: Reporter, cache: FileCache | None = None, workers: int = 1,
) -> Content:
    """Read everything under `content_dir` (the site root is `root`), reusing `cache` if given
    (a clean load's files, when there are many, are read by up to `workers` processes)."""
    return Loader(root, content_dir, reporter, cache, workers).load()
