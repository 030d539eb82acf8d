"""Build diagnostics: what a content mistake looks like and how all of them are collected.

Every stage reports problems to one `Reporter` instead of raising, so a build shows every error in
the content at once, each as ``path:line: error: message``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in the content, pointing at the file and line that caused it."""

    path: str
    line: int
    severity: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


class ContentError(Exception):
    """Raised when a build stops because the content has errors."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix naming the closest choice, or ``""``."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


class Reporter:
    """Collects diagnostics from every stage; paths are shown relative to the site root."""

    def __init__(self, root: Path, strict: bool = False):
        self.root = root
        self.strict = strict
        self._diagnostics: set[Diagnostic] = set()

    def display_path(self, path: Path | str) -> str:
        path = Path(path)
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def error(self, path: Path | str, line: int, message: str) -> None:
        self._diagnostics.add(Diagnostic(self.display_path(path), max(line, 1), "error", message))

    def warning(self, path: Path | str, line: int, message: str) -> None:
        severity = "error" if self.strict else "warning"
        self._diagnostics.add(Diagnostic(self.display_path(path), max(line, 1), severity, message))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Take diagnostics another reporter (say, in a worker process) collected."""
        self._diagnostics.update(diagnostics)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sorted(self._diagnostics, key=lambda d: (d.path, d.line, d.message))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentError(self.errors)
