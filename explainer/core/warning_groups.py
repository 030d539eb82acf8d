"""Many warnings told in few lines: warnings grouped by kind, and the file that keeps them all.

A build of 100,000 records can warn about thousands of records nothing links to. The command line
shows the first `SHOWN_PER_KIND` warnings of each kind, in their usual order, then one line per
kind saying how many more there are; every warning is written to a file beside the output
(`warnings_file`, ``.site.warnings.txt`` next to ``.site.cache``).

A warning's kind is its message with the variable parts put back to placeholders:
``person 'marco-rubio' is not linked from anywhere`` is of the kind
``person '<id>' is not linked from anywhere``. A quoted id becomes ``'<id>'``, other quoted text
``'<text>'`` (or ``"<text>"``), and a number outside quotes ``<n>``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from explainer.core.errors import Diagnostic

SHOWN_PER_KIND = 20

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def warning_kind(message: str) -> str:
    """The kind of a warning: its message with ids, quoted text and numbers as placeholders."""
    parts = []
    last = 0
    for match in _QUOTED.finditer(message):
        parts.append(_NUMBER.sub("<n>", message[last:match.start()]))
        quoted = match.group()
        inner = "<id>" if _ID.fullmatch(quoted[1:-1]) else "<text>"
        parts.append(quoted[0] + inner + quoted[-1])
        last = match.end()
    parts.append(_NUMBER.sub("<n>", message[last:]))
    kind = "".join(parts)
    if kind.isprintable():
        return kind
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in kind)


@dataclass
class WarningGroups:
    """What to print of a list of warnings."""

    shown: list[Diagnostic] = field(default_factory=list)  # in their usual order
    more: dict[str, int] = field(default_factory=dict)  # kind -> warnings left out, first seen first
    total: int = 0

    @property
    def hidden(self) -> int:
        return sum(self.more.values())


def group_warnings(warnings: Iterable[Diagnostic], per_kind: int | None = SHOWN_PER_KIND) -> WarningGroups:
    """The first `per_kind` warnings of each kind (all of them when `per_kind` is None), and how
    many of each kind are left out."""
    groups = WarningGroups()
    seen: dict[str, int] = {}
    for warning in warnings:
        groups.total += 1
        kind = warning_kind(warning.message)
        seen[kind] = seen.get(kind, 0) + 1
        if per_kind is None or seen[kind] <= per_kind:
            groups.shown.append(warning)
        else:
            groups.more[kind] = groups.more.get(kind, 0) + 1
    return groups


def warnings_file(out_dir: Path) -> Path:
    """Where every warning of the last build into `out_dir` is kept when not all were printed."""
    return out_dir.parent / f".{out_dir.name}.warnings.txt"


def save_warnings(path: Path, warnings: Iterable[Diagnostic]) -> None:
    """Write `warnings` to `path`, one per line, as they are printed; whole or not at all."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text("".join(f"{warning}\n" for warning in warnings), encoding="utf-8")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def forget_warnings(path: Path) -> None:
    """Remove the file an earlier build left, so that it never describes another build."""
    try:
        path.unlink(missing_ok=True)
    except OSError:  # a folder we may not write: the build said so already, or will
        pass
