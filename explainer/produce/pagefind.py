"""Where the Pagefind binary is (`find_pagefind`): asked by the search index (`search`) and by the
build cache's key, which a build that finds nothing changed reads without importing the stages."""

from __future__ import annotations

import shutil


def find_pagefind() -> str | None:
    """The Pagefind binary: from the `pagefind[bin]` package, $PAGEFIND_BINARY_PATH or PATH."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return shutil.which("pagefind_extended") or shutil.which("pagefind")
    try:
        binary = get_executable()
    except (OSError, ImportError):
        return None
    return str(binary) if binary is not None and binary.is_file() else None
