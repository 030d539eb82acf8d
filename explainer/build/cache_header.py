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
from explainer.core.untouched import UntouchedCheck, untouched_since
from explainer.output.writer import Generations
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
    # Where the rest of the cache starts in the file: set when the header is read, not saved
    # (`read_cache_header`; `cache_file.read_cache` goes on from there).
    length: int = field(default=0, compare=False)

    def unchanged(self, options: BuildOptions, inputs: str, intact: UntouchedCheck) -> bool:
        """Nothing changed in the input (`inputs`: its digest now), and the site is as the
        build that saved this left it (`intact`: the check of its outputs, `check_outputs`)."""
        if self.inputs != inputs or not self.outputs:
            return False
        live = Generations(options.out_dir).live_manifest()
        return live == self.outputs and intact.answer()


@dataclass(frozen=True)
class LastSite:
    """The last build's site as a build found it before its stages: the cache's header (None
    when there is no cache it may use) and the check of the files it lists (`check_outputs`),
    under way."""

    header: CacheHeader | None
    intact: UntouchedCheck


def _output_paths(out: Path, outputs: dict[str, str]) -> list[str]:
    folder = os.fspath(out)  # (strings: a `Path` a file was a third of the time it took)
    return [os.path.join(folder, relative) for relative in outputs]


def outputs_intact(out: Path, outputs: dict[str, str], saved_ns: int, last: LastSite | None = None) -> bool:
    """Whether every file the last build wrote is still there and untouched since. The check
    under way in `last` answers when its header lists these very files (a cache read from that
    header has them)."""
    if last is not None and last.header is not None and outputs is last.header.outputs:
        return last.intact.answer()
    return untouched_since(_output_paths(out, outputs), saved_ns)


def check_outputs(out: Path, header: CacheHeader | None) -> UntouchedCheck:
    """`outputs_intact` for the files `header` lists, asked from now on by a child process
    (`UntouchedCheck`): a build reads the header first, and wants the answer only once it has
    scanned its input, or read its cache and loaded the site. No header, no files to check."""
    if header is None:
        return UntouchedCheck([], 0)
    return UntouchedCheck(_output_paths(out, header.outputs), header.saved_ns)


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


