"""The one planner (explainer.build.plan) and the build cache it reads (explainer.build.cache).

A clean build is a build with an empty cache: the planner renders every page. With the cache of
the build whose files are in place, it renders only what changed; told that the files are not in
place (`reuse=False`), it renders everything again. The preview's first pages come only from a
plan that keeps the rest.
"""

from __future__ import annotations

from pathlib import Path

from explainer.build.cache import BuildCache, memory_cache, new_cache
from explainer.build.cache_file import read_cache, save_cache
from explainer.build.cache_header import read_cache_header
from explainer.build.folders import SpareFolder
from explainer.build.inputs import scan_inputs
from explainer.build.pipeline import load_site, write_site
from explainer.build.plan import plan_outputs
from explainer.build.result import html_pages
from explainer.core.errors import Reporter
from explainer.core.options import BuildOptions

PERSON = "content/people/ana-nunez.yaml"


def options_for(root: Path, **extra) -> BuildOptions:
    return BuildOptions(root / "content", root / "site", workers=1, search=False, **extra)


def built(options: BuildOptions, cache: BuildCache) -> list[str]:
    """Load and write the site with `cache`; the pages rendered."""
    model = load_site(options, Reporter(options.root), cache=cache)
    return write_site(model, cache, SpareFolder(options.out_dir)).rendered_pages


def edit(root: Path) -> Path:
    person = root / PERSON
    person.write_text(person.read_text(encoding="utf-8").replace("who announced", "who proposed"), encoding="utf-8")
    return person


def test_an_empty_cache_renders_every_page_and_the_written_cache_renders_none(full_site):
    options = options_for(full_site)
    cache = new_cache(options)
    assert (cache.snapshot, cache.outputs, cache.memory) == (None, {}, None)
    first = built(options, cache)
    jobs = [job.path for job in load_site(options, Reporter(full_site)).renderer.jobs()]
    assert first == jobs and set(jobs) <= set(cache.outputs)
    # The same content, with the cache of the build in place: nothing to render, every page kept.
    model = load_site(options, Reporter(full_site), cache=cache)
    plan = plan_outputs(model, cache, reuse=True)
    assert plan.rendered_pages == [] and set(jobs) <= set(plan.kept)
    assert set(plan.paths) == set(cache.outputs)
    # Files not in place: everything is rendered again.
    model = load_site(options, Reporter(full_site), cache=cache)
    again = plan_outputs(model, cache, reuse=False)
    assert again.rendered_pages == jobs and not again.kept


def test_an_edit_renders_the_record_and_what_shows_it(full_site):
    options = options_for(full_site)
    cache = new_cache(options)
    built(options, cache)
    edit(full_site)
    rendered = built(options, cache)
    assert "people/ana-nunez/index.html" in rendered
    assert 0 < len(rendered) < html_pages(cache.outputs)


def test_the_edited_page_comes_first_only_when_the_rest_is_kept(full_site):
    options = options_for(full_site)
    cache = memory_cache(options)
    built(options, cache)
    cache.files.note_changes([edit(full_site).resolve()])
    model = load_site(options, Reporter(full_site), cache=cache)
    assert model.changed == ["ana-nunez"]  # patched from the last model
    early: list[list[str]] = []
    plan_outputs(model, cache, reuse=False, first=lambda pages: early.append(sorted(pages)))
    assert early == []  # nothing is kept: no page goes first
    model = load_site(options, Reporter(full_site), cache=cache)
    plan = plan_outputs(model, cache, reuse=True, first=lambda pages: early.append(sorted(pages)))
    assert early == [["people/ana-nunez/index.html"]]
    assert "people/ana-nunez/index.html" in plan.rendered_pages and len(plan.rendered_pages) > 1


def test_the_cache_file_holds_a_header_then_the_cache_with_the_parsed_files_but_not_memory(full_site):
    options = options_for(full_site)
    cache = memory_cache(options)
    built(options, cache)
    save_cache(options, cache)
    header = read_cache_header(options)
    assert header is not None and header.outputs == cache.outputs and header.saved_ns == cache.saved_ns
    read = read_cache(options)
    assert read.outputs == cache.outputs and read.snapshot is not None
    assert read.memory is None
    # What each file gave, by its stamp, and each folder's listing; not what the watcher saw change
    # (another process's news): the next build.py trusts the listings only when it knows what
    # changed since, from the stamps of the input files a build.py saved (`note_changed_files`).
    assert read.files.files.keys() == cache.files.files.keys() and read.files.files
    assert read.files.folders.keys() == cache.files.folders.keys() and read.files.folders
    assert read.files.changes is None and read.stamps == {}
    read.note_changed_files(scan_inputs(options))
    assert read.files.changes is None
    assert read.linker is None  # the preview server keeps its linker in memory, not on disk
    # Another set of options is another cache: an empty one.
    strict = options_for(full_site, strict=True)
    assert read_cache_header(strict) is None and read_cache(strict).outputs == {}
