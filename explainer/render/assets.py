"""Static assets: found in `static/` folders and published under content-hashed names.

`style.css` is written as `static/style.<hash>.css` so hosts may cache it forever; templates ask
for `asset("style.css")` and get the fingerprinted URL.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class Asset:
    logical: str  # "style.css", "js/preview.js"
    source: Path
    output: str  # "static/style.1a2b3c4d5e.css"


def collect_assets(static_dirs: list[Path]) -> dict[str, Asset]:
    """Every file under the static folders; earlier folders override later ones."""
    assets: dict[str, Asset] = {}
    for folder in reversed(static_dirs):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            logical = path.relative_to(folder).as_posix()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            pure = PurePosixPath(logical)
            fingerprinted = pure.with_name(f"{pure.stem}.{digest}{pure.suffix}")
            assets[logical] = Asset(logical, path, f"static/{fingerprinted.as_posix()}")
    return dict(sorted(assets.items()))
