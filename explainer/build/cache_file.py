"""The build cache on disk, beside the output folder, for the next `build.py`.

`.site.cache`: a small `CacheHeader` (`cache_header`: the digest of the input files, which lets a
build that changed nothing stop at once, and the files it wrote), then the cache less its large
parts, then the names of the parts' files; `.site.cache.parts/`: each part a pickle of its own, in
a file named by the part and a random token, so that a build writes only the parts it changed
(`save_cache`) and a save killed at any point leaves the last cache or the new one. A missing,
stale or damaged cache is not used: the build is a clean one.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import secrets
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, cast

from explainer.build.cache import SHARDS, BuildCache, new_cache, shard_of
from explainer.build.cache_header import CacheHeader, cache_key, cache_path, parts_folder
from explainer.build.incremental import LinksetDigests
from explainer.build.patch import KeptLinker
from explainer.content.files import CachedFolder
from explainer.content.loader import FileCache
from explainer.core.collector import collector_paused
from explainer.core.options import BuildOptions
from explainer.core.parallel import map_chunks
from explainer.output.writer import Generations
from explainer.render.environment import CompiledTemplates

# A save's parts are pickled by worker processes when there are many of them and they are large:
# a clean build's (about 130 parts, a second of pickling at 10,000 records), not the few an edit
# changes, nor a small site's (starting the workers would cost more than the pickling).
PICKLE_IN_WORKERS = 32  # parts to pickle
LARGE_CACHE = 1000  # content files parsed


def read_cache(options: BuildOptions, header: CacheHeader | None = None) -> BuildCache:
    """The build cache saved by the last build into this output folder, or an empty one.
    `header`: its header, when this build has read it already (`read_cache_header`; the build
    lock held since, so the file is the same): it is not read again.

    Read, and written, with the garbage collector paused: the cache is millions of objects that
    all live on, and collections set off meanwhile would traverse them again and again (four
    fifths of the time it takes to read the cache of a 10,000-record site, a third of the time it
    takes to write it)."""
    try:
        with collector_paused(), open(cache_path(options), "rb") as handle:
            if header is not None and header.length:
                handle.seek(header.length)
            else:
                header = pickle.load(handle)
            cache = pickle.load(handle)
            if not isinstance(cache, BuildCache) or cache.key != cache_key(options):
                return new_cache(options)
            cache.outputs = header.outputs  # (saved once, in the header)
            folder = os.fspath(parts_folder(options))
            cache.stored = {
                name: (file_name, _read_part(os.path.join(folder, file_name)))
                for name, file_name in pickle.load(handle).items()
            }
        _put_parts(cache)
        return cache
    except Exception:  # noqa: BLE001 - a missing, stale or damaged cache is simply not used
        pass
    return new_cache(options)


def _read_part(path: str) -> object:
    with open(path, "rb") as handle:
        return pickle.loads(handle.read())


# The largest parts of the cache are saved as pickles of their own (`_parts`): the parsed files,
# their stamps (apart: a fresh checkout changes them all, and nothing else), what the last build
# made of each entity (its conversion and links in the snapshot, together: the links' sentences
# are the conversions' own strings, pickled once) and the shared fragments, each in shards; the
# snapshot's timeline with the layouts; what each page and producer read (together: the keys are
# shared; unchanged by most edits, which change a few pages' text, not what they read); the
# templates, the linkset, the folders' listings, the normalised source texts and the mention
# linker.
# Each part is a file of its own, in the parts folder beside the cache file, which names them
# (`save_cache`). A build that left a part as it was read names the same file again, neither
# pickling nor writing it: pickling the many small objects of the parsed files alone was half the
# time it took to save the cache of a 10,000-record site, and writing every part again (50 MB at
# 10,000 records, for a one-record edit that changes two parts of a few hundred kilobytes) most
# of the rest.


def _tables(cache: BuildCache) -> dict[str, list[dict]]:
    """The tables saved by shards, in groups whose shards are saved together, by name: the
    parsed files, their stamps, what the last build made of each entity, and the shared
    fragments (an edit changes a few of them: the preview shards that show what it changed)."""
    entities: list[dict] = [cache.conversions.entries]
    groups: dict[str, list[dict]] = {
        # (The stamps apart: a fresh checkout changes every stamp and nothing the files gave.)
        "files": [cache.files.files], "stamps": [cache.files.stamps, cache.stamps], "entities": entities,
    }
    if cache.snapshot is not None:
        snapshot = cache.snapshot
        # (Not the digests: their order is the entities' order, which `changed_since` follows.)
        entities += [snapshot.edges, snapshot.names, snapshot.converted]
        groups["fragments"] = [snapshot.fragments]
    return groups


def _parts(cache: BuildCache) -> dict[str, object]:
    """The parts saved on their own: name -> what it holds."""
    timeline = cache.snapshot.timeline if cache.snapshot is not None else None
    parts: dict[str, object] = {
        "linker": cache.linker, "layouts": (timeline, cache.layouts, cache.glossary), "templates": cache.compiled,
        "linkset": cache.linkset, "normalised": cache.normalised,
        # The folders' listings without the items of their files (`_put_parts` puts them back).
        "folders": {folder: replace(listed, items=[]) for folder, listed in cache.files.folders.items()},
    }
    if cache.snapshot is not None:
        snapshot = cache.snapshot
        parts["reads"] = (snapshot.pages, snapshot.producers)
    for name, tables in _tables(cache).items():
        parts.update(_shards(name, tables, cache.stored))
    return parts


def _shards(name: str, tables: list[dict], stored: dict[str, tuple[str, object]]) -> dict[str, tuple[dict, ...]]:
    """The shards of one group of tables, by part name. A shard read from disk whose entries are
    all still in the tables, the same, and which gained none, is that very part again (so
    `_part_files` keeps its file); only the others are made again. Sorting every entry into its
    shard on every save was O(entries): half the time it took to save the cache after a
    one-record edit at 100,000 records."""
    read = {
        number: part[1] for number in range(SHARDS)
        if (part := stored.get(f"{name}/{number}")) is not None
        and isinstance(part[1], tuple) and len(part[1]) == len(tables)
    }
    if not read:  # a clean build's, or a group the last build did not save
        return _sorted_into_shards(name, tables)
    # (`items() <=` compares in C, each value by identity first: most are the very objects read)
    changed = {
        number for number, shards in read.items()
        if not all(shard.items() <= table.items() for shard, table in zip(shards, tables, strict=True))
    }
    added: list[dict[int, list]] = []  # by table: the keys no shard read holds, by shard
    for index, table in enumerate(tables):
        present = sum(
            sum(key in table for key in shards[index]) if number in changed else len(shards[index])
            for number, shards in read.items()
        )
        new: dict[int, list] = {}
        if len(table) != present:
            known = set().union(*(shards[index].keys() for shards in read.values()))
            for key in table:
                if key not in known:
                    new.setdefault(shard_of(key), []).append(key)
        added.append(new)
        changed.update(new)
    parts: dict[str, tuple[dict, ...]] = {}
    for number in sorted(read.keys() | changed):
        if number not in changed:
            parts[f"{name}/{number}"] = read[number]
            continue
        earlier = read.get(number, tuple({} for _ in tables))  # (a shard that was empty: none)
        made = tuple(
            {key: table[key] for key in [*earlier[index], *added[index].get(number, ())] if key in table}
            for index, table in enumerate(tables)
        )
        if any(made):
            parts[f"{name}/{number}"] = made
    return parts


def _sorted_into_shards(name: str, tables: list[dict]) -> dict[str, tuple[dict, ...]]:
    """Every entry of a group's tables sorted into its shard: the group's parts, by name."""
    shards: list[tuple[dict, ...]] = [tuple({} for _ in tables) for _ in range(SHARDS)]
    known: dict[object, int] = {}  # (the tables of a group share most keys: each is hashed once)
    for number, table in enumerate(tables):
        for key, value in table.items():
            shard = known.get(key)
            if shard is None:
                shard = known[key] = shard_of(key)
            shards[shard][number][key] = value
    return {f"{name}/{number}": shard for number, shard in enumerate(shards) if any(shard)}


def _without_parts(cache: BuildCache) -> BuildCache:
    """`cache` without what is saved in parts (and without what is only kept in memory)."""
    files = FileCache(cache.files.strict)
    snapshot = cache.snapshot
    if snapshot is not None:
        snapshot = replace(
            snapshot, edges={}, names={}, converted={}, timeline=[], pages={}, producers={}, fragments={},
        )
    return replace(
        cache, files=files, conversions=replace(cache.conversions, entries={}), linker=None, memory=None,
        snapshot=snapshot, stored={}, since=None, layouts=None, glossary=None, stamps={}, outputs={},
        compiled=CompiledTemplates(), linkset=None, normalised={}, editions={
            language: replace(edition, files=files, memory=None, stored={}, since=None, compiled=CompiledTemplates())
            for language, edition in cache.editions.items()
        },
    )


def _put_parts(cache: BuildCache) -> None:
    """Put the parts read on their own back in their places in `cache`."""
    tables = _tables(cache)
    folders: dict[Path, CachedFolder] = {}
    for name, (_, value) in cache.stored.items():
        if name == "linker":
            cache.linker = cast(KeptLinker | None, value)
        elif name == "layouts" and isinstance(value, tuple):
            timeline, cache.layouts, cache.glossary = value
            if cache.snapshot is not None and timeline is not None:
                cache.snapshot.timeline = timeline
        elif name == "reads" and isinstance(value, tuple):
            if cache.snapshot is not None:
                cache.snapshot.pages, cache.snapshot.producers = value
        elif name == "templates" and isinstance(value, CompiledTemplates):
            cache.compiled = value
        elif name == "linkset":
            cache.linkset = cast(LinksetDigests | None, value)
        elif name == "normalised" and isinstance(value, dict):
            cache.normalised = value
        elif name == "folders" and isinstance(value, dict):
            folders = value
        elif isinstance(value, tuple):
            for table, shard in zip(tables[name.partition("/")[0]], value, strict=True):
                table.update(shard)
    files = cache.files.files
    # Copies (the part read must stay as it was, to be compared when saved) with their items:
    # a folder some of whose files are missing (never, unless the cache was damaged) is read again.
    cache.files.folders = {
        folder: replace(listed, items=[item for path in listed.paths for item in files[path].items])
        for folder, listed in folders.items() if all(path in files for path in listed.paths)
    }


def _part_files(cache: BuildCache, folder: Path, workers: int = 1) -> dict[str, str]:
    """Each part's file in `folder`: the one it was read from if it is unchanged since, else
    pickled again into a new file, named by the part and a random token (never an earlier
    build's file, which may have been damaged since). (Most of an unchanged part is the very
    objects read, which compare equal at once.) Many large parts to pickle (a clean build's) are
    pickled and written by up to `workers` processes."""
    names = {}
    todo = []
    for name, value in _parts(cache).items():
        stored = cache.stored.get(name)
        if stored is not None and stored[1] == value:
            names[name] = stored[0]
        else:
            todo.append((name, value))

    def write_parts(parts: Sequence[tuple[str, object]]) -> list[tuple[str, str]]:
        written = []
        for name, value in parts:
            data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
            file_name = f"{name.replace('/', '-')}.{secrets.token_hex(8)}.pickle"
            _write_whole(folder / file_name, functools.partial(_write_bytes, data))
            written.append((name, file_name))
        return written

    workers = workers if len(cache.files.files) >= LARGE_CACHE else 1
    for written in map_chunks(write_parts, todo, workers, PICKLE_IN_WORKERS):
        names.update(written)
    return names


def _write_bytes(data: bytes, handle: BinaryIO) -> None:
    handle.write(data)


def _write_whole(path: Path, fill: Callable[[BinaryIO], object]) -> None:
    """Write `path` through a temporary file, so that it is never seen half written."""
    temporary = path.with_name(path.name + ".tmp")
    try:
        with open(temporary, "wb") as handle:
            fill(handle)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _remove_unused(folder: Path, used: Collection[str]) -> None:
    """Remove the parts folder's files that the cache file no longer names (and any file a
    killed save left half written)."""
    for entry in os.scandir(folder):
        if entry.name not in used:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def save_cache(options: BuildOptions, cache: BuildCache) -> None:
    """Save the cache for the next `build.py`, the parsed files included: unpickling what they
    gave is a tenth of the time it takes to read and parse thousands of YAML files again. The
    next `build.py` reuses them while each file's stamp is unchanged (it stats every file: no
    watcher tells it what changed in between)."""
    cache.saved_ns = time.time_ns()
    lean = _without_parts(cache)
    header = CacheHeader(
        cache.key, cache.inputs, cache.outputs, cache.warnings, cache.notes, cache.config, cache.saved_ns,
        Generations.key(options.out_dir),
    )
    folder = parts_folder(options)
    folder.mkdir(exist_ok=True)
    with collector_paused():
        # The parts first, then the file that names them, then the parts it no longer names: a
        # save killed at any point leaves the last cache whole, or the new one.
        files = _part_files(cache, folder, options.workers)

        def fill(handle: BinaryIO) -> None:
            pickle.dump(header, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(lean, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(files, handle, protocol=pickle.HIGHEST_PROTOCOL)

        _write_whole(cache_path(options), fill)
    _remove_unused(folder, set(files.values()))
