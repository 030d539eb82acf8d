"""What a content folder already holds, for the commands that add to it (`new`, `extract`).

Loads the content through the loader (so it sees both collection forms) and answers: is this id
taken, which record already goes by this name or alias, which source already points at this file.
Content with errors still yields every record that loaded; the errors are kept for the caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from explainer.content.loader import load_content
from explainer.content.model import Entity, Record
from explainer.core.errors import Diagnostic, Reporter
from explainer.markup.names import name_key
from explainer.markup.names import names_of as claimed_names


@dataclass(frozen=True)
class NameUse:
    """One name an existing entity goes by, and where it is written."""

    entity: Entity
    text: str
    is_alias: bool
    path: Path
    line: int


@dataclass
class Catalog:
    root: Path
    content_dir: Path
    entities: dict[str, Entity] = field(default_factory=dict)
    names: dict[str, list[NameUse]] = field(default_factory=dict)
    source_files: dict[str, str] = field(default_factory=dict)  # file (posix, from root) -> source id
    errors: list[Diagnostic] = field(default_factory=list)
    reporter: Reporter | None = None

    def display_path(self, path: Path | str) -> str:
        """A path as the user can open it from the current folder, for what a command prints."""
        assert self.reporter is not None
        return self.reporter.display_path(path)

    def site_path(self, path: Path | str) -> str:
        """A path relative to the site root, for what a command writes into files."""
        assert self.reporter is not None
        return self.reporter.site_path(path)

    def where(self, entity: Entity, field_name: str = "") -> str:
        """``content/people/x.yaml:3``: where an entity (or one of its fields) is written, from
        the site root."""
        line = entity.line_of(field_name) if field_name else entity.line  # type: ignore[attr-defined]
        return f"{self.site_path(entity.path)}:{line}"

    def name_uses(self, name: str) -> list[NameUse]:
        return self.names.get(name_key(name), [])

    def _add_name(self, entity: Entity, text: str, is_alias: bool, line: int) -> None:
        uses = self.names.setdefault(name_key(text), [])
        if all(use.entity.id != entity.id for use in uses):
            uses.append(NameUse(entity, text, is_alias, entity.path, line))


def names_of(entity: Entity) -> list[tuple[str, bool, int]]:
    """The names a record goes by, as the mention linker claims them: (text, is_alias, line)."""
    return [
        (claim.text, claim.text != entity.display_name, claim.line) for claim in claimed_names(entity)
    ]


def load_catalog(content_dir: Path) -> Catalog:
    """Everything already in `content_dir` (which may be missing: then the catalog is empty)."""
    root = content_dir.resolve().parent
    reporter = Reporter(root)
    catalog = Catalog(root, content_dir, reporter=reporter)
    if not content_dir.is_dir():
        return catalog
    content = load_content(root, content_dir, reporter)
    for entity in content.entities:
        catalog.entities.setdefault(entity.id, entity)
        for text, is_alias, line in names_of(entity):
            catalog._add_name(entity, text, is_alias, line)
        if isinstance(entity, Record) and entity.collection == "sources":
            file = getattr(entity, "file", None)
            if file:
                catalog.source_files[Path(file).as_posix()] = entity.id
    catalog.errors = [d for d in reporter.errors if not d.message.startswith("missing site.yaml")]
    return catalog
