"""explainer.produce.pagefind: the Pagefind binary is found where Pagefind's own Python API finds
it ($PAGEFIND_BINARY_PATH, the `pagefind[bin]` packages, PATH), without importing that API."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from explainer.produce import pagefind
from explainer.produce.pagefind import find_pagefind


@pytest.fixture
def no_given_path(monkeypatch):
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)


def fake_package(root: Path, name: str, binaries: list[str]) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text("raise ImportError('found without importing it')\n")
    for binary in binaries:
        (folder / binary).write_text("#!/bin/sh\n")
    importlib.invalidate_caches()
    return folder


def test_it_finds_the_binary_pagefinds_own_api_finds(no_given_path):
    from pagefind.service import get_executable

    assert find_pagefind() == str(get_executable())


def test_a_given_path_wins_when_it_is_a_file(tmp_path, monkeypatch):
    binary = tmp_path / "my-pagefind"
    binary.write_text("#!/bin/sh\n")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    assert find_pagefind() == str(binary)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "missing"))
    assert find_pagefind() is None


def test_the_extended_package_comes_first_then_its_extended_binary(tmp_path, monkeypatch, no_given_path):
    monkeypatch.syspath_prepend(str(tmp_path))
    fake_package(tmp_path, "pagefind_bin", ["pagefind"])
    extended = fake_package(tmp_path, "pagefind_bin_extended", ["pagefind", "pagefind_extended"])
    assert find_pagefind() == str(extended / "pagefind_extended")


def test_a_package_without_its_binary_gives_none(tmp_path, monkeypatch, no_given_path):
    monkeypatch.syspath_prepend(str(tmp_path))
    fake_package(tmp_path, "pagefind_bin_extended", [])
    assert find_pagefind() is None


def test_without_the_packages_it_looks_on_the_path(tmp_path, monkeypatch, no_given_path):
    monkeypatch.setattr(pagefind, "BINARY_PACKAGES", ("no_such_package_here",))
    binary = tmp_path / "pagefind"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_pagefind() == str(binary)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert find_pagefind() is None


def test_looking_imports_neither_pagefinds_api_nor_asyncio():
    script = (
        "import sys; from explainer.produce.pagefind import find_pagefind; found = find_pagefind(); "
        "print(found is not None, sorted(m for m in sys.modules if m.split('.')[0] in ('asyncio', 'pagefind', 'pagefind_bin')))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PAGEFIND_BINARY_PATH", None)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.split("\n")[0] == "True []"
