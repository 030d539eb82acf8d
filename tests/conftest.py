"""Shared test helpers: write a whole fixture site from one string, build it, read its pages.

A site is written Hugo-style, each file introduced by a ``-- path --`` line::

    -- content/site.yaml --
    title: Test
    -- content/people/jane-doe.yaml --
    name: Jane Doe
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from explainer.build.command import build_site
from explainer.cli import main
from explainer.core.options import BuildOptions

REPO = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"


@dataclass
class BuildRun:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()


def write_site(root: Path, spec: str) -> Path:
    """Write the files described by `spec` under `root` and return `root`."""
    spec = textwrap.dedent(spec).lstrip("\n")
    path = None
    chunks: dict[str, list[str]] = {}
    for line in spec.splitlines(keepends=True):
        if line.startswith("-- ") and line.rstrip().endswith(" --"):
            path = line.strip()[3:-3].strip()
            chunks[path] = []
        elif path is not None:
            chunks[path].append(line)
    for relative, lines in chunks.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(lines), encoding="utf-8")
    return root


def run_build(*args: str) -> BuildRun:
    """Run the CLI in-process and capture what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
    return BuildRun(code, out.getvalue(), err.getvalue())


def build(root: Path, *args: str) -> BuildRun:
    """Build the site at `root` from inside it, as a writer does: messages name `content/...`."""
    with contextlib.chdir(root):
        return run_build("build", "--content", str(root / "content"), "--out", str(root / "site"), *args)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def site_root(tmp_path: Path):
    """A factory: ``site_root(spec)`` writes a site into a fresh folder and returns it."""
    counter = iter(range(1000))

    def make(spec: str) -> Path:
        return write_site(tmp_path / f"site{next(counter)}", spec)

    return make


@pytest.fixture
def full_site(tmp_path: Path) -> Path:
    """A copy of tests/sites/full: every collection, each in both forms."""
    root = tmp_path / "full"
    shutil.copytree(SITES / "full", root)
    return root


# Modules whose tests share a session's fixture, scheduled as one: the 20,000-record site is built once.
_SCHEDULED_TOGETHER = {"tests/browser/test_scale_browser.py": "tests/test_scale.py"}


def _spy_on_askers(log: Path, monkeypatch, modules: tuple[object, ...], name: str) -> Callable[[], list[int]]:
    """Replace function `name` of each of `modules` by one that logs the pid of the process
    calling it to `log`, set before any fork, so that a child process has it too; returns the
    logged pids, in order."""
    real = getattr(modules[0], name)

    def spy(*args):
        with open(log, "a") as out:
            out.write(f"{os.getpid()}\n")
        return real(*args)

    for module in modules:
        monkeypatch.setattr(module, name, spy)
    return lambda: [int(line) for line in log.read_text().split()] if log.exists() else []


@pytest.fixture
def untouched_askers(tmp_path: Path, monkeypatch) -> Callable[[], list[int]]:
    """The pid of each process that asks whether files are untouched (`core.untouched`), in order."""
    from explainer.build import cache_header
    from explainer.core import untouched

    return _spy_on_askers(tmp_path / "untouched-askers.txt", monkeypatch, (untouched, cache_header), "untouched_since")


@pytest.fixture
def byte_askers(tmp_path: Path, monkeypatch) -> Callable[[], list[int]]:
    """The pid of each process that compares an output folder's files with the bytes the last
    build wrote (`output.writer.holds_files`, as `build.cache_header` asks it), in order."""
    from explainer.build import cache_header

    return _spy_on_askers(tmp_path / "byte-askers.txt", monkeypatch, (cache_header,), "holds_files")


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """The suite runs on every core (pytest-xdist, `-n auto` in pytest.ini). A module's tests share
    its fixtures, so each module goes to one worker whole, in the order they are collected."""
    from xdist.scheduler import LoadScopeScheduling

    class ByModule(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return _SCHEDULED_TOGETHER.get(module, module)

    return ByModule(config, log)


SCALE_RECORDS = 20_000  # the generated site the size bounds are checked on (tests/test_scale.py)


@pytest.fixture(scope="session")
def big_site(tmp_path_factory) -> Path:
    """A 20,000-record site made by bench/generate.py and built without search, once per session
    (a minute or two): tests/test_scale.py and tests/browser/test_scale_browser.py read it."""
    root = tmp_path_factory.mktemp("scale")
    subprocess.run(
        [sys.executable, str(REPO / "bench/generate.py"), "--records", str(SCALE_RECORDS),
         "--out", str(root / "story")],
        check=True, capture_output=True,
    )
    out = root / "site"
    build_site(BuildOptions(root / "story/content", out, search=False))
    return out
