"""The preview server under load: complete pages while it rebuilds, and flat memory over rebuilds.

Both tests run `build.py serve` in a subprocess on 127.0.0.1 and edit files the way editors save
them. The number of rebuilds in the memory test is EXPLAINER_SERVER_REBUILDS (default 150, about
half a minute; the documented long run is 500, see docs/limits.md).
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest
from serverproc import ServerProcess, edit

pytestmark = pytest.mark.slow

CLIENTS = 200
REQUESTS_PER_CLIENT = 10
REBUILDS = int(os.environ.get("EXPLAINER_SERVER_REBUILDS", "150"))
WARM_UP = max(10, REBUILDS // 10)
# RSS may move by allocator noise; a leak of a few kilobytes per rebuild over the run would not fit.
RSS_TOLERANCE = 8 * 1024 * 1024


def rss(pid: int) -> int:
    """Resident memory of process `pid`, in bytes (Linux)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/PID/status")


def fetch(origin: str, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(origin + path, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class _ClosedTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.closed: set[str] = set()

    def handle_endtag(self, tag: str) -> None:
        self.closed.add(tag)


def closed_tags(html: str) -> set[str]:
    """The elements a page closes, found by parsing it (html.parser: a fraction of bs4's cost,
    which matters for 2,000 pages parsed under one GIL)."""
    parser = _ClosedTags()
    parser.feed(html)
    parser.close()
    return parser.closed


def pages_of(out: Path, limit: int) -> list[str]:
    """URL paths of up to `limit` pages of the built site, in a stable order."""
    paths = sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html"))
    urls = ["/" + p[: -len("index.html")] for p in paths]
    step = max(1, len(urls) // limit)
    return urls[::step][:limit]


def test_200_clients_during_rebuilds_get_only_complete_pages(generated_site, tmp_path):
    root = tmp_path / "root"
    shutil.copytree(generated_site, root)
    people = sorted((root / "content/people").glob("*.yaml"))[:5]
    with ServerProcess(root, "--no-search") as server:
        # Half the requests go to pages every burst rewrites, most of them to the largest ones (the
        # longest to write, so the likeliest to be read mid-write if writes were not atomic).
        rewritten = [f"/people/{p.stem}/" for p in people] + ["/people/", "/graph/", "/glossary/", "/quotes/"] * 2
        urls = [url for pair in zip(rewritten * 6, pages_of(server.out, 60), strict=False) for url in pair]
        stop = threading.Event()
        rebuilds = []

        settings = root / "content/site.yaml"

        def edit_in_bursts() -> None:
            # Bursts of saves: the site's title (every page changes) and five records.
            word = 0
            while not stop.is_set():
                generation = server.status()["generation"]
                title = next(line for line in settings.read_text().splitlines() if line.startswith("title:"))
                edit(settings, title, f"title: Load test {word}")
                for person in people:
                    text = person.read_text(encoding="utf-8")
                    line = next(line for line in text.splitlines() if line.startswith('name: "'))
                    name = re.fullmatch(r'name: "(.*?)(?: \(edit \d+\))?"', line).group(1)
                    edit(person, line, f'name: "{name} (edit {word})"')
                    word += 1
                status = server.wait_until(
                    lambda s, g=generation: stop.is_set() or (s["generation"] > g and not s["building"]),
                    timeout=300,
                )
                if status["generation"] > generation and not status["building"]:
                    rebuilds.append(status["generation"])

        def client(number: int) -> list[str]:
            problems = []
            for request in range(REQUESTS_PER_CLIENT):
                path = urls[(number * REQUESTS_PER_CLIENT + request) % len(urls)]
                status, body = fetch(server.origin, path)
                text = body.decode("utf-8", "replace")
                if status != 200:
                    problems.append(f"{path}: status {status}")
                elif not text.rstrip().endswith("</html>"):
                    problems.append(f"{path}: ends with {text[-60:]!r}")
                elif not {"main", "body", "html"} <= closed_tags(text):
                    problems.append(f"{path}: does not close <main>, <body> and <html>")
            return problems

        editor = threading.Thread(target=edit_in_bursts)
        editor.start()
        try:
            with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
                problems = [p for found in pool.map(client, range(CLIENTS)) for p in found]
            overlapped = len(rebuilds) + server.status()["building"]
        finally:
            stop.set()
            editor.join(timeout=300)
        assert problems == []
        assert overlapped, "the requests did not overlap any rebuild"
        assert server.status()["ok"]


def test_memory_stays_flat_across_rebuilds(full_site):
    person = full_site / "content/people/ana-nunez.yaml"
    with ServerProcess(full_site, "--no-search") as server:
        pid = server.process.pid
        generation = server.status()["generation"]
        samples = {}
        for number in range(1, REBUILDS + 1):
            # Alternate two summaries, so every rebuild renders and writes pages.
            old, new = ("who announced the lease.", "who announced the lease at noon.")
            if number % 2 == 0:
                old, new = new, old
            edit(person, old, new)
            status = server.wait_for_build(generation)
            assert status["ok"], status["errors"]
            generation = status["generation"]
            if number in (WARM_UP, REBUILDS):
                samples[number] = rss(pid)
        grown = samples[REBUILDS] - samples[WARM_UP]
        assert grown < RSS_TOLERANCE, (
            f"RSS grew by {grown / 2**20:.1f} MB from rebuild {WARM_UP} to rebuild {REBUILDS}"
        )
