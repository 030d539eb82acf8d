"""A build killed at any moment leaves the previous site complete; the next build repairs the rest.

A real `build.py` process is SIGKILLed at fractions of a full build's duration (while loading,
rendering in worker processes, writing the spare generation, swapping it in, saving the cache).
After each kill the live site must be byte for byte the site before the build, or the site the
build was making (the same as a clean build's, but for the search index's order; see
`helpers.site_tree`), nothing in between. Builds alternate between two versions of the
content that differ on every page, so the two are always told apart.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import BUILD_PY, check_diagnostics, children, cli_build, gone, site_tree, tree

pytestmark = pytest.mark.slow

TITLES = {"A": "Generated explainer A", "B": "Generated explainer B"}
FRACTIONS = (0.1, 0.3, 0.5, 0.7, 0.9)
# What may sit beside the output folder once a build has finished.
EXPECTED_BESIDE = {"site", ".site.spare", ".site.manifest", ".site.cache", ".site.cache.parts", ".site.lock"}


def set_version(root: Path, version: str) -> None:
    settings = root / "content/site.yaml"
    lines = [line for line in settings.read_text().splitlines() if not line.startswith("title:")]
    settings.write_text(f"title: {TITLES[version]}\n" + "\n".join(lines) + "\n")


def leftovers(root: Path) -> set[str]:
    beside = {p.name for p in root.iterdir()} - {"content", "seeds", ".bench-site.json"}
    temporary = {
        p.relative_to(root).as_posix()
        for folder in (root / "site", root / ".site.spare") if folder.is_dir()
        for p in folder.rglob(".tmp*")
    }
    return (beside - EXPECTED_BESIDE) | temporary


def test_a_killed_build_leaves_the_old_or_the_new_site_and_the_next_build_repairs(generated_site, tmp_path):
    root = tmp_path / "root"
    shutil.copytree(generated_site, root)
    out = root / "site"
    # Clean builds of both versions, each into a fresh folder: what every build must produce.
    clean: dict[str, dict[str, str]] = {}
    seconds = 0.0
    for version in TITLES:
        set_version(root, version)
        started = time.monotonic()
        check_diagnostics(cli_build(root, out=tmp_path / f"clean-{version}" / "site"))
        seconds = max(seconds, time.monotonic() - started)
        clean[version] = site_tree(tmp_path / f"clean-{version}" / "site")
    assert clean["A"] != clean["B"]

    set_version(root, "A")
    assert cli_build(root).code == 0
    live = "A"
    outcomes = []
    for fraction in FRACTIONS:
        wanted = "B" if live == "A" else "A"
        set_version(root, wanted)
        before = tree(out)
        build = subprocess.Popen(
            [sys.executable, str(BUILD_PY), "build", "--content", str(root / "content"), "--out", str(out)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        time.sleep(seconds * fraction)
        build.send_signal(signal.SIGKILL)
        _, err = build.communicate(timeout=120)
        assert err == "", err
        if tree(out) == before:
            outcomes.append((fraction, build.returncode, "old"))
            continue
        assert site_tree(out) == clean[wanted], f"a half-written site after a kill at {fraction:.0%}"
        outcomes.append((fraction, build.returncode, "new"))
        live = wanted

    # The run must have killed some builds before they swapped the site in.
    assert any(result == "old" for _, _, result in outcomes), outcomes
    # The next build cleans up and produces exactly what a clean build does; so does the one
    # after it, which writes into the spare generation the killed builds left behind.
    final = "B" if live == "A" else "A"
    set_version(root, final)
    for _ in range(2):
        check_diagnostics(cli_build(root))
        assert site_tree(out) == clean[final]
        assert leftovers(root) == set()
    assert not [p for p in root.iterdir() if p.name.endswith(".tmp")]
    assert os.listdir(root / ".site.spare")  # the spare is a whole generation, kept for the next build


def command_line(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def test_a_killed_build_takes_its_pagefind_process_with_it(full_site):
    # Pagefind writes its index into the spare generation. Left running after its build was
    # killed, it would go on writing there while the next build fills the same folder.
    build = subprocess.Popen(
        [sys.executable, str(BUILD_PY), "build", "--content", str(full_site / "content"),
         "--out", str(full_site / "site")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    indexer = None
    try:
        deadline = time.monotonic() + 120
        while indexer is None and build.poll() is None and time.monotonic() < deadline:
            indexer = next((pid for pid in children(build.pid) if "pagefind" in command_line(pid)), None)
            time.sleep(0.002)
        if indexer is None:
            pytest.skip("the build ran Pagefind too briefly to catch it (or it is not installed)")
        os.kill(indexer, signal.SIGSTOP)  # frozen mid-index: only its parent's death can end it
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=60)
        deadline = time.monotonic() + 10
        while not gone(indexer) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert gone(indexer), "Pagefind outlived the build that started it"
    finally:
        build.kill()
        if indexer is not None and not gone(indexer):
            os.kill(indexer, signal.SIGKILL)
