"""Which file of the output folder a preview URL shows, and as what content type.

Only regular files inside the output folder, under the site's base path: no directory listings,
no hidden files, no way out through `..`, encoded slashes or symlinks. Also the reverse: the
output file of the page a browser tab shows (`page_output`), to know whom a rebuild concerns.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

PREVIEW_PREFIX = "/_preview/"  # the server's own URLs; ids never start with "_", so no page can clash

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
    ".ics": "text/calendar; charset=utf-8",
    ".woff2": "font/woff2",
}


@dataclass(frozen=True)
class Target:
    """What a request path resolves to: a file, a redirect, or nothing (404)."""

    file: Path | None = None
    redirect: str | None = None


NOT_FOUND = Target()


def resolve(out_dir: Path, base_path: str, raw_path: str) -> Target:
    """Map a request path, as sent (still percent-encoded), to a file in `out_dir`.

    `/` and the base path without its slash redirect to the base path; a folder with an
    `index.html` redirects to its slash form. Anything that could reach outside `out_dir`, or a
    hidden file, or a folder without `index.html`, is not found.
    """
    if not raw_path.startswith("/") or any(c in raw_path for c in "\\\x00"):
        return NOT_FOUND
    if any(code in raw_path.lower() for code in ("%2f", "%5c", "%00")):
        return NOT_FOUND
    try:
        path = unquote(raw_path, errors="strict")
    except UnicodeDecodeError:
        return NOT_FOUND
    if any(c in path for c in "\\\x00"):
        return NOT_FOUND
    if base_path != "/" and path in ("/", base_path.rstrip("/")):
        return Target(redirect=base_path)
    if not path.startswith(base_path):
        return NOT_FOUND
    parts = path[len(base_path):].split("/")
    folders, name = parts[:-1], parts[-1]
    if any(part in ("", ".", "..") or part.startswith(".") for part in folders) or name in (".", ".."):
        return NOT_FOUND
    if name.startswith("."):  # the builder's temporary files, .htaccess and the like
        return NOT_FOUND
    candidate = out_dir.joinpath(*folders, name or "index.html")
    try:
        root = out_dir.resolve(strict=True)
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a symlink loop
        return NOT_FOUND
    if not real.is_relative_to(root):
        return NOT_FOUND
    if real.is_dir():
        if (real / "index.html").is_file() and name:
            return Target(redirect=raw_path + "/")
        return NOT_FOUND
    if not real.is_file():
        return NOT_FOUND
    return Target(file=real)


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def page_output(url: str, base_path: str) -> str | None:
    """The output path (`people/x/index.html`) of the page a browser shows at `url`."""
    path = unquote(urlsplit(url).path)
    if not path.startswith(base_path):
        return None
    rest = path[len(base_path):]
    return rest + "index.html" if rest == "" or rest.endswith("/") else rest
