"""`build_site`: the whole build as a short list of named stages.

load → validate → index (entity graph, Markdown, backlinks) → render → write. Nothing is written
until every stage has succeeded, and the output folder is swapped in whole. Markdown conversion
and page rendering run in forked worker processes on every core when the site is large enough;
the output is byte-identical either way.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from explainer import __version__
from explainer.build.incremental import (
    ProducerRun,
    Snapshot,
    changed_keys,
    files_fingerprint,
    linkset_fingerprint,
    pages_to_render,
    take_snapshot,
)
from explainer.build.patch import Memory, changed_entities, mention_linker, patch_site
from explainer.content.loader import MAX_FILE_BYTES, FileCache, load_content
from explainer.content.model import SiteConfig
from explainer.core.errors import ContentError, Diagnostic, Reporter
from explainer.core.lock import build_lock
from explainer.core.options import BuildOptions
from explainer.core.parallel import map_chunks
from explainer.core.timing import StageTimer
from explainer.markup.convert import ConversionCache, convert_all
from explainer.markup.renderer import MarkdownRenderer
from explainer.output.writer import Generations, SiteWriter, clean_leftovers
from explainer.produce.feeds import feed, robots, sitemap
from explainer.produce.glossary_json import glossary_files
from explainer.produce.previews import preview_index
from explainer.produce.search import configure_search, find_pagefind, index_search, search_page
from explainer.produce.site import SiteModel
from explainer.produce.story_graph import graph_pages
from explainer.produce.timeline_export import timeline_files
from explainer.render.assets import collect_assets
from explainer.render.environment import TemplateError, make_environment
from explainer.render.renderer import ENTITY_PAGE_KINDS, PageJob, PageOutput, Renderer
from explainer.site.index import SiteIndex, build_index
from explainer.site.paging import lay_out
from explainer.site.timeline import build_timeline, check_dates
from explainer.site.verify import verify_quotes, warn_orphans
from explainer.views.builder import ViewBuilder
from explainer.views.keys import Fragments
from explainer.views.metadata import Metadata


@dataclass
class BuildResult:
    pages: int  # HTML pages in the output (`html_pages`): what `build` and `check` both count
    files: int
    seconds: float
    warnings: list[Diagnostic] = field(default_factory=list)
    written: int = 0  # files whose bytes changed
    rendered: int = 0  # pages rendered (the others were proven unchanged)
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what the build left out, and why
    config: SiteConfig | None = None  # the settings the site was built with


@dataclass
class BuildCache:
    """What earlier builds computed that a later one may reuse.

    The preview server keeps one in memory; `build.py` keeps one on disk next to the output
    folder (`.site.cache`). Nothing in it can change the output: every reuse is checked against
    the current input (file stamps, entity equality, fingerprints of names, templates, assets).
    """

    key: str
    files: FileCache
    conversions: ConversionCache = field(default_factory=ConversionCache)
    snapshot: Snapshot | None = None
    outputs: dict[str, str] = field(default_factory=dict)  # output path -> digest last written
    inputs: str = ""  # digest of every input file of the last good build
    saved_ns: int = 0  # when the cache was saved to disk: the files it describes are older
    warnings: list[Diagnostic] = field(default_factory=list)  # what that build warned about
    notes: list[str] = field(default_factory=list)  # and what it left out, and why
    config: SiteConfig | None = None  # the settings it built with
    memory: Memory | None = None  # kept only in memory, by the preview server (`patch`)

    def written(self, snapshot: Snapshot, outputs: dict[str, str], model: SiteModel) -> None:
        """Remember the build whose output is now in place."""
        self.snapshot, self.outputs = snapshot, outputs
        if self.memory is not None:
            self.memory.model = model


@functools.lru_cache(maxsize=1)
def engine_digest() -> str:
    """A digest of the engine's own code, so that a changed engine never reuses a cache."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".js", ".css"):
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(options: BuildOptions) -> str:
    # The current folder too: the paths in the diagnostics the cache keeps are shown from it.
    return repr((__version__, engine_digest(), sys.version_info[:2],
                 str(options.content_dir.resolve()), options.base_url, options.strict,
                 options.search and find_pagefind() is not None, _current_folder()))


def _current_folder() -> str:
    try:
        return os.getcwd()
    except OSError:  # deleted under us: paths are shown in full
        return ""


def html_pages(outputs: Iterable[str]) -> int:
    """How many of these output paths are HTML pages: the count every command prints."""
    return sum(1 for path in outputs if path.endswith(".html"))


def new_cache(options: BuildOptions) -> BuildCache:
    return BuildCache(cache_key(options), FileCache(options.strict))


def load_site(
    options: BuildOptions, reporter: Reporter, timer: StageTimer | None = None,
    cache: BuildCache | None = None,
) -> SiteModel:
    """Load, validate and index the content; raise ContentError listing every problem."""
    timer = timer or StageTimer()
    content = load_content(options.root, options.content_dir, reporter, cache.files if cache else None)
    if options.base_url is not None:
        content.config = replace(content.config, base_url=options.base_url)
    reporter.raise_if_errors()
    timer.lap("load")
    memory = cache.memory if cache else None
    base = memory.model if memory else None
    changed = changed_entities(base.index, content) if base is not None else None
    index = None
    if changed is not None:  # the same entities: the linkset may be the same too
        index = SiteIndex(content, {entity.id: entity for entity in content.entities})
        lay_out(index, base.timeline, changed, base.index)  # type: ignore[union-attr]
        linkset = linkset_fingerprint(index, memory.linkset)  # type: ignore[union-attr]
        if linkset != base.linkset or cache.conversions.linkset != linkset:  # type: ignore[union-attr]
            changed, index = None, None
    if index is None:
        index = build_index(content, reporter)
        lay_out(index)
        linkset = linkset_fingerprint(index, memory.linkset if memory else None)
    timer.lap("index")
    linker = mention_linker(memory, index, reporter, linkset)

    def markdown(local: Reporter) -> MarkdownRenderer:
        return MarkdownRenderer(index, local, [linker.factory])

    patched = None
    if changed is not None:
        patched = patch_site(base, index, changed, reporter, markdown, cache.conversions)  # type: ignore[arg-type, union-attr]
        converted, timeline = patched.converted, patched.timeline
        timer.lap("markdown")
        warn_orphans(index, reporter)
    else:
        converted = convert_all(
            index, reporter, markdown, options.workers, cache.conversions if cache else None, linkset,
        )
        timer.lap("markdown")
        verify_quotes(index, reporter)
        warn_orphans(index, reporter)
        check_dates(index, reporter)
    reporter.raise_if_errors()
    timer.lap("verify")
    if patched is None:
        timeline = build_timeline(index)
    views = ViewBuilder(index, converted, timeline, base.views if patched else None)
    assets = collect_assets(options.static_dirs)
    renderer = Renderer(
        make_environment(options.template_dirs, memory.templates if memory else None), index, views, timeline, assets, Metadata(index, views),
        glossary=patched.glossary if patched else None,
    )
    model = SiteModel(
        options, index, converted, timeline, views, renderer, timer, linkset=linkset, changed=changed,
    )
    configure_search(model)
    timer.lap("prepare")
    return model


# Each producer turns the site model into extra output files (feeds, JSON exports, graphs); a
# feature that adds files to the site adds its producer here. HTML pages are rendered as jobs.
PRODUCERS: list[Callable[[SiteModel], Iterable[PageOutput]]] = [
    timeline_files, glossary_files, graph_pages, preview_index, search_page, feed, robots,
]

# Producers that describe the rest of the output (the sitemap) run last, given every path so far.
SUMMARY_PRODUCERS: list[Callable[[SiteModel, list[str]], Iterable[PageOutput]]] = [sitemap]

# Steps that run on the finished output folder just before it is swapped in (the search index).
# What they write is theirs to replace on every build.
FINISHING_STEPS: list[Callable[[SiteModel, Path], None]] = [index_search]


def finish_output(model: SiteModel, folder: Path) -> None:
    """Run the finishing steps on an output folder whose pages are all written."""
    for step in FINISHING_STEPS:
        step(model, folder)


def render_site(model: SiteModel) -> list[PageOutput]:
    """Every output file of the site, in a stable order, rendered in this process."""
    pages = list(model.renderer.all_pages())
    pages += [page for producer in PRODUCERS for page in producer(model)]
    paths = [page.path for page in pages]
    pages += [page for producer in SUMMARY_PRODUCERS for page in producer(model, paths)]
    pages += [PageOutput(a.output, a.source.read_bytes()) for a in model.renderer.assets.values()]
    seen: set[str] = set()
    for page in pages:
        if page.path in seen:
            raise TemplateError(f"two outputs want the same path: {page.path}")
        seen.add(page.path)
    return pages


@dataclass
class RenderPlan:
    """The outputs of one build: fresh bytes for what was rendered, digests for what was not."""

    fresh: dict[str, bytes]
    kept: dict[str, str]  # output path -> digest of the unchanged file the last build wrote
    snapshot: Snapshot
    rendered_pages: list[str]
    # Pages a `sink` already stored: output path -> (digest, whether its bytes were written)
    stored: dict[str, tuple[str, bool]] = field(default_factory=dict)

    @property
    def paths(self) -> list[str]:
        return sorted(self.fresh.keys() | self.kept.keys() | self.stored.keys())


# Stores one rendered page where it belongs; returns its digest and whether bytes were written.
PageSink = Callable[[str, bytes], tuple[str, bool]]


def globals_fingerprint(model: SiteModel) -> str:
    options = model.options
    return files_fingerprint(options.template_dirs + options.static_dirs) + repr(
        (model.index.config, model.renderer.nav(), [p.__qualname__ for p in PRODUCERS], model.search)
    )


def _producer_name(producer: Callable) -> str:
    return f"{producer.__module__}.{producer.__qualname__}"


def plan_outputs(
    model: SiteModel, cache: BuildCache | None, reuse: bool, sink: PageSink | None = None,
    first: Callable[[dict[str, bytes]], None] | None = None,
) -> RenderPlan:
    """Render what must be rendered (in parallel), reusing unchanged pages when `reuse` allows.

    With a `sink`, each worker stores the pages it renders itself (in parallel, and without
    sending the bytes back); the plan then lists them in `stored` rather than `fresh`.
    With `first`, the edited records' own pages are rendered before the others and handed to
    `first(pages)` at once (the preview shows the page being edited without waiting for the
    lists and pages that mention it); only when nothing global changed, so that they can never
    point at assets not yet written.
    """
    old = cache.snapshot if (cache and reuse) else None
    patched_from = cache.snapshot if (cache and model.changed is not None) else None
    snapshot = take_snapshot(model, globals_fingerprint(model), patched_from, model.changed)
    jobs = model.renderer.jobs()
    changed = changed_keys(old, snapshot, model.changed) if old is not None else None
    if old is not None:
        wanted = set(pages_to_render(old, changed, [j.path for j in jobs]))
        todo = [job for job in jobs if job.path in wanted]
    else:
        todo = jobs

    def task(chunk: list[PageJob]) -> list[tuple[str, bytes | tuple[str, bool], frozenset]]:
        results = []
        for job in chunk:
            page, reads = model.renderer.render_tracked(job)
            results.append((job.path, page.data if sink is None else sink(job.path, page.data), reads))
        return results

    fresh: dict[str, bytes] = {}
    stored: dict[str, tuple[str, bool]] = {}
    reads: dict[str, frozenset] = {}
    interned: dict = {}  # one object per key, so the cache on disk stores each key once
    batches = [todo]
    if first is not None and changed is not None and model.changed:
        edited = set(model.changed)
        early = [job for job in todo if job.key in edited and job.kind in ENTITY_PAGE_KINDS]
        batches = [early, [job for job in todo if job not in early]] if early else batches
    for number, batch in enumerate(batches):
        for results in map_chunks(task, batch, model.options.workers):
            for path, output, page_reads in results:
                if isinstance(output, bytes):
                    fresh[path] = output
                else:
                    stored[path] = output
                reads[path] = frozenset(interned.setdefault(key, key) for key in page_reads)
        if number == 0 and len(batches) > 1 and first is not None:
            first({job.path: fresh[job.path] for job in batch if job.path in fresh})
    model.timer.lap("render")
    kept = {}
    for job in jobs:
        if job.path not in reads:
            kept[job.path] = cache.outputs[job.path]  # type: ignore[union-attr]
            reads[job.path] = old.pages[job.path]  # type: ignore[union-attr]
    snapshot.pages = reads
    # Producers run like pages: again only when something they read changed.
    model.fragments = Fragments(model.views, old.fragments if old else None, changed)
    paths = [job.path for job in jobs]
    for producer in PRODUCERS:
        paths += _run_producer(model, producer, lambda p=producer: p(model), old, changed, snapshot,
                               fresh, kept, cache)
    inputs = repr(paths)
    for summary in SUMMARY_PRODUCERS:
        _run_producer(model, summary, lambda s=summary: s(model, paths), old, changed, snapshot,
                      fresh, kept, cache, inputs)
    snapshot.fragments, model.fragments = model.fragments.new, None
    for asset in model.renderer.assets.values():
        fresh[asset.output] = asset.source.read_bytes()
    model.timer.lap("extras")
    return RenderPlan(fresh, kept, snapshot, [job.path for job in todo], stored)


def _run_producer(
    model: SiteModel, producer: Callable, run: Callable[[], Iterable[PageOutput]], old: Snapshot | None,
    changed: set | None, snapshot: Snapshot, fresh: dict[str, bytes], kept: dict[str, str],
    cache: BuildCache | None, inputs: str = "",
) -> list[str]:
    """Run one producer, or keep its files when nothing it read changed. Returns its paths."""
    name = _producer_name(producer)
    last = old.producers.get(name) if (old is not None and changed is not None) else None
    if (
        last is not None and last.inputs == inputs and last.reads.isdisjoint(changed)  # type: ignore[arg-type]
        and all(path in cache.outputs and path not in fresh for path in last.paths)  # type: ignore[union-attr]
    ):
        for path in last.paths:
            kept[path] = cache.outputs[path]  # type: ignore[union-attr]
        model.notes.extend(last.notes)
        snapshot.producers[name] = last
        return list(last.paths)
    views = model.views
    notes = len(model.notes)
    views.reads = set()
    try:
        pages = list(run())
        producer_reads = frozenset(views.reads)
    finally:
        views.reads = None
    for page in pages:
        if page.path in fresh or page.path in kept or page.path in snapshot.pages:
            raise TemplateError(f"two outputs want the same path: {page.path}")
        fresh[page.path] = page.data
    paths = [page.path for page in pages]
    snapshot.producers[name] = ProducerRun(paths, producer_reads, model.notes[notes:], inputs)
    return paths


def write_site(options: BuildOptions, model: SiteModel, cache: BuildCache | None = None) -> SiteWriter:
    """Render into the spare output folder and swap it in; updates `cache` for the next build."""
    clean_leftovers(options.out_dir)
    writer = SiteWriter(options.out_dir)
    live = writer.generations.live_manifest()
    # Pages can be reused only if the live site holds exactly what the cache says it does.
    reuse = (
        cache is not None and bool(cache.outputs) and live == cache.outputs
        and outputs_intact(options.out_dir, cache.outputs, cache.saved_ns)
    )
    plan = plan_outputs(model, cache, reuse, writer.put)
    for path in plan.paths:
        if path in plan.fresh:
            writer.write(path, plan.fresh[path])
        elif path in plan.stored:
            writer.record(path, *plan.stored[path])
        else:
            known = plan.kept[path]
            if writer.old.get(path) == known and writer.trusted:
                writer.record(path, known, False)
            else:
                writer.write(path, (options.out_dir / path).read_bytes())

    def finish(folder: Path) -> None:
        model.timer.lap("commit")
        finish_output(model, folder)
        model.timer.lap("search")

    writer.commit(finish)
    model.timer.lap("commit")
    if cache is not None:
        cache.written(plan.snapshot, dict(writer.new), model)
    model.rendered = plan.rendered_pages
    return writer


def cache_path(options: BuildOptions) -> Path:
    return options.out_dir.parent / f".{options.out_dir.name}.cache"


@dataclass
class CacheHeader:
    """The small first part of the cache file: enough to tell that nothing changed."""

    key: str
    inputs: str
    outputs: dict[str, str]
    warnings: list[Diagnostic]
    notes: list[str]
    config: SiteConfig | None
    saved_ns: int  # when the cache was saved: every output file is older


def outputs_intact(out: Path, outputs: dict[str, str], saved_ns: int) -> bool:
    """Whether every file the last build wrote is still there and untouched since."""
    for relative in outputs:
        try:
            info = os.stat(out / relative)
        except OSError:
            return False
        if info.st_mtime_ns > saved_ns:
            return False
    return True


def read_cache_header(options: BuildOptions) -> CacheHeader | None:
    try:
        with open(cache_path(options), "rb") as handle:
            header = pickle.load(handle)
    except Exception:  # noqa: BLE001 - a missing or damaged cache is simply not used
        return None
    if isinstance(header, CacheHeader) and header.key == cache_key(options):
        return header
    return None


def read_cache(options: BuildOptions) -> BuildCache:
    """The build cache saved by the last build into this output folder, or a fresh one."""
    try:
        with open(cache_path(options), "rb") as handle:
            pickle.load(handle)  # the header
            cache = pickle.load(handle)
        if isinstance(cache, BuildCache) and cache.key == cache_key(options):
            return cache
    except Exception:  # noqa: BLE001 - a missing, stale or damaged cache is simply not used
        pass
    return new_cache(options)


def save_cache(options: BuildOptions, cache: BuildCache) -> None:
    """Save the cache for the next `build.py`, without the parsed files: on disk, reading
    thousands of small YAML files again is as fast as unpickling what they gave."""
    path = cache_path(options)
    temporary = path.with_name(path.name + ".tmp")
    cache.saved_ns = time.time_ns()
    lean = replace(cache, files=FileCache(cache.files.strict), memory=None)
    header = CacheHeader(
        cache.key, cache.inputs, cache.outputs, cache.warnings, cache.notes, cache.config, cache.saved_ns,
    )
    try:
        with open(temporary, "wb") as handle:
            pickle.dump(header, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(lean, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def input_digest(options: BuildOptions) -> str:
    """A digest of every input file (content, seeds, templates, static): equal means nothing changed."""
    digest = hashlib.blake2b(digest_size=16)
    folders = [options.content_dir, options.root / "seeds", *options.template_dirs, *options.static_dirs]
    # Linked folders are followed, as the loader follows them, but only within these roots (a
    # link to / must not walk the disk) and each real folder once (a link loop must not hang).
    roots = [os.path.realpath(f) for f in (options.root, *options.template_dirs, *options.static_dirs)]

    def inside(real: str) -> bool:
        return any(real == r or real.startswith(r + os.sep) for r in roots)

    walked: set[str] = set()
    for folder in folders:
        stack = [str(folder)]
        while stack:
            current = stack.pop()
            real = os.path.realpath(current)
            if real in walked or not inside(real):
                digest.update(b"\0not walked\0" + current.encode("utf-8", "surrogateescape"))
                continue
            walked.add(real)
            try:
                entries = sorted(os.scandir(current), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                digest.update(entry.path.encode("utf-8", "surrogateescape") + b"\0")
                try:
                    if entry.is_dir():
                        stack.append(entry.path)
                    elif entry.is_file():  # never open a FIFO or a device: reading one can block
                        info = entry.stat()
                        if info.st_size > MAX_FILE_BYTES or not inside(os.path.realpath(entry.path)):
                            # The loader refuses to read it; its stamp is enough to see it change.
                            digest.update(repr((info.st_size, info.st_mtime_ns, info.st_ino)).encode())
                        else:
                            with open(entry.path, "rb") as handle:
                                digest.update(handle.read())
                    else:
                        digest.update(b"\0not a file\0")
                except OSError:
                    digest.update(b"\0unreadable\0")
    return digest.hexdigest()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while a build makes its long-lived records.

    A build allocates millions of objects that live until it ends; with the default thresholds the
    collector traverses them again and again (a quarter of the CPU time of a 10,000-record build).
    Young cycles are still collected, every 100,000 allocations rather than every 700.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def build_site(
    options: BuildOptions, use_cache: bool = True, on_wait: Callable[[Path], None] | None = None
) -> BuildResult:
    """Build the whole site. Raises ContentError (nothing written) when the content has errors.

    Holds the output folder's build lock throughout; `on_wait` is called if another build has it.
    """
    with fewer_collections():
        return _build_site(options, use_cache, on_wait)


def _build_site(
    options: BuildOptions, use_cache: bool, on_wait: Callable[[Path], None] | None
) -> BuildResult:
    started = time.perf_counter()
    timer = StageTimer()
    reporter = Reporter(options.root, strict=options.strict)
    with build_lock(options.out_dir, on_wait):
        inputs = input_digest(options) if use_cache else ""
        header = read_cache_header(options) if use_cache else None
        if header is not None and header.inputs == inputs and header.outputs:
            live = Generations(options.out_dir).live_manifest()
            # Nothing changed in the input, and the site is as the last build left it.
            if live == header.outputs and outputs_intact(options.out_dir, header.outputs, header.saved_ns):
                timer.lap("cache")
                # What the build that made this site said, said again.
                return BuildResult(
                    html_pages(header.outputs), len(header.outputs), time.perf_counter() - started,
                    list(header.warnings), timings=timer.seconds, notes=list(header.notes),
                    config=header.config,
                )
        cache = read_cache(options) if use_cache else None
        timer.lap("cache")
        model = load_site(options, reporter, timer, cache)
        writer = write_site(options, model, cache)
        warnings = reporter.warnings
        if cache is not None:
            cache.inputs, cache.warnings = inputs, reporter.warnings
            cache.notes, cache.config = list(model.notes), model.index.config
            try:
                save_cache(options, cache)
            except OSError as exc:  # the site is live already; only the next build's head start is lost
                path = reporter.display_path(cache_path(options))
                warnings.append(Diagnostic(
                    path, 1, "warning", f"could not save the build cache ({exc.strerror or exc}); "
                    "the next build starts from scratch"))
            timer.lap("cache")
    return BuildResult(
        html_pages(writer.new), len(writer.new), time.perf_counter() - started, warnings,
        written=len(writer.written), rendered=len(model.rendered), timings=timer.seconds,
        notes=list(model.notes), config=model.index.config,
    )


__all__ = ["BuildOptions", "BuildResult", "ContentError", "build_site", "load_site"]
