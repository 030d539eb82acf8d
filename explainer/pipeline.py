"""`build_site`: the whole build as a short list of named stages.

load → validate → index (entity graph, Markdown, backlinks) → render → write. Nothing is written
until every stage has succeeded, and the output folder is swapped in whole. Markdown conversion
and page rendering run in forked worker processes on every core when the site is large enough;
the output is byte-identical either way.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .assets import collect_assets
from .convert import ConvertedText, convert_all
from .errors import ContentError, Diagnostic, Reporter
from .glossary import glossary_files
from .index import SiteIndex, build_index
from .loader import load_content
from .markup import MarkdownRenderer
from .output import SiteWriter, clean_leftovers
from .parallel import default_workers, map_chunks
from .render import PageJob, PageOutput, Renderer, TemplateError, make_environment
from .timeline import TimelineEntry, build_timeline
from .timeline_export import timeline_files
from .verify import verify_quotes, warn_orphans
from .views import ViewBuilder

ENGINE_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuildOptions:
    content_dir: Path
    out_dir: Path
    base_url: str | None = None
    strict: bool = False
    workers: int = field(default_factory=default_workers)

    @property
    def root(self) -> Path:
        """The site root: the folder holding `content/` and `seeds/`."""
        return self.content_dir.resolve().parent

    @property
    def template_dirs(self) -> list[Path]:
        return _unique([self.root / "templates", ENGINE_DIR / "templates"])

    @property
    def static_dirs(self) -> list[Path]:
        return _unique([self.root / "static", ENGINE_DIR / "static"])


@dataclass
class BuildResult:
    pages: int
    files: int
    seconds: float
    warnings: list[Diagnostic] = field(default_factory=list)
    written: int = 0  # files whose bytes changed
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class SiteModel:
    """Everything the render stage needs, built once."""

    options: BuildOptions
    index: SiteIndex
    converted: ConvertedText
    timeline: list[TimelineEntry]
    views: ViewBuilder
    renderer: Renderer
    timer: StageTimer


def _unique(paths: list[Path]) -> list[Path]:
    seen: list[Path] = []
    for path in paths:
        if path.resolve() not in [p.resolve() for p in seen]:
            seen.append(path)
    return seen


class StageTimer:
    """Wall-clock seconds per named build stage (`build.py --timings` prints them)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now


def load_site(options: BuildOptions, reporter: Reporter, timer: StageTimer | None = None) -> SiteModel:
    """Load, validate and index the content; raise ContentError listing every problem."""
    timer = timer or StageTimer()
    content = load_content(options.root, options.content_dir, reporter)
    if options.base_url is not None:
        content.config = replace(content.config, base_url=options.base_url)
    reporter.raise_if_errors()
    timer.lap("load")
    index = build_index(content, reporter)
    timer.lap("index")
    converted = convert_all(
        index, reporter, lambda local: MarkdownRenderer(index, local), options.workers
    )
    timer.lap("markdown")
    verify_quotes(index, reporter)
    warn_orphans(index, reporter)
    reporter.raise_if_errors()
    timer.lap("verify")
    timeline = build_timeline(index)
    views = ViewBuilder(index, converted, timeline)
    assets = collect_assets(options.static_dirs)
    renderer = Renderer(make_environment(options.template_dirs), index, views, timeline, assets)
    timer.lap("prepare")
    return SiteModel(options, index, converted, timeline, views, renderer, timer)


# Each producer turns the site model into extra output files (feeds, JSON exports, graphs); a
# feature that adds files to the site adds its producer here. HTML pages are rendered as jobs.
PRODUCERS: list[Callable[[SiteModel], Iterable[PageOutput]]] = [timeline_files, glossary_files]


def render_site(model: SiteModel) -> list[PageOutput]:
    """Every output file of the site, in a stable order, rendered in this process."""
    pages = list(model.renderer.all_pages())
    pages += [page for producer in PRODUCERS for page in producer(model)]
    seen: set[str] = set()
    for page in pages:
        if page.path in seen:
            raise TemplateError(f"two outputs want the same path: {page.path}")
        seen.add(page.path)
    return pages


def write_site(options: BuildOptions, model: SiteModel) -> SiteWriter:
    """Render every page into the spare output folder (in parallel) and swap it in."""
    clean_leftovers(options.out_dir)
    writer = SiteWriter(options.out_dir)

    def task(jobs: list[PageJob]) -> list[tuple[str, str, bool]]:
        return [(job.path, *writer.put(job.path, model.renderer.render(job).data)) for job in jobs]

    for results in map_chunks(task, model.renderer.jobs(), options.workers):
        for path, file_digest, wrote in results:
            writer.record(path, file_digest, wrote)
    model.timer.lap("render")
    for producer in PRODUCERS:
        for page in producer(model):
            writer.write(page.path, page.data)
    for asset in model.renderer.assets.values():
        writer.copy(asset.output, asset.source)
    model.timer.lap("extras")
    writer.commit()
    model.timer.lap("commit")
    return writer


def build_site(options: BuildOptions) -> BuildResult:
    """Build the whole site. Raises ContentError (nothing written) when the content has errors."""
    started = time.perf_counter()
    reporter = Reporter(options.root, strict=options.strict)
    model = load_site(options, reporter)
    writer = write_site(options, model)
    pages = len(model.renderer.jobs())
    return BuildResult(
        pages, len(writer.new), time.perf_counter() - started, reporter.warnings,
        written=len(writer.written), timings=model.timer.seconds,
    )


__all__ = ["BuildOptions", "BuildResult", "ContentError", "build_site", "load_site"]
