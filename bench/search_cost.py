"""What search costs at scale: Pagefind's time and peak memory indexing a built site, and the bytes
one query downloads in a real browser.

    python bench/search_cost.py --out DIR [--query WORD]

`DIR` is a site built with search (`build.py build`, not `--no-search`) whose base URL is `/`.
Pagefind is run again over it, alone, as the engine runs it (`--site DIR --output-subdir
pagefind --glob ...`: the glob of the shapes of the pages marked for the search, found in the
folder, as `explainer.produce.search` makes it of those it marks), in a fresh wrapper process
that reads its peak resident set from `getrusage(RUSAGE_CHILDREN)`. Then the folder is served on a loopback port, headless Chromium
(Playwright; `CHROMIUM_PATH`, or /usr/bin/chromium) opens `/search/`, types the query into
Pagefind's box and waits for the results, and every response the page receives after the page
itself has loaded is summed: Pagefind's entry file, its WebAssembly, the index chunks and the
result fragments, as the browser received them (`responseBodySize`; the test server does not
compress, so these are the files' own sizes).

`run.py` calls `measure_search` after each clean build with search; this command runs it alone.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULT_LINK = ".pagefind-ui__result-link"
MARKED = re.compile(rb"<main [^>]*data-pagefind-body")
HEAD_BYTES = 32_768  # where a page's <main> starts, after its head and header (else read on)
SEARCH_BOX = ".pagefind-ui__search-input"

# Pagefind alone, in a fresh process: its wall time, CPU time and peak RSS (KiB).
WRAPPER = """
import json, resource, subprocess, sys, time
result_path, cmd = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(result_path, "w") as f:
    json.dump({"seconds": time.perf_counter() - start, "cpu_seconds": usage.ru_utime + usage.ru_stime,
               "peak_kib": usage.ru_maxrss, "returncode": proc.returncode,
               "stderr": proc.stderr.decode("utf-8", "replace")[:2000]}, f)
"""


@dataclass
class SearchCost:
    """One site's search: indexing it, and one query in the browser."""

    index_seconds: float = 0.0
    index_cpu_seconds: float = 0.0
    index_peak_kib: int = 0
    query: str = ""
    query_files: int = 0  # responses after the search page had loaded
    query_bytes: int = 0
    largest_name: str = ""  # the largest of them
    largest_bytes: int = 0
    results: int = 0  # result links shown
    problems: list[str] = field(default_factory=list)


def pagefind_binary() -> str | None:
    sys.path.insert(0, str(REPO))
    try:
        from explainer.produce.pagefind import find_pagefind
    finally:
        sys.path.remove(str(REPO))
    return find_pagefind()


def marked_pages_glob(out: Path) -> str | None:
    """The glob the engine gives Pagefind, made of the pages of `out` marked for the search (the
    engine makes it of the pages it marks: the same shapes, but for the timeline's overview,
    which it names whether or not the timeline is split); None for every page."""
    sys.path.insert(0, str(REPO))
    try:
        from explainer.produce.search import path_shape, shapes_glob
    finally:
        sys.path.remove(str(REPO))
    shapes = set()
    for page in out.rglob("*.html"):
        if page.relative_to(out).parts[0] == "pagefind":
            continue
        with open(page, "rb") as handle:
            start = handle.read(HEAD_BYTES)
            if not MARKED.search(start if b"<main " in start else start + handle.read()):
                continue
        shape = path_shape(page.relative_to(out).as_posix())
        if shape is None:
            return None
        shapes.add(shape)
    return shapes_glob(shapes)


def index_site(out: Path, cost: SearchCost) -> None:
    """Run Pagefind over `out` as the engine does, measured on its own."""
    binary = pagefind_binary()
    if binary is None:
        cost.problems.append("Pagefind is not installed")
        return
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        result_path = Path(tmp.name)
    try:
        command = [binary, "--site", str(out), "--output-subdir", "pagefind", "--silent"]
        glob = marked_pages_glob(out)
        if glob is not None:
            command += ["--glob", glob]
        subprocess.run([sys.executable, "-c", WRAPPER, str(result_path), *command], check=True)
        data = json.loads(result_path.read_text())
    finally:
        result_path.unlink(missing_ok=True)
    if data["returncode"] != 0:
        cost.problems.append(f"Pagefind failed: {data['stderr'].strip()[:300]}")
    cost.index_seconds, cost.index_cpu_seconds = data["seconds"], data["cpu_seconds"]
    cost.index_peak_kib = data["peak_kib"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: D102 - no access log on stderr
        pass


def chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def query_in_browser(out: Path, query: str, cost: SearchCost, timeout_ms: int = 120_000) -> None:
    """Type `query` into the search page of `out` (served at /) and sum what the browser fetches."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        cost.problems.append("playwright is not installed")
        return
    executable = chromium()
    if executable is None:
        cost.problems.append("Chromium not found (set CHROMIUM_PATH)")
        return
    cost.query = query
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    fetched: list[tuple[str, int]] = []
    counting = False

    def finished(request) -> None:
        if counting:
            fetched.append((request.url.removeprefix(base), request.sizes()["responseBodySize"]))

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
            try:
                page = browser.new_page()
                page.on("requestfinished", finished)
                page.goto(base + "search/", wait_until="networkidle")
                page.wait_for_selector(SEARCH_BOX, timeout=timeout_ms)
                counting = True
                page.fill(SEARCH_BOX, query)
                page.wait_for_selector(RESULT_LINK, timeout=timeout_ms)
                page.wait_for_load_state("networkidle")
                cost.results = len(page.query_selector_all(RESULT_LINK))
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    cost.query_files = len(fetched)
    cost.query_bytes = sum(size for _, size in fetched)
    if fetched:
        cost.largest_name, cost.largest_bytes = max(fetched, key=lambda item: item[1])


def default_query(site: Path) -> str:
    """A word that finds something in a generated site: the last name of its first person."""
    people = sorted((site / "content" / "people").glob("*.yaml"))
    for path in people[:1]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("name:"):
                return line.partition(":")[2].strip().strip("\"'").split()[-1]
    return "agreement"


def measure_search(out: Path, query: str) -> SearchCost:
    cost = SearchCost()
    index_site(out, cost)
    if not cost.problems:
        query_in_browser(out, query, cost)
    return cost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="a site built with search, base URL /")
    parser.add_argument("--query", default="agreement", help="what to type into the search box")
    args = parser.parse_args(argv)
    cost = measure_search(args.out, args.query)
    print(json.dumps(cost.__dict__, indent=2))
    return 1 if cost.problems else 0


if __name__ == "__main__":
    sys.exit(main())
