"""Whether the last `build.py`'s site still stands: the build cache's header and its key.

The cache beside the output folder (`cache_file`) starts with a small `CacheHeader`: the digest
of the input files the last build read, the files it wrote and what it said. When the input is
the same and every file it wrote is in place, untouched, a build has nothing to do but say again
what that build said (`build.command`). Reading the header imports only this module's few
neighbours, not the stages: importing those is most of the time such a build would take.

Also owns the cache's key (`cache_key`: the engine's own code, Python, the content folder, the
options), which makes a cache made by anything else unusable, and where the cache's files are.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path

from explainer import __version__
from explainer.content.settings import SiteConfig
from explainer.core.errors import Diagnostic
from explainer.core.options import BuildOptions
from explainer.core.untouched import ChildAnswer, UntouchedCheck, untouched_since
from explainer.output.writer import Generations, holds_files
from explainer.produce import pagefind


def cache_path(options: BuildOptions) -> Path:
    return options.out_dir.parent / f".{options.out_dir.name}.cache"


def parts_folder(options: BuildOptions) -> Path:
    """The folder of the cache's parts (`cache_file.save_cache`), beside the cache file."""
    path = cache_path(options)
    return path.with_name(path.name + ".parts")


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
                 options.search and pagefind.find_pagefind() is not None, _current_folder()))


def _current_folder() -> str:
    try:
        return os.getcwd()
    except OSError:  # deleted under us: paths are shown in full
        return ""


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
    folder: str | None  # the output folder it was saved beside, as manifests know it (`Generations.key`)
    # Where the rest of the cache starts in the file: set when the header is read, not saved
    # (`read_cache_header`; `cache_file.read_cache` goes on from there).
    length: int = field(default=0, compare=False)

    def unchanged(self, options: BuildOptions, inputs: str, last: LastSite) -> bool:
        """Nothing changed in the input (`inputs`: its digest now), and the site is as the
        build that saved this left it (`last`: its files' check, under way). A site no manifest
        knows whose files have the bytes this build wrote (restored from a CI job's cache) is
        taken for that build's from now on."""
        if self.inputs != inputs or not self.outputs:
            return False
        live = last.generations.live_manifest()
        if live is None and last.compares_bytes and last.intact.answer():
            last.generations.set_manifest(options.out_dir, self.outputs)
            return True
        return live == self.outputs and last.intact.answer()


@dataclass(frozen=True)
class LastSite:
    """The last build's site as a build found it before its stages: the cache's header (None
    when there is no cache it may use) and the check of the files it lists, under way in a
    child process from the moment the header is read (`last_site`): their times, or their
    bytes when the output folder is not the one the cache was saved beside (`compares_bytes`).
    A build wants the answer only once it has scanned its input, or read its cache and loaded
    the site. `generations`: the output folder's manifests, read at most once for both."""

    header: CacheHeader | None
    intact: ChildAnswer
    generations: Generations
    compares_bytes: bool = False

    def checks(self, outputs: dict[str, str]) -> bool:
        """Whether the check under way is of these very files (a cache read from the header
        has them)."""
        return self.header is not None and outputs is self.header.outputs

    def __enter__(self) -> LastSite:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.intact.close()


def _output_paths(out: Path, outputs: dict[str, str]) -> list[str]:
    folder = os.fspath(out)  # (strings: a `Path` a file was a third of the time it took)
    return [os.path.join(folder, relative) for relative in outputs]


def last_site(out: Path, header: CacheHeader | None) -> LastSite:
    """The check of the files `header` lists, started. A folder restored from a CI job's cache
    into a new checkout (or moved, or copied) is new to the manifests: its files' times say
    nothing about their bytes, so each is read and its digest compared (at 100,000 records 3 GB,
    about 3.4 s of one core, which the child spends while the build loads the site). Once known
    (`unchanged`, `folders.SpareFolder`), its times are checked as any site's."""
    generations = Generations(out)
    if header is None:
        return LastSite(None, ChildAnswer(None), generations)
    known = header.folder is not None and header.folder == Generations.key(out)
    if known or generations.live_manifest() is not None:  # (the manifest, read only then)
        return LastSite(header, UntouchedCheck(_output_paths(out, header.outputs), header.saved_ns), generations)
    return LastSite(header, ChildAnswer(lambda: holds_files(out, header.outputs)), generations, compares_bytes=True)


def outputs_intact(out: Path, outputs: dict[str, str], saved_ns: int, last: LastSite | None = None) -> bool:
    """Whether every file the last build wrote is still there and untouched since. The check
    under way in `last` answers when its header lists these very files (a cache read from that
    header has them; a check of their bytes says more than one of their times)."""
    if last is not None and last.checks(outputs):
        return last.intact.answer()
    return untouched_since(_output_paths(out, outputs), saved_ns)


def holds_last_files(out: Path, outputs: dict[str, str], last: LastSite | None = None) -> bool:
    """Whether the output folder, which no manifest knows, holds exactly the files the last
    build wrote, byte for byte: the check under way in `last` answers when it compared these
    very files' bytes."""
    if last is not None and last.compares_bytes and last.checks(outputs):
        return last.intact.answer()
    return holds_files(out, outputs)


def read_cache_header(options: BuildOptions) -> CacheHeader | None:
    try:
        with open(cache_path(options), "rb") as handle:
            header = pickle.load(handle)
            if isinstance(header, CacheHeader):
                header.length = handle.tell()
    except Exception:  # noqa: BLE001 - a missing or damaged cache is simply not used
        return None
    if isinstance(header, CacheHeader) and header.key == cache_key(options):
        return header
    return None


