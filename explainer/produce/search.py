"""Full-text search: the `/search/` page and the Pagefind index of the staged output.

Pagefind (https://pagefind.app, the `pagefind[bin]` package) reads the finished HTML and writes a
static index under `pagefind/`; its default UI runs in the browser, so search needs no server.
What gets indexed is marked in the templates: `data-pagefind-body` on the main content of record,
document and timeline pages (listings, the home page and the 404 page are left out so that they
do not outrank the pages they list), with names and aliases weighted up, an article's text up, a
glossary definition down, and lists that repeat other pages left out (docs/deploy.md). Pagefind
is given only the pages that may be marked to read (`pages_glob`).

Search is on by default. `--no-search` turns it off; when Pagefind is not installed the build
says so in one note and goes on without the search page or the header search box.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from explainer.core.failures import SearchError
from explainer.core.options import ENGINE_DIR
from explainer.core.parallel import die_with_parent
from explainer.produce import pagefind
from explainer.produce.pagefind_bundle import ENTRY_FILE, UnreadableBundleError, prune_bundle, reusable_bundle
from explainer.produce.site import SiteModel
from explainer.render.renderer import ENTITY_PAGE_KINDS, PageOutput, Renderer
from explainer.site import urls

SEARCH_PAGE = urls.page_file(urls.SEARCH)
BUNDLE_DIR = "pagefind"
MISSING_NOTE = (
    "search is off: Pagefind is not installed "
    "(pip install -r requirements.txt, or build with --no-search to silence this)"
)


PAGEFIND_TIMEOUT = 600  # seconds
# Pagefind is told which files to read as a glob of the searchable pages' shapes (below), when it
# is short: at most this many shapes, each made of plain path segments.
MAX_SHAPES = 64
_PLAIN_PATH = re.compile(r"(?:[A-Za-z0-9._-]+/)*[A-Za-z0-9._-]+")


class SearchInterruptedError(Exception):
    """Pagefind was stopped because newer edits are waiting: the rebuild they start indexes again."""


def configure_search(model: SiteModel) -> None:
    """Decide whether this build has search, and tell the templates where the search page is."""
    if not model.options.search:
        return
    if pagefind.find_pagefind() is None:
        model.notes.append(MISSING_NOTE)
        return
    model.search = True
    model.renderer.env.globals["search_url"] = model.index.url(urls.SEARCH)


def _searchable_paths(renderer: Renderer) -> Iterator[str]:
    """The pages that can be marked for the search (`Metadata.page_meta`'s `searchable`): a record's
    or a document's, and the timeline's (`ListPages.timeline_page`, and each period's pages)."""
    for job in renderer.jobs():
        if job.kind in ENTITY_PAGE_KINDS or job.kind == "timeline_page":
            yield job.path
    for period in renderer.timeline_layout.periods():
        for page in period.pages:
            yield urls.page_file(page.folder)


def _searchable_shapes(model: SiteModel) -> frozenset[str] | None:
    """The shapes (`path_shape`) of the paths of the pages the search may index, with the
    edition's folder. None when Pagefind must read every page: the site has templates of its own,
    or lets raw HTML through (either may mark any page for the search), or a shape cannot be
    written in a glob, or the shapes are too many.

    Pagefind reads every page it is given and indexes only those marked, once one is: the others
    (the lists, the record's pages of connections) are a fifth of its time at 10,000 records."""
    if model.index.config.allow_html or _own_templates(model.options.template_dirs):
        return None
    shapes = set()
    for path in _searchable_paths(model.renderer):
        shape = path_shape(model.index.edition + path)
        if shape is None:
            return None
        shapes.add(shape)
        if len(shapes) > MAX_SHAPES:
            return None
    return frozenset(shapes)


def _own_templates(template_dirs: list[Path]) -> bool:
    """Whether the site has templates of its own (beside the engine's, which it may override)."""
    engine = (ENGINE_DIR / "templates").resolve()
    return any(folder.resolve() != engine and folder.is_dir() and any(folder.iterdir()) for folder in template_dirs)


def path_shape(path: str) -> str | None:
    """A page's path with every folder but the first as `*` (`people/*/index.html`,
    `timeline/*/*/index.html`), or None when a part of it is not plain letters, digits, `.`, `_`
    or `-` (a glob would read more into it)."""
    if not _PLAIN_PATH.fullmatch(path):
        return None
    parts = path.split("/")
    return "/".join([parts[0], *["*"] * (len(parts) - 2), parts[-1]]) if len(parts) > 2 else path


def shapes_glob(shapes: Collection[str]) -> str | None:
    """Pagefind's glob of the pages of these shapes (a page of each shape may be a list, which it
    reads for nothing, but no page of them is left out), or None (every page) when there are none
    or too many."""
    if not shapes or len(shapes) > MAX_SHAPES:
        return None
    return "{" + ",".join(sorted(shapes)) + "}"


def pages_glob(model: SiteModel) -> str | None:
    """What Pagefind is told to read: the glob of every edition's searchable pages, or None for
    every page."""
    shapes: set[str] = set()
    for edition in (model, *model.editions):
        own = _searchable_shapes(edition)
        if own is None:
            return None
        shapes |= own
    return shapes_glob(shapes)


def search_page(model: SiteModel) -> Iterable[PageOutput]:
    """`search/index.html`: Pagefind's default UI, reading the query from `?q=`."""
    if not model.search:
        return
    yield model.renderer.page(
        SEARCH_PAGE, "search.html", title="Search",
        description=f"Search {model.index.config.title}", section="search",
        bundle_url=model.index.root_url(BUNDLE_DIR + "/"),
    )


def _wait(process: subprocess.Popen, interrupt: threading.Event | None) -> tuple[str, str]:
    """Pagefind's output once it ends. Raises SearchInterruptedError as soon as `interrupt` is
    set, and subprocess.TimeoutExpired after PAGEFIND_TIMEOUT seconds."""
    deadline = time.monotonic() + PAGEFIND_TIMEOUT
    while True:
        try:
            return process.communicate(timeout=0.05)
        except subprocess.TimeoutExpired:
            if interrupt is not None and interrupt.is_set():
                raise SearchInterruptedError from None
            if time.monotonic() >= deadline:
                raise


def index_search(model: SiteModel, folder: Path) -> None:
    """Run Pagefind over the staged output; it writes `pagefind/` next to the pages.

    The folder is an earlier build's output brought up to date, its bundle that build's: Pagefind
    adds to it what it lacks (`pagefind_bundle`), then what its index no longer uses is removed.
    A bundle that cannot be reused, or whose index cannot be read, is made again from nothing; a
    build without search must not keep one; a run that did not end well leaves none."""
    bundle = folder / BUNDLE_DIR
    if not model.search:
        shutil.rmtree(bundle, ignore_errors=True)
        return
    if not reusable_bundle(bundle):
        shutil.rmtree(bundle, ignore_errors=True)
    binary = pagefind.find_pagefind()
    if binary is None:  # removed since the build started
        raise SearchError("Pagefind is no longer installed")
    glob = pages_glob(model)
    try:
        _run_pagefind(binary, folder, model.interrupt, glob)
        try:
            prune_bundle(bundle, folder)
        except UnreadableBundleError:  # (another Pagefind's, or a fragment taken for another's)
            shutil.rmtree(bundle, ignore_errors=True)
            _run_pagefind(binary, folder, model.interrupt, glob)
    except BaseException:  # (stopped, failed or Ctrl-C: it may have left a file half written)
        shutil.rmtree(bundle, ignore_errors=True)
        raise
    _order_languages(bundle / ENTRY_FILE)


def _run_pagefind(binary: str, folder: Path, interrupt: threading.Event | None, glob: str | None) -> None:
    command = [binary, "--site", str(folder), "--output-subdir", BUNDLE_DIR, "--silent"]
    if glob is not None:
        command += ["--glob", glob]
    if interrupt is not None and interrupt.is_set():
        raise SearchInterruptedError
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            preexec_fn=functools.partial(die_with_parent, os.getpid()),  # see die_with_parent
        )
    except OSError as exc:
        raise SearchError(f"Pagefind could not run: {exc}") from None
    try:
        stdout, stderr = _wait(process, interrupt)
    except subprocess.TimeoutExpired:
        raise SearchError(
            f"Pagefind could not run: {subprocess.TimeoutExpired(command, PAGEFIND_TIMEOUT)}"
        ) from None
    finally:
        if process.returncode is None:  # stopped, timed out or Ctrl-C: it must not go on writing
            process.kill()
            process.communicate()
    if process.returncode != 0:
        output = (stderr or stdout).strip().splitlines()
        detail = "; ".join(output[-3:]) if output else f"exit status {process.returncode}"
        raise SearchError(f"Pagefind failed: {detail}")


def _order_languages(entry: Path) -> None:
    """Pagefind lists the languages of a site in several languages in no fixed order: put them in
    order of their tags, so that the same site always gives the same bytes."""
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    languages = data.get("languages") if isinstance(data, dict) else None
    if isinstance(languages, dict) and len(languages) > 1:
        data["languages"] = dict(sorted(languages.items()))
        entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
