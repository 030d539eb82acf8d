"""The package's shape: layers that import only downward, typed code, small modules, each tested.

docs/architecture.md draws the layers; `pyproject.toml` states them as import-linter contracts.
These tests fail the suite when the code drifts from that picture.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ENGINE = REPO / "explainer"
TESTS = REPO / "tests"
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(path for path in ENGINE.rglob("*.py") if "__pycache__" not in path.parts)


def _tool(name: str) -> str:
    """A command installed beside this Python (the test requirements bring it)."""
    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else name


def test_layers_import_only_downward_and_nothing_imports_in_a_circle():
    run = subprocess.run(
        [_tool("lint-imports"), "--no-cache"], cwd=REPO, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Contracts: 2 kept, 0 broken." in run.stdout


def test_the_type_checker_finds_no_error():
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental"], cwd=REPO, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("Success: no issues found")


def test_the_code_is_ruff_clean():
    run = subprocess.run([_tool("ruff"), "check", "--no-cache", "."], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_no_import_hides_behind_type_checking():
    """A `TYPE_CHECKING` import is a cycle the layers would not allow: there must be none."""
    offenders = [
        str(path.relative_to(REPO)) for path in _modules() if "TYPE_CHECKING" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ENGINE)))
def test_every_module_says_what_it_owns_in_at_most_400_lines(path: Path):
    text = path.read_text(encoding="utf-8")
    assert ast.get_docstring(ast.parse(text)), f"{path.relative_to(REPO)} has no docstring"
    lines = text.count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(REPO)} has {lines} lines"


def _test_texts() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in TESTS.rglob("*.py"))


@pytest.mark.parametrize(
    "path", [p for p in _modules() if p.name != "__init__.py"], ids=lambda p: str(p.relative_to(ENGINE)),
)
def test_every_module_has_tests_that_name_it(path: Path):
    """Each module is imported by a test, or a test's docstring names the module it covers."""
    dotted = ".".join(path.relative_to(REPO).with_suffix("").parts)
    parent, _, leaf = dotted.rpartition(".")
    texts = _test_texts()
    assert (
        dotted in texts or f"from {parent} import {leaf}" in texts
        or f"from {parent} import (" in texts and f"    {leaf}," in texts
    ), f"no test imports or names {dotted}"
