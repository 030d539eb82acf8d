"""Build diagnostics: what a content mistake looks like and how all of them are collected.

Every stage reports problems to one `Reporter` instead of raising, so a build shows every error in
the content at once, each as ``path:line: error: message``, the path as the user can open it from
where the command was run: relative to the current folder when the file is under it, else absolute.
"""

from __future__ import annotations

import difflib
import os
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
        return f"{_one_line(self.path)}:{self.line}: {self.severity}: {_one_line(self.message)}"


def _one_line(text: str) -> str:
    """`text` with line breaks and other control characters escaped (file names and quoted
    content may hold any of them), so that each diagnostic stays one line."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii") for ch in text
    )


class ContentError(Exception):
    """Raised when a build stops because the content has errors."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = diagnostics


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix naming the closest choice, or ``""``."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def shown_path(path: Path) -> str:
    """An absolute `path` as the user can open it from where the command was run: relative to the
    current folder when it is under it (``content/people/x.yaml``), else absolute."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError):  # OSError: the current folder was deleted
        return path.as_posix()


class Reporter:
    """Collects diagnostics from every stage. Their paths are shown from the current folder
    (`display_path`); what the engine writes into files names them from the site root (`site_path`)."""

    def __init__(self, root: Path, strict: bool = False):
        self.root = root
        self.strict = strict
        self._diagnostics: set[Diagnostic] = set()
        self._displayed: dict[Path | str, str] = {}

    def display_path(self, path: Path | str) -> str:
        """`path` as the user can open it from the current folder (see `shown_path`)."""
        # A broken list file can hold 100,000 bad items: resolve its path once, not per error.
        shown = self._displayed.get(path)
        if shown is None:
            shown = self._displayed[path] = shown_path(self._locate(Path(path)))
        return shown

    def site_path(self, path: Path | str) -> str:
        """`path` relative to the site root (``content/people/x.yaml``), or as given when it is
        not in the site."""
        try:
            return self._locate(Path(path)).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def _locate(self, path: Path) -> Path:
        """The absolute path of `path`, its folder resolved (the site may be reached through a
        link) but not the file (a problem with a symbolic link names the link, not what it points
        to); when that leads out of the site, the path as it was reached (a linked folder)."""
        try:
            located = path.parent.resolve() / path.name
            if located.is_relative_to(self.root.resolve()):
                return located
        except (OSError, RuntimeError):  # RuntimeError: a link loop (Python < 3.13)
            pass
        return Path(os.path.abspath(path))

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
        if any(d.severity == "error" for d in self._diagnostics):
            raise ContentError(self.errors)
