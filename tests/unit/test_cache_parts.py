"""The cache on disk (`explainer.build.cache`) is saved in parts: the parsed files, and the
conversions with the snapshot's links, by shards; the snapshot's timeline with the layouts; what
each page and producer read; the mention linker.
Read back, every part is in its place; saved again, a part left as it was read is written back
as the bytes it was read from, not pickled again."""

from __future__ import annotations

import operator
import pickle
import shutil
from dataclasses import replace

import pytest
from conftest import SITES

from explainer.build import cache as cache_module
from explainer.build.cache import BuildCache, read_cache, save_cache
from explainer.build.pipeline import BuildOptions, build_site


@pytest.fixture
def options(tmp_path):
    root = tmp_path / "events"
    shutil.copytree(SITES / "events", root)
    options = BuildOptions(root / "content", root / "site", workers=1, search=False)
    build_site(options)
    return options


@pytest.fixture
def pickled(monkeypatch) -> list[object]:
    """What `save_cache` pickles part by part (the header and the rest of the cache, pickled
    every time, are left out; they must hold none of the parsed files)."""
    seen: list[object] = []
    dumps, dump = pickle.dumps, pickle.dump

    def whole(value, *args, **kwargs):
        assert not (isinstance(value, BuildCache) and value.files.files)
        return dump(value, *args, **kwargs)

    monkeypatch.setattr(cache_module.pickle, "dumps", lambda value, *a, **k: seen.append(value) or dumps(value, *a, **k))
    monkeypatch.setattr(cache_module.pickle, "dump", whole)
    return seen


def test_every_part_is_read_back_into_its_place(options):
    cache = read_cache(options)
    assert cache.linker is not None and cache.snapshot is not None
    assert len(cache.files.files) == len(list((options.content_dir).rglob("*.yaml"))) + len(
        list((options.content_dir).rglob("*.md")))
    assert set(cache.conversions.entries) == set(cache.snapshot.digests)
    assert cache.snapshot.timeline and cache.snapshot.edges.keys() == cache.snapshot.digests.keys()
    assert cache.snapshot.pages and cache.snapshot.producers and cache.snapshot.fragments
    # each page's reads, sorted: equal reads are equal tuples (read back faster than sets)
    assert all(type(keys) is tuple and list(keys) == sorted(set(keys)) for keys in cache.snapshot.pages.values())
    # the folders' listings, saved without their files' items, have them back: the very objects
    folders = cache.files.folders
    assert folders and all(listed.items for listed in folders.values())
    assert all(
        all(map(operator.is_, listed.items, [item for path in listed.paths for item in cache.files.files[path].items]))
        for listed in folders.values()
    )
    save_cache(options, cache)
    again = read_cache(options)
    assert again.snapshot == cache.snapshot
    assert again.files.files == cache.files.files
    assert again.conversions.entries == cache.conversions.entries


def test_a_cache_saved_again_unchanged_pickles_no_part_again(options, pickled):
    save_cache(options, read_cache(options))
    assert pickled == []


def test_a_changed_file_pickles_again_only_its_shard(options, pickled):
    cache = read_cache(options)
    path, cached = next(iter(cache.files.files.items()))
    cache.files.files[path] = replace(cached, stamp=(0, 0, 0))  # read again since
    save_cache(options, cache)
    assert len(pickled) == 1 and pickled[0] == ({
        p: c for p, c in cache.files.files.items() if cache_module._shard(p) == cache_module._shard(path)
    },)
    assert read_cache(options).files.files[path].stamp == (0, 0, 0)


def test_an_edit_that_changes_no_page_s_reads_pickles_them_not_again(options, pickled):
    edited = options.content_dir / "people/ben-ortiz.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Leader", "The leader"), encoding="utf-8")
    build_site(options)
    reads = [value for value in pickled if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dict)
             and all(isinstance(keys, frozenset) for keys in value[0].values())]
    assert reads == []  # the pages that were rendered again read what they read last time
    assert "The leader" in (options.out_dir / "people/ben-ortiz/index.html").read_text(encoding="utf-8")
    (options.content_dir / "people/cy-dam.yaml").write_text(
        "name: Cy Dam\nsummary: Works with [[ben-ortiz]].\nsources: [report]\n", encoding="utf-8")
    build_site(options)  # a new page, which reads what it reads
    assert any(isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dict)
               and "people/cy-dam/index.html" in value[0] for value in pickled)
