"""Which content files a page of the site was made from, for the preview's "Source" control.

Read from the engine's own model of the site (`SiteModel`), never guessed from URLs: the render
jobs say which record, article or page each output file shows (`PageJob.key`), and each entity
knows its file and line (`Entity.path`, `Entity.line`). So:

- a record's page: its YAML file; a record of a list file (`people.yaml`) with the line it starts on;
- a source's page: also its document in `seeds/` (its `file`), when it has one;
- an article or page: its Markdown file;
- a collection's list page (`/people/`, and `/timeline/`, `/glossary/`, `/quotes/` for the
  collections whose records are shown there): the collection's folder and list file, those that
  hold its records;
- any other page (home, corrections, the graph, 404, search): nothing.

Paths are shown as the build's messages show them (`Reporter.display_path`: from the current
folder); folders end with `/`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from explainer.content.kinds import KINDS
from explainer.content.model import Entity, Source
from explainer.core.errors import Reporter
from explainer.produce.site import SiteModel
from explainer.render.renderer import ENTITY_PAGE_KINDS, PageJob
from explainer.site import urls


@dataclass(frozen=True)
class SourceFile:
    """A content file (or folder) a page was made from."""

    path: Path  # absolute
    shown: str  # as the build's messages name it; a folder ends with "/"
    line: int | None = None  # where the page's record starts in a list file; None: the whole file

    @property
    def label(self) -> str:
        """`content/people.yaml:12`, or the path alone for a whole file or folder."""
        return self.shown if self.line is None else f"{self.shown}:{self.line}"


# The list pages that show a collection's records other than its index page: /timeline/ (events),
# /glossary/, /quotes/ (the page links to them go to, `CollectionKind.linked_on`).
LISTED_ON: dict[str, tuple[str, ...]] = {}
for _kind in KINDS:
    if _kind.linked_on:
        _page = urls.page_file(_kind.linked_on)
        LISTED_ON[_page] = (*LISTED_ON.get(_page, ()), _kind.name)


class PageSources:
    """The source files of each page of one loaded site; each page's answer is worked out once."""

    def __init__(self, model: SiteModel):
        self.model = model
        self.index = model.index
        self.content_dir = self.index.content.content_dir
        self.reporter = Reporter(model.options.root)  # only for its display of paths
        self._jobs: dict[str, PageJob] | None = None
        self._found: dict[str, tuple[SourceFile, ...]] = {}

    def of(self, output_path: str) -> tuple[SourceFile, ...]:
        """The files the page at `output_path` (`people/x/index.html`, relative to the output
        folder) was made from, or () for a page made from nothing in particular."""
        found = self._found.get(output_path)
        if found is None:
            found = self._found[output_path] = tuple(self._find(output_path))
        return found

    def _find(self, output_path: str) -> list[SourceFile]:
        if self._jobs is None:
            self._jobs = {job.path: job for job in self.model.renderer.jobs()}
        job = self._jobs.get(output_path)
        if job is None:
            return []  # not a rendered page (the graph, search), or not in this build
        if job.kind in ENTITY_PAGE_KINDS:
            entity = self.index.entities.get(job.key)
            return self.entity_files(entity) if entity is not None else []
        collections = (job.key,) if job.kind == "collection_index" else LISTED_ON.get(job.path, ())
        return [found for collection in collections for found in self.collection_files(collection)]

    def entity_files(self, entity: Entity) -> list[SourceFile]:
        """The file of a record, article or page (with the line in a list file), and a source's document."""
        in_list_file = entity.path.parent == self.content_dir
        found = [self.file(entity.path, entity.line if in_list_file else None)]
        if isinstance(entity, Source) and entity.file:
            found.append(self.file(self.index.content.root / entity.file))
        return found

    def collection_files(self, collection: str) -> list[SourceFile]:
        """The collection's folder and list file(s) that hold its records, in the order they are read."""
        homes: dict[Path, bool] = {}  # the folder or list file -> whether it is a folder
        for entity in self.index.by_collection(collection):
            folder = entity.path.parent
            if folder == self.content_dir:
                homes.setdefault(entity.path, False)
            else:
                homes.setdefault(folder, True)
        return [self.file(home, folder=is_folder) for home, is_folder in homes.items()]

    def file(self, path: Path, line: int | None = None, folder: bool = False) -> SourceFile:
        shown = self.reporter.display_path(path)
        return SourceFile(Path(os.path.abspath(shown)), shown + "/" if folder else shown, line)
