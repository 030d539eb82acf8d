"""`serve --editor`: the address that opens a file at a line in the writer's editor.

Owns the editors the option names (`vscode`, `vscodium`, `idea`, `sublime`), custom URL templates
with `{path}` and `{line}`, checking the option's value, and encoding paths into those addresses.
`{path}` becomes the file's absolute path, percent-encoded (spaces as `%20`, other characters as
their UTF-8 bytes) with its slashes kept, so it starts with `/`; `{line}` becomes the line number.
An address for a whole file or folder (no line) leaves the line out of the built-in addresses and
gives a custom template line 1.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote


@dataclass(frozen=True)
class Editor:
    """An editor the preview's file links open: its name for people, and its addresses."""

    title: str  # "VS Code": in the hint next to the links
    template: str  # with `{path}` and `{line}`
    whole_file: str = ""  # with `{path}` only, for a file or folder without a line ("": `template`, line 1)

    def url(self, path: Path | str, line: int | None = None) -> str:
        """The address that opens `path` (made absolute) at `line`, or the whole file without one."""
        encoded = quote(os.path.abspath(path), safe="/")
        if line is None and self.whole_file:
            return self.whole_file.replace("{path}", encoded)
        return self.template.replace("{path}", encoded).replace("{line}", str(line or 1))


EDITORS: dict[str, Editor] = {
    "vscode": Editor("VS Code", "vscode://file{path}:{line}", "vscode://file{path}"),
    "vscodium": Editor("VSCodium", "vscodium://file{path}:{line}", "vscodium://file{path}"),
    "idea": Editor("IntelliJ IDEA", "idea://open?file={path}&line={line}", "idea://open?file={path}"),
    "sublime": Editor("Sublime Text", "subl://open?url=file://{path}&line={line}", "subl://open?url=file://{path}"),
}

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_REFUSED_SCHEMES = ("javascript:", "data:", "vbscript:")


def editor_from_option(value: str) -> Editor:
    """The editor `--editor VALUE` names; ValueError, with the reason, for a value that is neither
    an editor's name nor a URL template."""
    named = EDITORS.get(value.strip().lower())
    if named is not None:
        return named
    names = ", ".join(EDITORS)
    example = "'myeditor://open?file={path}&line={line}'"
    if "{path}" not in value:
        raise ValueError(
            f"'{value}' is not one of {names}, nor a URL template with {{path}} (and {{line}}), "
            f"e.g. {example}"
        )
    if not _SCHEME.match(value) or value.lower().startswith(_REFUSED_SCHEMES):
        raise ValueError(f"'{value}' must be an address starting with its scheme, e.g. {example}")
    return Editor("your editor", value)
