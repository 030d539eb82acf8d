"""The build cache: what one build leaves for the next.

Owns `BuildCache` (the parsed files, the conversions, the mention linker, the snapshot of the
last build and the files it wrote, the stamps of its input files; for the preview server also
`patch.Memory`) and the key that makes a cache from another engine, Python, content folder or set
of options unusable (`cache_header.cache_key`). `cache_file` saves it beside the output folder and
reads it back.

A clean build uses an empty cache (`new_cache`): the stages and the planner always have one.
Nothing in a cache can change the output: every reuse is checked against the current input.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from explainer.build.cache_header import cache_key
from explainer.build.incremental import LinksetDigests, LinksetParts, Snapshot, touched_keys
from explainer.build.inputs import InputFiles, Stamp, changed_paths
from explainer.build.patch import KeptLinker, Memory
from explainer.content.files import Changes
from explainer.content.loader import FileCache
from explainer.content.model import Entity
from explainer.content.settings import SiteConfig
from explainer.core.errors import Diagnostic
from explainer.core.options import BuildOptions
from explainer.markup.convert import ConversionCache
from explainer.produce.site import SiteModel
from explainer.render.environment import CompiledTemplates
from explainer.render.reuse import Layouts, Previous
from explainer.site.index import SiteIndex
from explainer.site.said import Said
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
    # The parts read from disk (`read_cache`): name -> (the file they were read from in the
    # parts folder, what they held).
    stored: dict[str, tuple[str, object]] = field(default_factory=dict)
    # This build's: the only entities that differ from the snapshot's (same ids, kinds, names and
    # linkset, so no other's conversion, links or address changed), or None (`pipeline._index`).
    since: list[str] | None = None
    linkset: LinksetDigests | None = None  # the last linkset, for `build.py` (`kept_linkset`)
    # What the last renderer decided that the next `build.py` may take over (`pipeline._views`):
    # the lists' letters, the records' section pages, and the glossary with the keys it read.
    layouts: Layouts | None = None
    glossary: tuple[Glossary, frozenset[Key]] | None = None
    # The source documents' texts as the last `build.py` normalised them, by text (`verify`).
    normalised: dict[str, str] = field(default_factory=dict)
    # The interface's catalogs as the last `build.py` compiled them (`i18n.compiled_catalogs`).
    catalogs: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    # What the whole-site checks said at each entity of the last `build.py` (`provenance`): the
    # next one checks again only what its changed entities (`since`) can have changed.
    said: Said | None = None

    def edition(self, language: str) -> BuildCache:
        """The cache of the edition in `language` (another than the default): its own
        conversions, snapshot and files, the parsed content files and the compiled templates
        shared (every edition renders the same templates: compiling them again was a fifth of a
        clean build of a small site in two languages)."""
        cache = self.editions.get(language)
        if cache is None:
            cache = BuildCache(self.key, self.files, memory=Memory() if self.memory is not None else None)
            self.editions[language] = cache
        cache.files = self.files  # a cache read from disk shares them again
        cache.compiled = self.compiled
        if self.memory is not None and cache.memory is not None:
            cache.memory.templates = self.memory.templates
        return cache

    def written(self, snapshot: Snapshot, outputs: dict[str, str], model: SiteModel) -> None:
        """Remember the build whose output is now in place."""
        self.snapshot, self.outputs = snapshot, outputs
        if self.memory is not None:
            self.memory.model = model
            return
        self.said = model.said
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
            stored = self.stored.get(f"files/{shard_of(key)}")
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


# The tables saved by shards (`cache_file`): how many shards, and which one each key is saved in.
SHARDS = 64


def shard_of(key: object) -> int:
    return zlib.crc32(str(key).encode("utf-8", "surrogateescape")) % SHARDS
