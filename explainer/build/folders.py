"""Where a build puts its files: the output folders a plan is written into.

`write_site` (`explainer.build.pipeline`) plans a build and hands every file to an `OutputFolder`,
then runs its finishing steps. Two kinds of folder take them:

- `SpareFolder`, for every `build.py` build and the preview's first: the spare generation of the
  output folder is brought up to date (each render worker writes the pages it renders) and
  swapped in whole, so a failed build leaves the live site as it was;
- the preview's `LiveFolder` (`explainer.preview.builder`): the live folder updated in place, one
  file at a time.

Also owns the finishing steps (`FINISHING_STEPS`: the search index), which run on a folder whose
files are all written.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path

from explainer.build.cache import BuildCache
from explainer.build.cache_header import LastSite, holds_last_files, outputs_intact
from explainer.build.plan import FirstPages, PageSink
from explainer.output.writer import SiteWriter, clean_leftovers
from explainer.produce.search import index_search
from explainer.produce.site import SiteModel

# Steps that run on the finished output folder just before it is swapped in (the search index).
# What they write is theirs to replace on every build.
FINISHING_STEPS: list[Callable[[SiteModel, Path], None]] = [index_search]


def finish_output(model: SiteModel, folder: Path) -> None:
    """Run the finishing steps on an output folder whose pages are all written."""
    for step in FINISHING_STEPS:
        step(model, folder)


class OutputFolder(ABC):
    """Takes the files of one build, in the order `write_site` gives them, then finishes."""

    sink: PageSink | None = None  # where render workers may store their pages themselves
    first: FirstPages | None = None  # wants the edited records' pages before the others

    def __init__(self) -> None:
        self.files: dict[str, str] = {}  # output path -> digest, every file of this build
        self.written: list[str] = []  # the output paths whose bytes changed

    @abstractmethod
    def holds_last_build(self, cache: BuildCache) -> bool:
        """Whether the files the cache says the last build wrote are in place, unchanged: only
        then may the plan keep them."""

    @abstractmethod
    def write(self, path: str, data: bytes) -> None:
        """A file rendered by this build."""

    @abstractmethod
    def record(self, path: str, file_digest: str, wrote: bool) -> None:
        """A file the `sink` already stored."""

    @abstractmethod
    def keep(self, path: str, file_digest: str) -> None:
        """A file the last build wrote, unchanged."""

    @abstractmethod
    def finish(self, model: SiteModel) -> None:
        """Every file is written: run the finishing steps and put the site in place."""


class SpareFolder(OutputFolder):
    """The spare generation of the output folder, swapped in whole when complete."""

    def __init__(self, out: Path, last: LastSite | None = None):
        """`last`: the last site as the build found it, its files' check under way."""
        super().__init__()
        clean_leftovers(out)
        self.out = out
        self.last = last
        self.writer = SiteWriter(out)
        self.sink = self.writer.put
        self.files = self.writer.new
        self.written = self.writer.written

    def holds_last_build(self, cache: BuildCache) -> bool:
        generations = self.writer.generations
        live = generations.live_manifest()
        if live is None and cache.outputs and holds_last_files(self.out, cache.outputs, self.last):
            # A site no manifest knows that holds the very files the last build wrote, read and
            # compared (a CI job restores the site with the cache into a new checkout): kept,
            # not written again whole, and known from now on.
            generations.set_manifest(self.out, cache.outputs)
            return True
        listed = bool(cache.outputs) and live == cache.outputs
        holds = listed and outputs_intact(self.out, cache.outputs, cache.saved_ns, self.last)
        if listed and not holds:
            # Touched since (by hand, or by another program): its manifest no longer says what
            # it holds, and it is the spare once this build is in place.
            self.writer.generations.set_manifest(self.out, None)
        if not holds:  # (and a live file edited in place may have been a file of the spare too)
            self.writer.distrust_linked()
        return holds

    def write(self, path: str, data: bytes) -> None:
        self.writer.write(path, data)

    def record(self, path: str, file_digest: str, wrote: bool) -> None:
        self.writer.record(path, file_digest, wrote)

    def keep(self, path: str, file_digest: str) -> None:
        if self.writer.old.get(path) == file_digest and self.writer.trusted:
            self.writer.record(path, file_digest, False)
        else:  # the spare holds an older version: take the live one
            self.writer.take_from_live(path, file_digest)

    def finish(self, model: SiteModel) -> None:
        def steps(folder: Path) -> None:
            model.timer.lap("commit")
            model.options.progress.stage("indexing for search" if model.search else "finishing")
            finish_output(model, folder)
            model.timer.lap("search")

        self.writer.commit(steps)
        model.timer.lap("commit")


class EditionFolder(OutputFolder):
    """The folder of one language's edition (`es/`) inside the output folder the build writes:
    every path is the edition's, put under its folder; the outer folder finishes."""

    def __init__(self, outer: OutputFolder, prefix: str):
        super().__init__()
        self.outer, self.prefix = outer, prefix
        sink = outer.sink
        if sink is not None:
            self.sink = lambda path, data: sink(prefix + path, data)
        first = outer.first
        if first is not None:
            self.first = lambda pages: first({prefix + path: data for path, data in pages.items()})

    def holds_last_build(self, cache: BuildCache) -> bool:
        return self.outer.holds_last_build(cache)

    def write(self, path: str, data: bytes) -> None:
        self.outer.write(self.prefix + path, data)

    def record(self, path: str, file_digest: str, wrote: bool) -> None:
        self.outer.record(self.prefix + path, file_digest, wrote)

    def keep(self, path: str, file_digest: str) -> None:
        self.outer.keep(self.prefix + path, file_digest)

    def finish(self, model: SiteModel) -> None:
        """Nothing: the outer folder finishes once every edition is in it."""
