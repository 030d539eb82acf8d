"""`build_site`: the whole build as a short list of named stages.

load → validate → index (entity graph, Markdown, backlinks) → render → write. Nothing is written
until every stage has succeeded, and the output folder is swapped in whole.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .assets import collect_assets
from .convert import ConvertedText, convert_all
from .errors import ContentError, Diagnostic, Reporter
from .index import SiteIndex, build_index
from .loader import load_content
from .markup import MarkdownRenderer
from .output import StagingFolder, clean_leftovers
from .render import PageOutput, Renderer, TemplateError, make_environment
from .timeline import TimelineEntry, build_timeline
from .verify import verify_quotes, warn_orphans
from .views import ViewBuilder

ENGINE_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuildOptions:
    content_dir: Path
    out_dir: Path
    base_url: str | None = None
    strict: bool = False

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


@dataclass
class SiteModel:
    """Everything the render stage needs, built once."""

    options: BuildOptions
    index: SiteIndex
    converted: ConvertedText
    timeline: list[TimelineEntry]
    views: ViewBuilder
    renderer: Renderer


def _unique(paths: list[Path]) -> list[Path]:
    seen: list[Path] = []
    for path in paths:
        if path.resolve() not in [p.resolve() for p in seen]:
            seen.append(path)
    return seen


def load_site(options: BuildOptions, reporter: Reporter) -> SiteModel:
    """Load, validate and index the content; raise ContentError listing every problem."""
    content = load_content(options.root, options.content_dir, reporter)
    if options.base_url is not None:
        content.config = replace(content.config, base_url=options.base_url)
    reporter.raise_if_errors()
    index = build_index(content, reporter)
    converted = convert_all(index, MarkdownRenderer(index, reporter), reporter)
    verify_quotes(index, reporter)
    warn_orphans(index, reporter)
    reporter.raise_if_errors()
    timeline = build_timeline(index)
    views = ViewBuilder(index, converted, timeline)
    assets = collect_assets(options.static_dirs)
    renderer = Renderer(make_environment(options.template_dirs), index, views, timeline, assets)
    return SiteModel(options, index, converted, timeline, views, renderer)


def html_pages(model: SiteModel) -> Iterable[PageOutput]:
    return model.renderer.all_pages()


# Each producer turns the site model into output files. A feature that adds files to the site
# (feeds, JSON exports, graphs) adds its producer here.
PRODUCERS: list[Callable[[SiteModel], Iterable[PageOutput]]] = [html_pages]


def render_site(model: SiteModel) -> list[PageOutput]:
    """Every output file of the site, in a stable order."""
    pages = [page for producer in PRODUCERS for page in producer(model)]
    seen: set[str] = set()
    for page in pages:
        if page.path in seen:
            raise TemplateError(f"two outputs want the same path: {page.path}")
        seen.add(page.path)
    return pages


def write_site(options: BuildOptions, model: SiteModel, pages: list[PageOutput]) -> int:
    """Write every page and asset into a staging folder and swap it in; returns the file count."""
    clean_leftovers(options.out_dir)
    staging = StagingFolder(options.out_dir)
    try:
        for page in pages:
            staging.write(page.path, page.data)
        for asset in model.renderer.assets.values():
            staging.copy(asset.output, asset.source)
        staging.commit()
    except BaseException:
        staging.discard()
        raise
    return len(pages) + len(model.renderer.assets)


def build_site(options: BuildOptions) -> BuildResult:
    """Build the whole site. Raises ContentError (nothing written) when the content has errors."""
    started = time.perf_counter()
    reporter = Reporter(options.root, strict=options.strict)
    model = load_site(options, reporter)
    pages = render_site(model)
    files = write_site(options, model, pages)
    return BuildResult(len(pages), files, time.perf_counter() - started, reporter.warnings)


__all__ = ["BuildOptions", "BuildResult", "ContentError", "build_site", "load_site"]
