"""The only reader of `content/`: turns files into typed records, reporting every mistake.

Reads `site.yaml`, each collection in its folder form (`people/<id>.yaml`) or single-file form
(`people.yaml`, a list with `id`s), articles and pages with front matter, and the text of every
source `file` (for quote checks). Problems go to the `Reporter` with the file and line.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import stat
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from explainer.content.kinds import COLLECTIONS, DOCUMENT_COLLECTIONS, SINGULAR
from explainer.content.limits import markdown_problems
from explainer.content.model import RECORD_CLASSES, Content, Document, Markdown, Record, SiteConfig
from explainer.content.schema import DOCUMENT_FIELDS, FIELDS, SITE_FIELDS, Converter, id_problem
from explainer.content.yamlsource import YamlError, YList, YMap, load_yaml, split_front_matter
from explainer.core.errors import Diagnostic, Reporter, did_you_mean

MAX_FILE_BYTES = 8 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")
SEEDS_DIR = "seeds"


@functools.lru_cache(maxsize=4096)
def _resolved_folder(folder: str) -> Path:
    return Path(folder).resolve()


def _resolved(path: Path) -> Path | None:
    """Where `path` really is, or None for a symbolic link loop.

    Folders are resolved once per build, not once per file.
    """
    try:
        if os.path.islink(path):
            return path.resolve()
        return _resolved_folder(str(path.parent)) / path.name
    except (OSError, RuntimeError):  # Python < 3.13 raises RuntimeError for a loop
        return None


def read_text(path: Path, root: Path, reporter: Reporter) -> str | None:
    """Read a UTF-8 text file (a BOM is allowed), refusing links out of the site and huge files."""
    try:
        resolved = _resolved(path)
        if resolved is None:
            reporter.error(path, 1, f"cannot read file: {path.name} is a symbolic link that loops")
            return None
        if not resolved.is_relative_to(_resolved_folder(str(root))):
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


@dataclass
class CachedFile:
    stamp: tuple[int, int, int]
    items: list
    diagnostics: list[Diagnostic]


@dataclass
class CachedFolder:
    """What one collection folder gave: its entries (name -> (kind, is a link)), the items of
    all its files in order, and the diagnostics they gave."""

    entries: dict[str, tuple[str, bool]]
    items: list
    paths: list[Path]
    diagnostics: list[Diagnostic]
    notes: list[Diagnostic] = field(default_factory=list)  # about the entries: ignored, broken


def _only_edited(folder: Path, known: CachedFolder, changed: set[str]) -> bool:
    """Whether every changed name is a plain file the folder had and still has (an edit, not a
    new, removed or replaced entry), so that its listing is as it was."""
    for name in changed:
        if known.entries.get(name) != ("file", False):
            return False
        try:
            info = os.lstat(folder / name)
        except OSError:
            return False
        if not stat.S_ISREG(info.st_mode):
            return False
    return True


@dataclass
class Changes:
    """The paths changed since the last complete load, as the preview server's watcher saw them
    (absolute, with links resolved). Any of them may be a folder."""

    paths: set[Path] = field(default_factory=set)
    names: dict[Path, set[str]] = field(default_factory=dict)  # folder -> names changed in it

    def add(self, paths: Iterable[Path]) -> None:
        for path in paths:
            self.paths.add(path)
            self.names.setdefault(path.parent, set()).add(path.name)

    def in_folder(self, real: Path) -> set[str] | None:
        """The names changed in a folder, or None when the folder itself (or one holding it) did."""
        if real in self.paths or not self.paths.isdisjoint(real.parents):
            return None
        return self.names.get(real, set())


class FileCache:
    """What each content file gave last time, reused while the file is unchanged on disk.

    Keyed on the file's path and (modification time, size, inode), so an edited, replaced or
    touched file is read again. Kept by the preview server and the persistent build cache.

    When the caller knows which paths changed since the last complete load (`note_changes`: the
    preview server's watcher does), files and folders outside them are trusted without looking
    at the disk again, so a load costs in proportion to the change. Links are always looked at:
    an edit of what they point to is not seen as a change of the link.
    """

    def __init__(self, strict: bool = False):
        self.strict = strict
        self.files: dict[Path, CachedFile] = {}
        self.folders: dict[Path, CachedFolder] = {}
        self.changes: Changes | None = None  # None: unknown, so every file is looked at
        self.hits = 0

    def note_changes(self, paths: Iterable[Path] | None) -> None:
        """Paths changed since the last load; None when that is not known (look at everything)."""
        if paths is None or self.changes is None:
            self.changes = None
        else:
            self.changes.add(paths)


def source_digest(path: Path, text: str, line: int = 1) -> str:
    """A digest of an entity's source: its file, where it starts, and its text."""
    data = f"{path}\0{line}\0{text}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Loader:
    def __init__(self, root: Path, content_dir: Path, reporter: Reporter, cache: FileCache | None = None):
        self.root = root
        self.content_dir = content_dir
        self.reporter = reporter
        self.cache = cache if cache is not None and cache.strict == reporter.strict else None
        # Taken now: changes noted while this load runs are for the next one.
        self.changes = self.cache.changes if self.cache is not None else None
        if self.cache is not None:
            self.cache.changes = None  # until this load completes
        self.seen: set[Path] = set()

    def changed_names(self, folder: Path) -> set[str] | None:
        """The names changed in `folder` since the last complete load, or None when unknown."""
        if self.changes is None or os.path.islink(folder):
            return None
        return self.changes.in_folder(_resolved_folder(str(folder)))

    def cached(self, path: Path, read: Callable[[], list], trusted: bool = False) -> list:
        """`read()` for one file, or what it gave last time if the file has not changed.

        A `trusted` file is known not to have changed, so its stamp is not looked at.
        """
        self.seen.add(path)
        if self.cache is None:
            return read()
        entry = self.cache.files.get(path) if trusted else None
        if entry is not None:
            self.cache.hits += 1
            self.reporter.extend(entry.diagnostics)
            return entry.items
        try:
            info = os.stat(path)
        except OSError:
            return read()
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        entry = self.cache.files.get(path)
        if entry is not None and entry.stamp == stamp:
            self.cache.hits += 1
            self.reporter.extend(entry.diagnostics)
            return entry.items
        outer = self.reporter
        self.reporter = Reporter(outer.root, outer.strict)
        try:
            items = read()
            diagnostics = self.reporter.diagnostics
        finally:
            self.reporter = outer
        outer.extend(diagnostics)
        self.cache.files[path] = CachedFile(stamp, items, diagnostics)
        return items

    def load(self) -> Content:
        _resolved_folder.cache_clear()  # folders may have been replaced by links since last time
        config = self.load_config()
        records: list[Record] = []
        documents: list[Document] = []
        self.check_layout()
        for collection in COLLECTIONS:
            records.extend(self.load_collection(collection))
        for collection in DOCUMENT_COLLECTIONS:
            documents.extend(self.scan_folder(
                self.content_dir / collection, (".md",), "ignored: only .md files belong here",
                lambda p, c=collection: self.load_document(c, p),
            ))
        content = Content(self.root, self.content_dir, config, records, documents)
        content.source_texts = self.load_source_texts(records)
        if self.cache is not None:  # forget files that are gone
            for path in set(self.cache.files) - self.seen:
                del self.cache.files[path]
            self.cache.changes = Changes()  # complete: from now on, changes can be counted
        return content

    def scan_folder(
        self, folder: Path, suffixes: tuple[str, ...], ignored: str, read: Callable[[Path], list]
    ) -> list:
        """What the files of one collection folder give, in file-name order.

        A folder in which nothing changed since the last complete load is not looked at again,
        and in one that did, only the changed files are.
        """
        if not folder.is_dir() or self.linked_outside(folder):
            return []
        changed = self.changed_names(folder)
        known = self.cache.folders.get(folder) if self.cache is not None else None
        if known is not None and changed is not None and not changed:
            self.seen.update(known.paths)
            self.reporter.extend(known.diagnostics)
            return known.items
        if known is not None and changed and _only_edited(folder, known, changed):
            return self.reread_edited(folder, known, changed, read)
        outer = self.reporter
        self.reporter = Reporter(outer.root, outer.strict)
        notes = Reporter(outer.root, outer.strict)  # about the folder's entries, not their text
        entries: dict[str, tuple[str, bool]] = {}
        items: list = []
        paths: list[Path] = []
        try:
            for name in sorted(os.listdir(folder)):
                if name.startswith("."):
                    continue
                path = folder / name
                entry = None
                if known is not None and changed is not None and name not in changed:
                    entry = known.entries.get(name)
                if entry is None:
                    linked = path.is_symlink()
                    entry = ("broken" if linked and not path.exists() else
                             "file" if path.is_file() else "other", linked)
                entries[name] = entry
                kind, linked = entry
                if kind == "broken":
                    notes.error(path, 1, f"{name} is a symbolic link to a file that does not exist")
                elif path.suffix not in suffixes or kind != "file":
                    notes.warning(path, 1, ignored)
                else:
                    paths.append(path)
                    trusted = changed is not None and name not in changed and not linked
                    items.extend(self.cached(path, lambda p=path: read(p), trusted))
            self.reporter.extend(notes.diagnostics)
            diagnostics = self.reporter.diagnostics
        finally:
            self.reporter = outer
        outer.extend(diagnostics)
        if self.cache is not None:
            self.cache.folders[folder] = CachedFolder(entries, items, paths, diagnostics, notes.diagnostics)
        return items

    def reread_edited(
        self, folder: Path, known: CachedFolder, changed: set[str], read: Callable[[Path], list],
    ) -> list:
        """`scan_folder` when only files it had were edited: its listing is as it was, so only
        the edited files are read again."""
        outer = self.reporter
        self.reporter = Reporter(outer.root, outer.strict)
        items: list = []
        try:
            self.reporter.extend(known.notes)
            for path in known.paths:
                items.extend(self.cached(path, lambda p=path: read(p), path.name not in changed))
            diagnostics = self.reporter.diagnostics
        finally:
            self.reporter = outer
        outer.extend(diagnostics)
        self.cache.folders[folder] = CachedFolder(  # type: ignore[union-attr]
            known.entries, items, known.paths, diagnostics, known.notes)
        return items

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

    def linked_outside(self, folder: Path) -> bool:
        """Report a collection folder that is a link out of the site; its files are not read."""
        resolved = _resolved(folder)
        if resolved is not None and not resolved.is_relative_to(_resolved_folder(str(self.root))):
            self.reporter.error(folder, 1, f"refusing to read a link that points outside the site: {folder.name}")
            return True
        return False

    def load_collection(self, collection: str) -> list[Record]:
        records: list[Record] = list(self.scan_folder(
            self.content_dir / collection, YAML_SUFFIXES, "ignored: only .yaml files belong here",
            lambda p: self.load_record_file(collection, p),
        ))
        changed = self.changed_names(self.content_dir)
        for suffix in YAML_SUFFIXES:
            path = self.content_dir / (collection + suffix)
            if path.is_file():
                trusted = changed is not None and path.name not in changed and not path.is_symlink()
                records.extend(self.cached(path, lambda p=path: self.load_list_file(collection, p), trusted))
        return records

    def load_record_file(self, collection: str, path: Path) -> list[Record]:
        text = read_text(path, self.root, self.reporter)
        data = self.parse_yaml(path, text) if text is not None else None
        if data is None:
            if text is not None and not text.strip():
                self.reporter.error(path, 1, "file is empty")
            return []
        if not isinstance(data, dict):
            self.reporter.error(path, 1, "a record file must be a mapping of fields")
            return []
        record = self.build_record(
            collection, path, data, path.stem, from_file_name=True, digest=source_digest(path, text)
        )
        return [record] if record is not None else []

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
            start, end = item.span if isinstance(item, YMap) else (0, len(text))
            digest = source_digest(path, text[start:end], line)
            record = self.build_record(collection, path, item, record_id, digest=digest)
            if record is not None:
                records.append(record)
        return records

    def build_record(
        self, collection: str, path: Path, data: YMap, record_id: object, from_file_name: bool = False,
        digest: str = "",
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
        record = cls(
            collection=collection, id=record_id, path=path, line=line, field_lines=field_lines,
            digest=digest,
            **fields,
        )
        self.check_markdown(record)
        return record

    def load_document(self, collection: str, path: Path) -> list[Document]:
        def report(line: int, message: str) -> None:
            self.reporter.error(path, line, message)

        problem = id_problem(path.stem, " (from the file name)")
        if problem:
            report(1, problem)
            return []
        text = read_text(path, self.root, self.reporter)
        if text is None:
            return []
        split = split_front_matter(text)
        if split.front_matter is None:
            if text.startswith("---"):
                report(1, "front matter starts with '---' but has no closing '---' line")
            else:
                report(1, "missing front matter: start the file with '---', a 'title:' line and '---'")
            return []
        data = self.parse_yaml(path, split.front_matter, split.front_matter_line)
        if data is None:
            if not split.front_matter.strip():
                report(1, "missing required field 'title' in front matter")
            return []
        if not isinstance(data, dict):
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
        self.check_markdown(document)
        return [document]

    def check_markdown(self, entity: Record | Document) -> None:
        """Report Markdown that would crash or stall its conversion (see `limits`)."""
        for spec in dataclasses.fields(entity):
            value = getattr(entity, spec.name)
            for text in value if isinstance(value, tuple) else (value,):
                if isinstance(text, Markdown):
                    for offset, message in markdown_problems(text.text):
                        self.reporter.error(entity.path, text.line + offset, message)

    def load_source_texts(self, records: list[Record]) -> dict[str, str]:
        texts = {}
        seeds = (self.root / SEEDS_DIR).resolve()
        for record in records:
            file = getattr(record, "file", None)
            if record.collection != "sources" or not file:
                continue
            line = record.line_of("file")
            target = (self.root / file)
            resolved = _resolved(target)
            if resolved is None:
                self.reporter.error(record.path, line, f"source file '{file}' is a symbolic link that loops")
                continue
            if not resolved.is_relative_to(seeds):
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
            found = self.cached(target, lambda t=target: [read_text(t, self.root, self.reporter)])
            if found[0] is not None:
                texts[record.id] = found[0]
        return texts


def load_content(
    root: Path, content_dir: Path, reporter: Reporter, cache: FileCache | None = None
) -> Content:
    """Read everything under `content_dir` (the site root is `root`), reusing `cache` if given."""
    return Loader(root, content_dir, reporter, cache).load()
