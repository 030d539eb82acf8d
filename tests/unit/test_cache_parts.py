"""The cache on disk (`explainer.build.cache_file`) is saved in parts, each a file of its own in the
parts folder beside the cache file: the parsed files with their stamps, what the last build made
of each entity (conversions, links, names) and the shared fragments, by shards; the snapshot's
timeline with the layouts; what each page and producer read; the templates; the linkset; the
folders' listings; the normalised source texts; the mention linker.
Read back, every part is in its place; saved again, a part left as it was read is neither pickled
nor written again (nor are the entries of its tables sorted into shards again), and the files no
part needs any more are removed."""

from __future__ import annotations

import operator
import os
import pickle
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SITES

from explainer.build import cache_file as cache_module
from explainer.build import cache_header
from explainer.build.cache import SHARDS, BuildCache, shard_of
from explainer.build.cache_file import read_cache, save_cache
from explainer.build.command import build_site
from explainer.content.model import Entity
from explainer.content.source_path import SourcePath
from explainer.core.options import BuildOptions

os_replace = os.replace


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
    assert again.files.files == cache.files.files and again.files.stamps == cache.files.stamps
    assert again.conversions.entries == cache.conversions.entries


def test_a_cache_read_after_its_header_goes_on_from_there(options, monkeypatch):
    # A build reads the header first (to tell whether anything changed), then the cache: the
    # header, a thousandth of the cache per page it wrote, is not read twice.
    header = cache_header.read_cache_header(options)
    assert header is not None
    data = cache_header.cache_path(options).read_bytes()
    assert pickle.loads(data[: header.length]) == header  # (its length is not compared)
    assert isinstance(pickle.loads(data[header.length :]), BuildCache)
    whole = read_cache(options)
    read: list[object] = []
    load = pickle.load
    monkeypatch.setattr(cache_module.pickle, "load", lambda handle: read.append(load(handle)) or read[-1])
    cache = read_cache(options, header)
    assert not any(isinstance(value, cache_header.CacheHeader) for value in read) and len(read) == 2
    assert cache.outputs is header.outputs and cache.outputs == whole.outputs
    assert cache.snapshot == whole.snapshot and cache.files.files == whole.files.files
    assert cache.key == whole.key and cache.saved_ns == whole.saved_ns == header.saved_ns


def test_a_cache_saved_again_unchanged_pickles_no_part_again(options, pickled):
    save_cache(options, read_cache(options))
    assert pickled == []


def test_a_changed_file_pickles_again_only_its_shards(options, pickled):
    cache = read_cache(options)
    path, cached = next(iter(cache.files.files.items()))
    cache.files.files[path] = cached._replace(digest=b"other bytes")  # read again since
    cache.files.stamps[path] = (0, 0, 0)
    save_cache(options, cache)
    shard = shard_of(path)
    assert sorted(pickled, key=len) == [  # (the files' shard, then the stamps')
        ({p: c for p, c in cache.files.files.items() if shard_of(p) == shard},),
        (
            {p: s for p, s in cache.files.stamps.items() if shard_of(p) == shard},
            {p: s for p, s in cache.stamps.items() if shard_of(p) == shard},
        ),
    ]
    assert read_cache(options).files.stamps[path] == (0, 0, 0)


def test_new_stamps_alone_pickle_again_only_the_stamps(options, pickled):
    cache = read_cache(options)  # as a fresh checkout leaves it: every stamp new, the files the same
    cache.files.stamps = {path: (0, 0, number) for number, path in enumerate(cache.files.stamps)}
    save_cache(options, cache)
    assert pickled and all(len(part) == 2 and part[0].keys() <= cache.files.stamps.keys() for part in pickled)
    assert read_cache(options).files.stamps == cache.files.stamps


def test_an_edit_that_changes_no_page_s_reads_pickles_them_not_again(options, pickled):
    edited = options.content_dir / "people/ben-ortiz.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Leader", "The leader"), encoding="utf-8")
    build_site(options)
    reads = [value for value in pickled if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dict)
             and "people/ben-ortiz/index.html" in value[0]]
    assert reads == []  # the pages that were rendered again read what they read last time
    assert "The leader" in (options.out_dir / "people/ben-ortiz/index.html").read_text(encoding="utf-8")
    (options.content_dir / "people/cy-dam.yaml").write_text(
        "name: Cy Dam\nsummary: Works with [[ben-ortiz]].\nsources: [report]\n", encoding="utf-8")
    build_site(options)  # a new page, which reads what it reads
    assert any(isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dict)
               and "people/cy-dam/index.html" in value[0] for value in pickled)


def part_files(options) -> set[str]:
    return {path.name for path in cache_header.parts_folder(options).iterdir()}


def test_an_edit_writes_only_the_parts_it_changed_and_removes_the_files_no_part_needs(options):
    before = part_files(options)
    folder = cache_header.parts_folder(options)
    stamps = {name: ((folder / name).stat().st_ino, (folder / name).stat().st_mtime_ns) for name in before}
    edited = options.content_dir / "people/ben-ortiz.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Leader", "The leader"), encoding="utf-8")
    build_site(options)
    after = part_files(options)
    assert all(((folder / name).stat().st_ino, (folder / name).stat().st_mtime_ns) == stamps[name]
               for name in before & after)  # not written again
    # the edited file's shard and its stamp's, the person's shard of what the build made of each
    # entity, the shard of the shared fragments that holds the preview of the person (whose role
    # changed); nothing else (no page reads anything new, no template, name or listing changed)
    assert len(after - before) == 4 and len(before - after) == 4
    with open(cache_header.cache_path(options), "rb") as handle:
        pickle.load(handle), pickle.load(handle)
        named = pickle.load(handle)
    assert set(named.values()) == after  # each part's file, and no other file
    fragments = read_cache(options).snapshot.fragments
    preview = next(key for key in fragments if key[0] == "previews" and "ben-ortiz" in key)
    assert {named[f"files/{shard_of(str(edited))}"], named[f"stamps/{shard_of(str(edited))}"],
            named[f"entities/{shard_of('ben-ortiz')}"], named[f"fragments/{shard_of(preview)}"]} == after - before


def test_a_saved_group_s_shards_are_made_again_only_where_an_entry_changed():
    keys = [f"key-{n}" for n in range(2000)]
    tables = [{key: [key] for key in keys}, {key: n for n, key in enumerate(keys)}]
    saved = cache_module._sorted_into_shards("group", tables)
    assert len(saved) == SHARDS and all(name.startswith("group/") for name in saved)
    stored = {name: (f"{name}.pickle", value) for name, value in saved.items()}
    again = cache_module._shards("group", [dict(table) for table in tables], stored)
    assert again.keys() == saved.keys() and all(again[name] is saved[name] for name in saved)  # unchanged
    changed, gone, new = "key-7", "key-8", "key-2000"
    tables[0][changed] = ["edited"]  # (equal values that are other objects are the same entry)
    tables[0] = {key: list(value) for key, value in tables[0].items() if key != gone} | {new: [new]}
    del tables[1][gone]
    tables[1][new] = 2000
    made = cache_module._shards("group", tables, stored)
    assert made == cache_module._sorted_into_shards("group", tables)  # the same entries, in the same shards
    remade = {f"group/{shard_of(key)}" for key in (changed, gone, new)}
    assert [name for name in saved if made[name] is not saved[name]] == sorted(remade, key=list(saved).index)
    only = {key: tables[0][key] for key in tables[0] if shard_of(key) == shard_of(gone)}
    assert made[f"group/{shard_of(gone)}"][0] == only and gone not in made[f"group/{shard_of(gone)}"][1]


def test_a_part_file_gone_or_damaged_makes_the_next_build_a_clean_one(options):
    folder = cache_header.parts_folder(options)
    largest = max(folder.iterdir(), key=lambda path: path.stat().st_size)
    largest.write_bytes(largest.read_bytes()[:100])  # damaged
    assert read_cache(options).snapshot is None
    edited = options.content_dir / "people/ben-ortiz.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Leader", "The leader"), encoding="utf-8")
    clean = build_site(replace(options, out_dir=options.out_dir.parent / "clean"), use_cache=False)
    assert build_site(options).rendered == clean.rendered == 16  # every page
    assert read_cache(options).snapshot is not None  # saved whole again
    next(folder.iterdir()).unlink()  # gone
    assert read_cache(options).snapshot is None


def test_a_save_killed_before_the_cache_file_was_replaced_leaves_the_last_cache_whole(options, monkeypatch):
    before = part_files(options)
    edited = options.content_dir / "people/ben-ortiz.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Leader", "The leader"), encoding="utf-8")

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # as if the process died between the parts and the cache file

    monkeypatch.setattr(cache_module, "_remove_unused", killed)
    monkeypatch.setattr(cache_module.os, "replace", lambda *a: killed() if str(a[1]).endswith(".cache") else os_replace(*a))
    with pytest.raises(KeyboardInterrupt):
        build_site(options)
    monkeypatch.undo()
    assert before < part_files(options)  # the new parts are there, the last cache's too
    cache = read_cache(options)
    assert cache.snapshot is not None and "The leader" not in str(cache.files.files[str(edited)].items)
    build_site(options)  # saves again, and removes what no part needs
    assert "The leader" in str(read_cache(options).files.files[str(edited)].items)
    with open(cache_header.cache_path(options), "rb") as handle:
        pickle.load(handle), pickle.load(handle)
        assert set(pickle.load(handle).values()) == part_files(options)


def test_a_clean_builds_many_parts_are_saved_by_worker_processes(options, tmp_path, monkeypatch):
    """Pickling a clean build's parts is a second of a 10,000-record build: worker processes
    pickle and write them (not a small site's, where starting them costs more); the cache they
    save reads back as the one saved in this process."""
    cache = read_cache(options)
    writers = tmp_path / "writers.txt"
    write_bytes = cache_module._write_bytes

    def noted(data, handle):  # in whichever process writes the part
        with open(writers, "a") as note:
            note.write(f"{os.getpid()}\n")
        return write_bytes(data, handle)

    monkeypatch.setattr(cache_module, "_write_bytes", noted)
    monkeypatch.setattr(cache_module, "PICKLE_IN_WORKERS", 2)
    cache.stored = {}  # every part pickled again, as in a clean build
    save_cache(replace(options, workers=2), cache)
    assert set(writers.read_text().split()) == {str(os.getpid())}  # a small site's: no workers
    writers.unlink()
    monkeypatch.setattr(cache_module, "LARGE_CACHE", 2)
    cache.stored = {}
    save_cache(replace(options, workers=2), cache)
    pids = writers.read_text().split()
    assert len(pids) == len(os.listdir(cache_header.parts_folder(options))) > 2
    assert str(os.getpid()) not in pids
    again = read_cache(options)
    assert again.snapshot == cache.snapshot
    assert again.files.files == cache.files.files and again.files.stamps == cache.files.stamps
    assert again.conversions.entries == cache.conversions.entries


def test_entities_read_back_have_their_paths_and_compare_equal(options):
    # An entity's path is pickled as its string and made a `Path` again where it is first used
    # (`explainer.content.source_path`).
    cache = read_cache(options)
    entities = [item for cached in cache.files.files.values() for item in cached.items if isinstance(item, Entity)]
    assert entities
    # Read back, each path is its string until it is first used (making them all was the dearest
    # part of reading the parsed files back).
    assert {type(entity.__dict__[SourcePath.KEY]) for entity in entities} == {str}
    for entity in entities:
        path = entity.path
        assert isinstance(path, Path) and path.is_file() and path.is_relative_to(options.content_dir)
        assert entity.path is path  # made once
    # Read back twice, the second time from a cache saved with no path used in between.
    fresh = pickle.loads(pickle.dumps(entities, pickle.HIGHEST_PROTOCOL))
    twice = pickle.loads(pickle.dumps(fresh, pickle.HIGHEST_PROTOCOL))
    assert twice == entities and list(map(hash, twice)) == list(map(hash, entities))
    assert [e.path for e in twice] == [e.path for e in entities]
    assert replace(twice[0], line=99).path == entities[0].path
