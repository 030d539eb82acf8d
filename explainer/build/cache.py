"""The build cache: what one build leaves for the next, in memory and on disk.

Owns `BuildCache` (the parsed files, the conversions, the mention linker, the snapshot of the
last build and the files it wrote, the stamps of its input files; for the preview server also
`patch.Memory`), its file next to the output folder (`.site.cache`: a small `CacheHeader` with the
digest of the input files, which lets a build that changed nothing stop at once, then the cache
itself) and the key that makes a cache from another engine, Python, content folder or set of
options unusable (`cache_key`, with `engine_digest` over every file of every subpackage of the
engine).

A clean build uses an empty cache (`new_cache`): the stages and the planner always have one.
Nothing in a cache can change the output: every reuse is checked against the current input.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import pickle
import sys
import time
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast

from explainer import __version__
from explainer.build.incremental import LinksetDigests, LinksetParts, Snapshot, touched_keys
from explainer.build.inputs import InputFiles, Stamp, changed_paths
from explainer.build.patch import KeptLinker, Memory
from explainer.content.files import Changes
from explainer.content.loader import FileCache
from explainer.content.model import Entity, SiteConfig
from explainer.core.collector import collector_paused
from explainer.core.errors import Diagnostic
from explainer.core.options import BuildOptions
from explainer.markup.convert import ConversionCache
from explainer.produce.search import find_pagefind
from explainer.produce.site import SiteModel
from explainer.render.environment import CompiledTemplates
from explainer.render.reuse import Layouts, Previous
from explainer.site.index import SiteIndex
from explainer.views.glossary import Glossary
from explainer.views.keys import Key


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
    snapshot: Snapshot | None = None  # the last build whose output was written
    outputs: dict[str, str] = field(default_factory=dict)  # output path -> digest last written
    inputs: str = ""  # digest of every input file of the last good build
    stamps: dict[str, Stamp] = field(default_factory=dict)  # and their stamps (`inputs.scan_inputs`)
    saved_ns: int = 0  # when the cache was saved to disk: the files it describes are older
    warnings: list[Diagnostic] = field(default_factory=list)  # what that build warned about
    notes: list[str] = field(default_factory=list)  # and what it left out, and why
    config: SiteConfig | None = None  # the settings it built with
    linker: KeptLinker | None = None  # the last mention linker (in memory, `Memory` keeps it)
    compiled: CompiledTemplates = field(default_factory=CompiledTemplates)  # (in memory, `Memory`'s)
    # Kept only in memory, by builds that follow each other in one process (the preview server):
    # the last model, the mention linker, the parts of the linkset, compiled templates (`patch`).
    memory: Memory | None = None
    # The caches of the site's editions in its other languages (`edition`), by language.
    editions: dict[str, BuildCache] = field(default_factory=dict)
    # The parts read from disk (`read_cache`): name -> (their bytes, what they held).
    stored: dict[str, tuple[bytes, object]] = field(default_factory=dict)
    # This build's: the only entities that differ from the snapshot's (same ids, kinds, names and
    # linkset, so no other's conversion, links or address changed), or None (`pipeline._index`).
    since: list[str] | None = None
    linkset: LinksetDigests | None = None  # the last linkset, for `build.py` (`kept_linkset`)
    # What the last renderer decided that the next `build.py` may take over (`pipeline._views`):
    # the lists' letters, the records' section pages, and the glossary with the keys it read.
    layouts: Layouts | None = None
    glossary: tuple[Glossary, frozenset[Key]] | None = None

    def edition(self, language: str) -> BuildCache:
        """The cache of the edition in `language` (another than the default): its own
        conversions, snapshot and files, the parsed content files shared."""
        cache = self.editions.get(language)
        if cache is None:
            cache = BuildCache(self.key, self.files, memory=Memory() if self.memory is not None else None)
            self.editions[language] = cache
        cache.files = self.files  # a cache read from disk shares the files again
        return cache

    def written(self, snapshot: Snapshot, outputs: dict[str, str], model: SiteModel) -> None:
        """Remember the build whose output is now in place."""
        self.snapshot, self.outputs = snapshot, outputs
        if self.memory is not None:
            self.memory.model = model
            return
        renderer = model.renderer
        layouts = renderer.layouts
        # Each list's letters without its entities (which the parsed files hold already): the
        # next build compares the items they give, and keeps the layout when they are the same.
        # The timeline's layout, the record timelines' pages, the list keys and their digests,
        # and the pages to render are saved with the snapshot's timeline (`_parts`): the entries
        # they hold are its very objects again when read, so the next build can tell at once that
        # they are the ones its timeline kept (`reuse.same_objects`).
        letters = {folder: replace(kept, entities=[]) for folder, kept in layouts.letters.items()}
        self.layouts = Layouts(
            layouts.keep, letters=letters, sections=layouts.sections, quote_order=layouts.quote_order,
            timeline=layouts.timeline, record_timelines=layouts.record_timelines, jobs=layouts.jobs,
            list_keys=layouts.list_keys, key_digests=layouts.key_digests,
        )
        self.glossary = (renderer.glossary, renderer.glossary_reads)

    def taken_over(self, index: SiteIndex) -> tuple[tuple[Glossary, frozenset[Key]] | None, Previous | None]:
        """What a cached `build.py` takes over from the last renderer when only a few entities
        changed (`since`): the glossary, if none of what it read can differ; the lists' letters,
        when they file the same items; the records' section pages (`reuse.reuse_sections`)."""
        if self.memory is not None or self.since is None or self.snapshot is None or self.layouts is None:
            return None, None
        last = self.snapshot
        linked, touched = touched_keys(
            self.since, index, lambda i: (end[0] for end in last.edges.get(i, ())), last.quote_people.__contains__,
        )
        glossary = self.glossary if self.glossary is not None and self.glossary[1].isdisjoint(linked) else None
        return glossary, Previous(self.layouts, frozenset(self.since), touched, self._before(index, self.since))

    def _before(self, index: SiteIndex, ids: list[str]) -> dict[str, Entity]:
        """The entities `ids` as the last build read them: the parts of the parsed files read
        from disk still hold them (the loader put the files read again in their place)."""
        wanted, before = set(ids), {}
        for entity_id in ids:
            key = os.fspath(index.entities[entity_id].path)
            stored = self.stored.get(f"files/{_shard(key)}")
            cached = stored[1][0].get(key) if stored is not None and isinstance(stored[1], tuple) else None
            for item in cached.items if cached is not None else ():
                if isinstance(item, Entity) and item.id in wanted:
                    before[item.id] = item
        return before

    def note_changed_files(self, scanned: InputFiles) -> None:
        """Tell the file cache read from disk which input files changed since the build that
        saved it (`stamps`), as the preview server's watcher tells it: the loader trusts every
        other file, and every folder none of whose entries changed, without a look."""
        if self.memory is None and self.stamps and self.files.folders:
            self.files.changes = Changes()
            self.files.note_changes(Path(path) for path in changed_paths(self.stamps, scanned.stamps))

    def linkset_parts(self) -> LinksetParts | None:
        """Each entity's part of the last linkset, when this cache keeps memory."""
        return self.memory.linkset if self.memory is not None else None

    def templates(self) -> CompiledTemplates:
        """The templates compiled by earlier builds (Jinja compiles a template again when its
        source has changed)."""
        return self.memory.templates if self.memory is not None else self.compiled


def new_cache(options: BuildOptions) -> BuildCache:
    """A cache with nothing in it: a build given it is a clean build."""
    return BuildCache(cache_key(options), FileCache(options.strict))


def memory_cache(options: BuildOptions) -> BuildCache:
    """An empty cache that also keeps what is too large to save (`Memory`): for builds that
    follow each other in one process."""
    cache = new_cache(options)
    cache.memory = Memory()
    return cache


@functools.lru_cache(maxsize=1)
def engine_digest() -> str:
    """A digest of the engine's own code (every file of every subpackage), so that a changed
    engine never reuses a cache."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".js", ".css"):
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(options: BuildOptions) -> str:
    # The current folder too: the paths in the diagnostics the cache keeps are shown from it.
    return repr((__version__, engine_digest(), sys.version_info[:2],
                 str(options.content_dir.resolve()), (options.base_url, options.edit_url), options.strict,
                 options.search and find_pagefind() is not None, _current_folder()))


def _current_folder() -> str:
    try:
        return os.getcwd()
    except OSError:  # deleted under us: paths are shown in full
        return ""


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
    folder = os.fspath(out)
    for relative in outputs:
        try:
            info = os.stat(os.path.join(folder, relative))  # (strings: a `Path` a file was a third of it)
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
    """The build cache saved by the last build into this output folder, or an empty one.

    Read, and written, with the garbage collector paused: the cache is millions of objects that
    all live on, and collections set off meanwhile would traverse them again and again (four
    fifths of the time it takes to read the cache of a 10,000-record site, a third of the time it
    takes to write it)."""
    try:
        with collector_paused(), open(cache_path(options), "rb") as handle:
            pickle.load(handle)  # the header
            cache = pickle.load(handle)
            if not isinstance(cache, BuildCache) or cache.key != cache_key(options):
                return new_cache(options)
            stored = pickle.load(handle)
            cache.stored = {name: (data, pickle.loads(data)) for name, data in stored.items()}
            # Out of the collector's sight until the build ends (`pipeline.build_site` unfreezes):
            # its first collection would otherwise traverse every object just read (a tenth of a
            # one-record build at 10,000 records).
            gc.freeze()
        _put_parts(cache)
        return cache
    except Exception:  # noqa: BLE001 - a missing, stale or damaged cache is simply not used
        pass
    return new_cache(options)


# The largest parts of the cache are saved as pickles of their own: the parsed files, and each
# entity's conversion and links in the snapshot (together: the links' sentences are the
# conversions' own strings, pickled once), in shards; the snapshot's timeline with the layouts;
# what each page and producer read (together: the keys are shared; unchanged by most edits, which
# change a few pages' text, not what they read); the mention linker.
# A build that left a part as it was read writes back the bytes it read instead of pickling it
# again: pickling the many small objects of the parsed files alone was half the time it took to
# save the cache of a 10,000-record site.
_SHARDS = 64


def _shard(key: object) -> int:
    return zlib.crc32(str(key).encode("utf-8", "surrogateescape")) % _SHARDS


def _tables(cache: BuildCache) -> dict[str, list[dict]]:
    """The tables saved by shards, in groups whose shards are saved together, by name."""
    entities: list[dict] = [cache.conversions.entries]
    if cache.snapshot is not None:
        entities.append(cache.snapshot.edges)
    return {"files": [cache.files.files], "entities": entities}


def _parts(cache: BuildCache) -> dict[str, object]:
    """The parts saved on their own: name -> what it holds."""
    timeline = cache.snapshot.timeline if cache.snapshot is not None else None
    parts: dict[str, object] = {"linker": cache.linker, "layouts": (timeline, cache.layouts, cache.glossary)}
    if cache.snapshot is not None:
        snapshot = cache.snapshot
        parts["reads"] = (snapshot.pages, snapshot.producers)
    for name, tables in _tables(cache).items():
        shards: list[tuple[dict, ...]] = [tuple({} for _ in tables) for _ in range(_SHARDS)]
        for number, table in enumerate(tables):
            for key, value in table.items():
                shards[_shard(key)][number][key] = value
        parts.update((f"{name}/{number}", shard) for number, shard in enumerate(shards))
    return parts


def _without_parts(cache: BuildCache) -> BuildCache:
    """`cache` without what is saved in parts (and without what is only kept in memory). The
    folders' listings are kept without the items of their files (`_put_parts` puts them back)."""
    files = FileCache(cache.files.strict)
    files.folders = {folder: replace(listed, items=[]) for folder, listed in cache.files.folders.items()}
    snapshot = cache.snapshot
    if snapshot is not None:
        snapshot = replace(snapshot, edges={}, timeline=[], pages={}, producers={})
    return replace(
        cache, files=files, conversions=replace(cache.conversions, entries={}), linker=None, memory=None,
        snapshot=snapshot, stored={}, since=None, layouts=None, glossary=None, editions={
            language: replace(edition, files=files, memory=None, stored={}, since=None)
            for language, edition in cache.editions.items()
        },
    )


def _put_parts(cache: BuildCache) -> None:
    """Put the parts read on their own back in their places in `cache`."""
    tables = _tables(cache)
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
        elif isinstance(value, tuple):
            for table, shard in zip(tables[name.partition("/")[0]], value, strict=True):
                table.update(shard)
    files = cache.files.files
    for folder, listed in list(cache.files.folders.items()):
        if all(path in files for path in listed.paths):
            listed.items = [item for path in listed.paths for item in files[path].items]
        else:  # (never, unless the cache was damaged): the folder is read again
            del cache.files.folders[folder]


def _part_bytes(cache: BuildCache) -> dict[str, bytes]:
    """Each part's bytes: those read from disk if it is unchanged since, else pickled again.
    (Most of an unchanged part is the very objects read, which compare equal at once.)"""
    saved = {}
    for name, value in _parts(cache).items():
        stored = cache.stored.get(name)
        saved[name] = stored[0] if stored is not None and stored[1] == value else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    return saved


def save_cache(options: BuildOptions, cache: BuildCache) -> None:
    """Save the cache for the next `build.py`, the parsed files included: unpickling what they
    gave is a tenth of the time it takes to read and parse thousands of YAML files again. The
    next `build.py` reuses them while each file's stamp is unchanged (it stats every file: no
    watcher tells it what changed in between)."""
    path = cache_path(options)
    temporary = path.with_name(path.name + ".tmp")
    cache.saved_ns = time.time_ns()
    lean = _without_parts(cache)
    header = CacheHeader(
        cache.key, cache.inputs, cache.outputs, cache.warnings, cache.notes, cache.config, cache.saved_ns,
    )
    try:
        with collector_paused(), open(temporary, "wb") as handle:
            pickle.dump(header, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(lean, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(_part_bytes(cache), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
