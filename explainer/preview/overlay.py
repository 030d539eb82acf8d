"""What the preview server adds to each HTML page it serves: live-reload scripts, the error
overlay, and the "Source" control.

While the latest build has failed, every page carries a banner (`role="alert"`) listing the errors
exactly as the CLI prints them. A page made from content files ends with a small "Source"
disclosure listing them (`sources`). Both are added on the server, so they show with JavaScript
off too. Every `path:line` in the banner and every path in the control is a link that opens the
file in the writer's editor (`serve --editor`, see `editor`), or else a button that copies it
(`copy.js`). The markup lives in `explainer/preview/` as templates; the banner goes just inside
`<body>` (found with an HTML parser), the control just before `</body>`. Nothing here is ever
written into the output folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import jinja2

from explainer.preview.editor import Editor
from explainer.preview.sources import SourceFile

PREVIEW_DIR = Path(__file__).resolve().parent  # the overlay's own CSS, scripts and pages
ASSETS = ("overlay.css", "live-css.js", "copy.js")
CHUNK = 4096
# Where an error line names a file: `content/x.yaml:3: error: …`, `error: templates/x.html:1: …`.
_LOCATION = re.compile(r"^(error: )?([^\s:][^:\n]*):(\d+)(?=: )")
_BODY_END = re.compile(r"</body", re.IGNORECASE)


@dataclass(frozen=True)
class PathLink:
    """A path (`content/people.yaml:12`) as the preview shows it: a link to open it in the
    editor (`href`), or, without an editor, a button that copies `text`."""

    text: str
    href: str = ""


@dataclass(frozen=True)
class ErrorLine:
    """An error line of the banner, cut around the `path:line` it starts with (when it names a file)."""

    before: str
    link: PathLink | None = None
    after: str = ""


class _BodyFinder(HTMLParser):
    """Stops at the `<body>` start tag and remembers where it ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: tuple[int, int, int] | None = None  # line (1-based), column, length of the tag

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "body":
            line, column = self.getpos()
            if self.found is None:
                self.found = (line, column, len(self.get_starttag_text() or ""))


def body_start(html: str) -> int | None:
    """The offset just after the `<body>` start tag, or None when the document has none."""
    finder = _BodyFinder()
    # Fed in chunks so that parsing stops soon after the head, not at the end of a long page.
    for start in range(0, len(html), CHUNK):
        finder.feed(html[start:start + CHUNK])
        if finder.found:
            break
    else:
        finder.close()
    if finder.found is None:
        return None
    line, column, length = finder.found
    offset = 0
    for _ in range(line - 1):  # the parser counts lines by "\n" only
        offset = html.index("\n", offset) + 1
    return offset + column + length


class Overlay:
    """Renders the preview's additions and puts them into pages; paths open in `editor`, if given."""

    def __init__(self, editor: Editor | None = None) -> None:
        self.editor = editor
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(PREVIEW_DIR)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def link(self, path: Path | str, text: str, line: int | None = None) -> PathLink:
        """How the file at `path` (shown as `text`) is offered: opened in the editor, or copied."""
        return PathLink(text, self.editor.url(path, line) if self.editor else "")

    def error_lines(self, errors: list[str]) -> list[ErrorLine]:
        """The banner's lines, each `path:line` of a file that exists made a link or button."""
        lines = []
        for error in errors:
            found = _LOCATION.match(error)
            if found is None or not os.path.isfile(found[2]):
                lines.append(ErrorLine(error))
                continue
            lead, path, line = found[1] or "", found[2], int(found[3])
            text = error[len(lead):found.end()]
            lines.append(ErrorLine(lead, self.link(path, text, line), error[found.end():]))
        return lines

    def snippet(self, errors: list[str], port: int, generation: int = 0, host: str = "",
                sources: Sequence[SourceFile] = ()) -> str:
        """What goes first in `<body>`: the stylesheet and banner when needed, and the scripts."""
        # livereload.js takes its host from its own URL, and cannot read an IPv6 address there.
        ipv6_host = host if host.startswith("[") else ""
        lines = self.error_lines(errors)
        copying = self.editor is None and (bool(sources) or any(line.link for line in lines))
        return self.env.get_template("inject.html").render(
            errors=lines, port=port, generation=generation, ipv6_host=ipv6_host, styled=bool(errors or sources),
            copying=copying)

    def sources_control(self, sources: Sequence[SourceFile]) -> str:
        """The "Source" disclosure listing the files a page was made from ("" for none)."""
        if not sources:
            return ""
        links = [self.link(found.path, found.label, found.line) for found in sources]
        return self.env.get_template("sources.html").render(
            sources=links, editor=self.editor.title if self.editor else "")

    def inject(self, page: bytes, errors: list[str], port: int, generation: int = 0, host: str = "",
               sources: Sequence[SourceFile] = ()) -> bytes:
        """`page` with the scripts, and the error banner when there are errors, inside `<body>`,
        and the "Source" control listing `sources` (when there are any) before `</body>`.

        `host` is the host name the page was asked for (`[::1]` for an IPv6 address).
        """
        # surrogateescape: bytes that are not UTF-8 pass through unchanged.
        html = page.decode("utf-8", "surrogateescape")
        control = self.sources_control(sources)
        if control:
            ends = [found.start() for found in _BODY_END.finditer(html)]  # the last is the real one
            html = html[:ends[-1]] + control + html[ends[-1]:] if ends else html + control
        snippet = self.snippet(errors, port, generation, host, sources)
        at = body_start(html)
        # Without a <body> tag, browsers put trailing content into the body anyway.
        html = html + snippet if at is None else html[:at] + "\n" + snippet + html[at:]
        return html.encode("utf-8", "surrogateescape")

    def missing_page(self) -> bytes:
        """A page for addresses with nothing to show when the site has no 404 page of its own."""
        return self.env.get_template("missing.html").render().encode("utf-8")

    @staticmethod
    def asset(name: str) -> bytes | None:
        """One of the preview's own static files (`overlay.css`, `live-css.js`, `copy.js`), or None."""
        if name not in ASSETS:
            return None
        return (PREVIEW_DIR / name).read_bytes()
