"""The build's stages, as a short list of named steps.

`load_site`: load → index → convert → verify → views, each a small function below; then
`write_site`: plan what to render again (`plan`), render it and put every file in an output
folder (`folders`). `build_changed` runs them for `build.py` (`command.build_site`, which first
checks whether anything changed): nothing is written until every stage has succeeded, and the
output folder is swapped in whole. The cache the stages reuse is `cache.BuildCache`: empty for a
clean build, read from `.site.cache` by `build_changed` (`cache_file`), kept in memory by the
preview (`preview.builder`), which writes through the same `write_site` into its live folder.
Markdown conversion and page rendering run in forked worker processes on every core when the
site is large enough; the output is byte-identical either way.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from explainer.build.cache import BuildCache, new_cache
from explainer.build.cache_file import read_cache, save_cache
from explainer.build.cache_header import LastSite, cache_path
from explainer.build.folders import EditionFolder, OutputFolder, SpareFolder
from explainer.build.incremental import changed_since, kept_linkset, linkset_fingerprint, unchanged_links
from explainer.build.inputs import InputFiles
from explainer.build.patch import Patched, changed_entities, mention_linker, patch_site
from explainer.build.plan import RenderPlan, plan_outputs
from explainer.build.provenance import check_provenance
from explainer.build.result import BuildResult, html_pages
from explainer.content.editions import Translations, check_translations, edition, other_languages
from explainer.content.loader import load_content
from explainer.content.model import Content
from explainer.core.errors import ContentError, Diagnostic, Reporter
from explainer.core.i18n import compiled_catalogs, reuse_compiled
from explainer.core.options import BuildOptions
from explainer.core.timing import StageTimer
from explainer.markup.convert import ConvertedText, convert_all
from explainer.markup.mentions import MentionExtension, MentionLinker
from explainer.markup.renderer import MarkdownRenderer
from explainer.produce.search import configure_search
from explainer.produce.site import SiteModel
from explainer.render.assets import collect_assets
from explainer.render.environment import make_environment
from explainer.render.renderer import Renderer
from explainer.render.reuse import entry_pages
from explainer.site.citations import verify_citations
from explainer.site.index import SiteIndex, build_index
from explainer.site.paging import lay_out
from explainer.site.said import Said
from explainer.site.timeline import TimelineEntry, build_timeline, check_dates, complete_timeline
from explainer.site.verify import normalised_texts, remember_normalised, verify_quotes, warn_orphans
from explainer.views.builder import ViewBuilder
from explainer.views.metadata import Metadata


@dataclass
class FastPath:
    """The preview's fast path (`patch`): the last written model and the entities changed since.
    The index holds the new entities but no links yet: `patch_site` makes them."""

    base: SiteModel
    index: SiteIndex
    changed: list[str]


def load_site(
    options: BuildOptions, reporter: Reporter, timer: StageTimer | None = None,
    cache: BuildCache | None = None,
) -> SiteModel:
    """Load, index, convert, verify and make the views; raise ContentError listing every problem.

    Reuses what `cache` holds (an empty cache, unless one is given: a clean build).
    """
    timer = timer or StageTimer()
    cache = cache if cache is not None else new_cache(options)
    progress = options.progress
    progress.stage("reading content")
    content, translations = _load(options, reporter, cache)
    timer.lap("load")
    model = _edition(options, reporter, timer, cache, content)
    for language in other_languages(content):
        # Each other language's edition: the same stages over its translated content, its own
        # cache; quotes, citations, dates and provenance are shared, checked once above.
        edition_content = edition(content, language, translations[language], reporter)
        model.editions.append(
            _edition(options, reporter, timer, cache.edition(language), edition_content, verify=False)
        )
    if model.editions:
        pages = {
            m.index.config.language: frozenset(job.path for job in m.renderer.jobs())
            for m in (model, *model.editions)
        }
        for m in (model, *model.editions):
            m.renderer.edition_pages = pages
    return model


def _edition(
    options: BuildOptions, reporter: Reporter, timer: StageTimer, cache: BuildCache, content: Content,
    verify: bool = True,
) -> SiteModel:
    """Index, convert, verify (unless `verify` is false) and make the views of one edition."""
    progress = options.progress
    progress.stage("indexing")
    index, linkset, fast, draft = _index(content, reporter, cache)
    timer.lap("index")
    linker = mention_linker(cache.memory if cache.memory is not None else cache, index, reporter, linkset)
    converted, patched = _convert(options, index, reporter, cache, linkset, fast, linker, verify)
    timer.lap("markdown")
    progress.stage("checking quotes and links")
    said = _verify(options, index, reporter, patched, cache) if verify else None
    reporter.raise_if_errors()
    timer.lap("verify")
    progress.stage("preparing pages")
    model = _views(options, index, converted, patched, cache, timer, linkset, draft)
    model.views.names = linker.trie  # marks mentions in source documents (`views.provenance`)
    model.said = said
    timer.lap("prepare")
    return model


def check_content(options: BuildOptions, reporter: Reporter) -> SiteIndex:
    """The content checked as a clean build checks it (load, index, Markdown, verification), and
    nothing more: no views, no pages, no cache. Raises ContentError listing every error."""
    cache = new_cache(options)
    content, translations = _load(options, reporter, cache)
    index, linkset, _, _ = _index(content, reporter, cache)
    linker = mention_linker(None, index, reporter, linkset)
    _convert(options, index, reporter, cache, linkset, None, linker)
    _verify(options, index, reporter, None, cache)
    for language in other_languages(content):  # each edition's Markdown, in its own names
        edition_cache = cache.edition(language)
        edition_index, edition_linkset, _, _ = _index(
            edition(content, language, translations[language], reporter), reporter, edition_cache,
        )
        edition_linker = mention_linker(None, edition_index, reporter, edition_linkset)
        _convert(options, edition_index, reporter, edition_cache, edition_linkset, None, edition_linker, False)
    reporter.raise_if_errors()
    return index


def _load(options: BuildOptions, reporter: Reporter, cache: BuildCache) -> tuple[Content, Translations]:
    """The content folder read into records (files unchanged since the last load are not read),
    and its translations checked, by language."""
    content = load_content(options.root, options.content_dir, reporter, cache.files, options.workers)
    content.config = content.config.overridden(options.base_url, options.edit_url)
    translations = check_translations(content, reporter)
    reporter.raise_if_errors()
    return content, translations


def _index(
    content: Content, reporter: Reporter, cache: BuildCache,
) -> tuple[SiteIndex, str, FastPath | None, list[TimelineEntry] | None]:
    """The index and its linkset; and the fast path, when the last model can be patched, or else
    the timeline laid out before conversion (`complete_timeline` finishes it)."""
    cache.since = None
    fast = _fast_path(content, cache)
    if fast is not None:
        return fast.index, fast.base.linkset, fast, None
    last = cache.snapshot
    changed = changed_since(last, cache.config, content) if last is not None else None
    index = build_index(content, reporter, unchanged_links(last, changed) if last is not None else None)
    anchors = cache.linkset.anchors if cache.linkset is not None else None  # (`build.py` keeps the last)
    draft = lay_out(index) if last is None or changed is None else lay_out(index, last.timeline, changed, None, anchors)
    if cache.memory is None:  # the last linkset from what the cache on disk keeps of it
        linkset, cache.linkset = kept_linkset(index, cache.linkset, changed)
    else:
        linkset = linkset_fingerprint(index, cache.linkset_parts())
    if last is not None and changed is not None and last.values.get(("linkset",)) == linkset:
        cache.since = changed  # the planner patches the last snapshot for these (`take_snapshot`)
    return index, linkset, None, draft


def _fast_path(content: Content, cache: BuildCache) -> FastPath | None:
    """The fast path, when the cache keeps the last model and the content has the same entities
    (ids, order, kinds), settings and linkset; else None: the full stages run."""
    memory = cache.memory
    base = memory.model if memory is not None else None
    if memory is None or base is None:
        return None
    changed = changed_entities(base.index, content)
    if changed is None:
        return None
    index = SiteIndex(content, {entity.id: entity for entity in content.entities})
    lay_out(index, base.timeline, changed, base.index)
    linkset = linkset_fingerprint(index, memory.linkset)
    if linkset != base.linkset or cache.conversions.linkset != linkset:
        return None
    return FastPath(base, index, changed)


def _convert(
    options: BuildOptions, index: SiteIndex, reporter: Reporter, cache: BuildCache, linkset: str,
    fast: FastPath | None, linker: MentionLinker, verify: bool = True,
) -> tuple[ConvertedText, Patched | None]:
    """Every piece of Markdown converted and its links added to the index; on the fast path, the
    last model patched for the changed entities (and their quotes and dates checked)."""

    def markdown(local: Reporter) -> MarkdownRenderer:
        return MarkdownRenderer(index, local, [MentionExtension(linker)])

    if fast is not None:
        patched = patch_site(fast.base, index, fast.changed, reporter, markdown, cache.conversions, verify)
        return patched.converted, patched
    converted = convert_all(
        index, reporter, markdown, options.workers, cache.conversions, linkset, options.progress,
    )
    return converted, None


def _verify(
    options: BuildOptions, index: SiteIndex, reporter: Reporter, patched: Patched | None, cache: BuildCache,
) -> Said:
    """Quotes and citations checked against their sources, records nothing links to, dates,
    quotation marks and corrections; stop on errors. Returns what the whole-site checks said at
    each entity, from which the next build checks again only what its changes can touch: one
    patched from this model (the preview's), or a cached `build.py` (`BuildCache.said`)."""
    if patched is None:
        verify_quotes(index, reporter)
        verify_citations(index, reporter)
        warn_orphans(index, reporter)
        check_dates(index, reporter)
    else:  # the patch checked the quotes, citations and dates of what changed
        warn_orphans(index, reporter)
    # On every path: quotations, dates, corrections (where they can differ from the last build's).
    # (`since`: the only entities that differ from the last `build.py`'s, or None)
    last, changed = (patched.said, patched.changed) if patched is not None else (cache.said, cache.since)
    said = check_provenance(index, reporter, options.out_dir, last, changed)
    reporter.raise_if_errors()
    return said


def _views(
    options: BuildOptions, index: SiteIndex, converted: ConvertedText, patched: Patched | None,
    cache: BuildCache, timer: StageTimer, linkset: str, draft: list[TimelineEntry] | None = None,
) -> SiteModel:
    """The timeline, the view data, the templates and assets: the model the writer renders."""
    if patched is not None:
        timeline = patched.timeline
    else:
        last = cache.snapshot.timeline if cache.snapshot is not None and cache.since is not None else None
        timeline = build_timeline(index) if draft is None else complete_timeline(index, draft, last, cache.since or ())
    # The page of each timeline entry, from the timeline in its final order: the same-day order of
    # quotes and agreements follows the lead article's mentions, known only now. (Events' pages,
    # which links to them go to, were laid out before conversion and do not move: `same_day_rank`.)
    glossary, previous = (patched.glossary, patched.layouts) if patched is not None else cache.taken_over(index)
    index.entry_pages = entry_pages(previous, timeline, index.config.page_size)
    views = ViewBuilder(index, converted, timeline, patched.views if patched is not None else None)
    assets = collect_assets(options.static_dirs)
    renderer = Renderer(
        make_environment(options.template_dirs, cache.templates()), index, views, timeline, assets,
        Metadata(index, views), glossary=glossary, previous=previous, keep=cache.memory is not None,
    )
    model = SiteModel(
        options, index, converted, timeline, views, renderer, timer, linkset=linkset,
        changed=patched.changed if patched is not None else None,
    )
    configure_search(model)
    return model


def write_site(model: SiteModel, cache: BuildCache, folder: OutputFolder) -> RenderPlan:
    """Plan and render the output of every edition, put every file in `folder` (new assets first,
    so that pages never point at a file that is not there yet; another language's edition in its
    folder), finish it, and remember it in `cache`."""
    reuse = folder.holds_last_build(cache)
    plan = _write_edition(model, cache, folder, reuse)
    written = []
    for edition_model in model.editions:
        prefix = edition_model.index.edition
        edition_cache = cache.edition(edition_model.index.config.language)
        edition_plan = _write_edition(edition_model, edition_cache, EditionFolder(folder, prefix), reuse)
        plan.rendered_pages += [prefix + path for path in edition_plan.rendered_pages]
        written.append((edition_model, edition_cache, edition_plan.snapshot, prefix))
    folder.finish(model)
    cache.written(plan.snapshot, dict(folder.files), model)
    for edition_model, edition_cache, snapshot, prefix in written:
        files = {path[len(prefix):]: digest for path, digest in folder.files.items() if path.startswith(prefix)}
        edition_cache.written(snapshot, files, edition_model)
    model.rendered = plan.rendered_pages
    return plan


def _write_edition(model: SiteModel, cache: BuildCache, folder: OutputFolder, reuse: bool) -> RenderPlan:
    """Plan and render one edition's output and put its files in `folder`."""
    plan = plan_outputs(model, cache, reuse, folder.sink, folder.first)
    progress = model.options.progress
    paths = plan.paths
    progress.stage("writing files", len(paths))
    for path in [p for p in paths if p.startswith("static/")] + [p for p in paths if not p.startswith("static/")]:
        progress.advance()
        if path in plan.fresh:
            folder.write(path, plan.fresh[path])
        elif path in plan.stored:
            folder.record(path, *plan.stored[path])
        else:
            folder.keep(path, plan.kept[path])
    model.rendered = plan.rendered_pages
    return plan


def build_changed(
    options: BuildOptions, use_cache: bool, scanned: InputFiles, timer: StageTimer, started: float,
    last: LastSite | None = None,
) -> BuildResult:
    """The stages of a `build.py` build whose input or output changed since the last
    (`command.build_site` holds the build lock, has scanned the input, `scanned`, and read the
    cache's header, `last`): the cache read, the site loaded and written, the cache saved."""
    reporter = Reporter(options.root, strict=options.strict)
    cache = read_cache(options, last.header if last is not None else None) if use_cache else new_cache(options)
    cache.note_changed_files(scanned)
    remember_normalised(cache.normalised)
    reuse_compiled(cache.catalogs)
    timer.lap("cache")
    model = load_site(options, reporter, timer, cache)
    folder = SpareFolder(options.out_dir, last)
    write_site(model, cache, folder)
    warnings = reporter.warnings
    if use_cache:
        warnings += _save(options, cache, scanned, reporter, model)
        timer.lap("cache")
    return BuildResult(
        html_pages(folder.files), len(folder.files), time.perf_counter() - started, warnings,
        written=len(folder.written), rendered=len(model.rendered), timings=timer.seconds,
        notes=list(model.notes), config=model.index.config, made=(model, cache, folder),
    )


def _save(
    options: BuildOptions, cache: BuildCache, scanned: InputFiles, reporter: Reporter, model: SiteModel
) -> list[Diagnostic]:
    """Save the cache with what this build said; a warning if it cannot be saved."""
    cache.inputs, cache.stamps, cache.warnings = scanned.digest, scanned.stamps, reporter.warnings
    cache.notes, cache.config = list(model.notes), model.index.config
    cache.normalised = normalised_texts(model.index.content.source_texts.values())
    cache.catalogs = compiled_catalogs()
    try:
        options.progress.stage("saving the cache")
        save_cache(options, cache)
    except OSError as exc:  # the site is live already; only the next build's head start is lost
        path = reporter.display_path(cache_path(options))
        return [Diagnostic(
            path, 1, "warning", f"could not save the build cache ({exc.strerror or exc}); "
            "the next build starts from scratch")]
    return []


__all__ = [
    "BuildCache", "BuildOptions", "BuildResult", "ContentError", "build_changed", "load_site", "new_cache", "write_site",
]
