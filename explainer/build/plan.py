"""The one planner: which pages and producers of a build run again, and which files are kept.

Owns `plan_outputs` and the `RenderPlan` it returns, and the producers of the files that are not
pages (`PRODUCERS`, `SUMMARY_PRODUCERS`). Every build plans the same way, whatever its cache holds:

- a clean build has an empty cache: every page is rendered and every producer runs;
- a cached build (`build.py` with `.site.cache`, every preview rebuild) may keep what the last
  build wrote (`LastBuild`) when the output folder still holds it (`reuse`) and nothing global
  changed: then only the pages and producers that read a changed key (`incremental`) run again;
- a preview rebuild also asks for the edited records' own pages first (`first`).

How the files are put in place is the output folder's business (`explainer.build.folders`).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from explainer.build.cache import BuildCache
from explainer.build.incremental import (
    ProducerRun,
    Snapshot,
    changed_keys,
    files_fingerprint,
    pages_to_render,
    take_snapshot,
)
from explainer.build.readers import PageReaders
from explainer.core.failures import TemplateError
from explainer.core.parallel import map_chunks
from explainer.produce.corrections import corrections_file
from explainer.produce.feeds import feed, robots, sitemap
from explainer.produce.glossary_json import glossary_files
from explainer.produce.previews import preview_index
from explainer.produce.search import search_page
from explainer.produce.site import SiteModel
from explainer.produce.story_graph import graph_pages
from explainer.produce.timeline_export import timeline_files
from explainer.render.renderer import ENTITY_PAGE_KINDS, PageJob, PageOutput
from explainer.views.keys import Fragments, Key

Producer = Callable[[SiteModel], Iterable[PageOutput]]
SummaryProducer = Callable[[SiteModel, list[str]], Iterable[PageOutput]]

# Each producer turns the site model into extra output files (feeds, JSON exports, graphs); a
# feature that adds files to the site adds its producer here. HTML pages are rendered as jobs.
PRODUCERS: list[Producer] = [
    timeline_files, glossary_files, graph_pages, preview_index, search_page, feed, robots,
    corrections_file,
]

# Producers that describe the rest of the output (the sitemap) run last, given every path so far.
SUMMARY_PRODUCERS: list[SummaryProducer] = [sitemap]

# A clean build on several cores runs the producers in a worker while the other workers render
# pages, when there are at least this many pages: otherwise they run in the parent after the
# pages, on one core (1.5-2.3 s of a 25 s build at 10,000 records).
PRODUCERS_ALONGSIDE = 2000

# Stores one rendered page where it belongs; returns its digest and whether bytes were written.
PageSink = Callable[[str, bytes], tuple[str, bool]]
# Given the edited records' own pages (output path -> bytes) before the other pages are rendered.
FirstPages = Callable[[dict[str, bytes]], None]


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


@dataclass
class Produced:
    """What the producers made in a worker (`_render`), for the parent's plan: their files, their
    runs and fragments for the snapshot, and the notes they gave."""

    fresh: dict[str, bytes]
    runs: dict[str, ProducerRun]
    fragments: dict[tuple, tuple[object, frozenset[Key]]]
    notes: list[str]


@dataclass
class LastBuild:
    """The last build, as far as this one may keep its files: what it read, what it wrote, and
    the keys that changed since (nothing global did)."""

    snapshot: Snapshot
    outputs: dict[str, str]  # output path -> digest of the file it wrote, still in place
    changed: set[Key]

    def pages_to_render(self, jobs: list[PageJob], readers: PageReaders | None = None) -> list[PageJob]:
        """The pages that read a changed key, or that are new, in order (`readers`: the pages
        of the last snapshot by key, when the cache keeps them)."""
        wanted = set(pages_to_render(self.snapshot, self.changed, [job.path for job in jobs], readers))
        return [job for job in jobs if job.path in wanted]

    def producer_run(self, name: str, inputs: str, fresh: dict[str, bytes]) -> ProducerRun | None:
        """A producer's last run, if its files can be kept: given the same `inputs`, none of
        the keys it read changed, and its files are all in place and made by nothing else now."""
        run = self.snapshot.producers.get(name)
        if (
            run is not None and run.inputs == inputs and run.reads.isdisjoint(self.changed)
            and all(path in self.outputs and path not in fresh for path in run.paths)
        ):
            return run
        return None


def globals_fingerprint(model: SiteModel) -> str:
    options = model.options
    # The pages not every edition has (letters of a list, which follow each language's names) are
    # what decides the alternates of every page: a record added to every edition changes none.
    pages = model.renderer.edition_pages
    common = frozenset.intersection(*pages.values()) if pages else frozenset()
    editions = sorted((language, sorted(own - common)) for language, own in pages.items())
    return files_fingerprint(options.template_dirs + options.static_dirs) + repr(
        (model.index.config, model.renderer.nav(), [p.__qualname__ for p in PRODUCERS], model.search)
    ) + (hashlib.blake2b(repr(editions).encode(), digest_size=16).hexdigest() if editions else "")


def plan_outputs(
    model: SiteModel, cache: BuildCache, reuse: bool, sink: PageSink | None = None,
    first: FirstPages | None = None,
) -> RenderPlan:
    """Render what must be rendered (in parallel), keeping what the last build in `cache` wrote
    where nothing it read changed, when `reuse` says its files are in place.

    With a `sink`, each worker stores the pages it renders itself (in parallel, and without
    sending the bytes back); the plan then lists them in `stored` rather than `fresh`.
    With `first`, the edited records' own pages are rendered before the others and handed to
    `first(pages)` at once (the preview shows the page being edited without waiting for the
    lists and pages that mention it); only when nothing global changed, so that they can never
    point at assets not yet written.
    """
    # A patched model (the preview's fast path) is the last one with a few entities changed; so
    # is, as far as the snapshot sees, one whose entities and linkset are the last's but a few.
    changed = model.changed if model.changed is not None else cache.since
    patched_from = cache.snapshot if changed is not None else None
    snapshot = take_snapshot(model, globals_fingerprint(model), patched_from, changed)
    last = _last_build(cache, snapshot, changed) if reuse else None
    jobs = model.renderer.jobs()
    readers = _readers(cache, last)
    todo = last.pages_to_render(jobs, readers) if last is not None else jobs
    plan = RenderPlan({}, {}, snapshot, [job.path for job in todo])
    edited = set(model.changed or ()) if first is not None and last is not None else set()
    early = [job for job in todo if job.key in edited and job.kind in ENTITY_PAGE_KINDS]
    reads: dict[str, tuple[Key, ...]] = {}
    interned: dict[Key, Key] = {}  # one object per key, so the cache on disk stores each key once
    alongside = last is None and model.options.workers > 1 and len(todo) >= PRODUCERS_ALONGSIDE
    model.options.progress.stage("rendering pages", len(todo) + alongside)
    if early and first is not None:
        _render(model, early, sink, plan, reads, interned)
        first({job.path: plan.fresh[job.path] for job in early if job.path in plan.fresh})
    produced = _render(
        model, [job for job in todo if job not in early] if early else todo, sink, plan, reads, interned, alongside,
    )
    model.timer.lap("render")
    model.options.progress.stage("making feeds and data files")
    if last is not None:  # every page not rendered again is kept, with what it read
        kept = [job.path for job in jobs if job.path not in reads]
        plan.kept.update({path: last.outputs[path] for path in kept})
        reads.update({path: last.snapshot.pages[path] for path in kept})
    snapshot.pages = reads
    if readers is not None:
        readers.move_to(reads)
    elif cache.memory is not None:  # (made now, so that the next rebuild does not wait for it)
        cache.memory.readers = PageReaders(reads)
    if produced is not None:
        _take_produced(model, produced, plan)
    else:
        _run_producers(model, last, plan)
    for asset in model.renderer.assets.values() if not model.index.edition else ():  # shared by every edition
        plan.fresh[asset.output] = asset.source.read_bytes()
    model.timer.lap("extras")
    return plan


def _last_build(cache: BuildCache, snapshot: Snapshot, candidates: list[str] | None) -> LastBuild | None:
    """What may be kept of the last build in `cache`: nothing if there is none, or if something
    global (settings, templates, assets, navigation, linked names) changed since."""
    if cache.snapshot is None:
        return None
    changed = changed_keys(cache.snapshot, snapshot, candidates)
    return LastBuild(cache.snapshot, cache.outputs, changed) if changed is not None else None


def _readers(cache: BuildCache, last: LastBuild | None) -> PageReaders | None:
    """The pages of the last build by the keys they read, when the cache keeps them in memory
    (`readers`) and they are the pages `last` keeps."""
    memory = cache.memory
    if memory is None or last is None:
        return None
    if memory.readers is None or not memory.readers.describes(last.snapshot.pages):
        memory.readers = PageReaders(last.snapshot.pages)
    return memory.readers


RenderedPage = tuple[str, bytes | tuple[str, bool], tuple[Key, ...]]


def _render(
    model: SiteModel, jobs: Sequence[PageJob], sink: PageSink | None, plan: RenderPlan,
    reads: dict[str, tuple[Key, ...]], interned: dict[Key, Key], producers: bool = False,
) -> Produced | None:
    """Render `jobs` into `plan` (through `sink` when given), noting the keys each page read;
    with `producers`, the producers also run, in the worker that takes the first chunk."""

    def task(chunk: Sequence[PageJob | None]) -> tuple[list[RenderedPage], Produced | None]:
        results: list[RenderedPage] = []
        produced = None
        for job in chunk:
            if job is None:  # (first in the first chunk: the producers)
                produced = _produce(model, plan.snapshot)
                continue
            page, page_reads = model.renderer.render_tracked(job)
            results.append((job.path, page.data if sink is None else sink(job.path, page.data), page_reads))
        return results, produced

    items: Sequence[PageJob | None] = [None, *jobs] if producers else jobs
    found = None
    for results, produced in map_chunks(task, items, model.options.workers, progress=model.options.progress):
        found = found or produced
        for path, output, page_reads in results:
            if isinstance(output, bytes):
                plan.fresh[path] = output
            else:
                plan.stored[path] = output
            reads[path] = tuple(interned.setdefault(key, key) for key in page_reads)
    return found


def _produce(model: SiteModel, snapshot: Snapshot) -> Produced:
    """The producers run for a clean build, into a plan of their own (`_take_produced` puts what
    they made into the build's)."""
    own = RenderPlan({}, {}, replace(snapshot, pages={}, producers={}, fragments={}), [])
    notes = len(model.notes)
    _run_producers(model, None, own)
    made = model.notes[notes:]
    del model.notes[notes:]  # (`_take_produced` adds them, also when this ran in the parent)
    return Produced(own.fresh, own.snapshot.producers, own.snapshot.fragments, made)


def _take_produced(model: SiteModel, produced: Produced, plan: RenderPlan) -> None:
    """What `_produce` made, put into the build's plan, where no page may have its path."""
    for path, data in produced.fresh.items():
        _add_file(plan, path, data)
    plan.snapshot.producers.update(produced.runs)
    plan.snapshot.fragments = produced.fragments
    model.notes.extend(produced.notes)


def _run_producers(model: SiteModel, last: LastBuild | None, plan: RenderPlan) -> None:
    """Producers run like pages: again only when something they read changed."""
    fragments = Fragments(model.views, last.snapshot.fragments, last.changed) if last else Fragments(model.views)
    model.fragments = fragments
    paths = [job.path for job in model.renderer.jobs()]
    for producer in PRODUCERS:
        paths += _run_producer(model, _producer_name(producer), functools.partial(producer, model), last, plan)
    inputs = repr(paths)
    for summary in SUMMARY_PRODUCERS:
        _run_producer(model, _producer_name(summary), functools.partial(summary, model, paths), last, plan, inputs)
    plan.snapshot.fragments, model.fragments = fragments.new, None


def _producer_name(producer: Producer | SummaryProducer) -> str:
    return f"{producer.__module__}.{producer.__qualname__}"


def _run_producer(
    model: SiteModel, name: str, run: Callable[[], Iterable[PageOutput]], last: LastBuild | None,
    plan: RenderPlan, inputs: str = "",
) -> list[str]:
    """Run one producer, or keep its files when nothing it read changed. Returns its paths."""
    snapshot = plan.snapshot
    previous = last.producer_run(name, inputs, plan.fresh) if last is not None else None
    if last is not None and previous is not None:
        for path in previous.paths:
            plan.kept[path] = last.outputs[path]
        model.notes.extend(previous.notes)
        snapshot.producers[name] = previous
        return list(previous.paths)
    views = model.views
    notes = len(model.notes)
    views.reads = set()
    try:
        pages = list(run())
        producer_reads = frozenset(views.reads)
    finally:
        views.reads = None
    for page in pages:
        _add_file(plan, page.path, page.data)
    paths = [page.path for page in pages]
    snapshot.producers[name] = ProducerRun(paths, producer_reads, model.notes[notes:], inputs)
    return paths


def _add_file(plan: RenderPlan, path: str, data: bytes) -> None:
    """A producer's file into `plan`, where no page (every one is in the snapshot's pages) and no
    other producer's file may have its path."""
    if path in plan.fresh or path in plan.kept or path in plan.snapshot.pages:
        raise TemplateError(f"two outputs want the same path: {path}")
    plan.fresh[path] = data
