"""Where the Pagefind binary is (`find_pagefind`): asked by the search index (`search`) and by the
build cache's key, which a build that finds nothing changed reads without importing the stages."""

from __future__ import annotations

import importlib.util
import os
import shutil

# Where `pagefind[bin]` puts the binary, in the order Pagefind's own Python API looks
# (`pagefind.service.get_executable`): the extended build's package first.
BINARY_PACKAGES = ("pagefind_bin_extended", "pagefind_bin")
BINARY_NAMES = ("pagefind_extended", "pagefind")


def find_pagefind() -> str | None:
    """The Pagefind binary: $PAGEFIND_BINARY_PATH, else the one the `pagefind[bin]` package
    installed, else one on PATH; None when there is none.

    Found as Pagefind's own `get_executable` finds it, without importing Pagefind's Python API,
    which imports asyncio: 20 ms, a quarter of a build that finds nothing changed on a small site
    (this is part of the build cache's key, which every build reads)."""
    given = os.environ.get("PAGEFIND_BINARY_PATH")
    if given is not None:
        return given if os.path.isfile(given) else None
    suffixes = ("", ".exe") if os.name == "nt" else ("",)
    for package in BINARY_PACKAGES:
        folder = _package_folder(package)
        if folder is None:
            continue
        for name in BINARY_NAMES:
            for suffix in suffixes:
                candidate = os.path.join(folder, name + suffix)
                if os.path.exists(candidate):  # (the first one there is the one, as Pagefind says)
                    return candidate if os.path.isfile(candidate) else None
        return None  # (the package is there without its binary: Pagefind's API gives up too)
    return shutil.which("pagefind_extended") or shutil.which("pagefind")


def _package_folder(name: str) -> str | None:
    """The folder of an installed package, found without importing it."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    locations = spec.submodule_search_locations if spec is not None else None
    return next(iter(locations), None) if locations else None
