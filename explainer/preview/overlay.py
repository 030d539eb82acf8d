"""What the preview server adds to each HTML page it serves: live-reload scripts and error overlay.

While the latest build has failed, every page carries a banner (`role="alert"`) listing the errors
exactly as the CLI prints them. It is added on the server, so it shows with JavaScript off too.
The markup lives in `explainer/preview/` as templates; the insertion point, just inside `<body>`,
is found with an HTML parser.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import jinja2

PREVIEW_DIR = Path(__file__).resolve().parent  # the overlay's own CSS, script and pages
CHUNK = 4096


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
    """Renders the preview's additions and puts them into pages."""

    def __init__(self) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(PREVIEW_DIR)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def snippet(self, errors: list[str], port: int, generation: int = 0, host: str = "") -> str:
        # livereload.js takes its host from its own URL, and cannot read an IPv6 address there.
        ipv6_host = host if host.startswith("[") else ""
        return self.env.get_template("inject.html").render(
            errors=errors, port=port, generation=generation, ipv6_host=ipv6_host)

    def inject(self, page: bytes, errors: list[str], port: int, generation: int = 0, host: str = "") -> bytes:
        """`page` with the scripts, and the error banner when there are errors, inside `<body>`.

        `host` is the host name the page was asked for (`[::1]` for an IPv6 address).
        """
        # surrogateescape: bytes that are not UTF-8 pass through unchanged.
        html = page.decode("utf-8", "surrogateescape")
        snippet = self.snippet(errors, port, generation, host)
        at = body_start(html)
        # Without a <body> tag, browsers put trailing content into the body anyway.
        html = html + snippet if at is None else html[:at] + "\n" + snippet + html[at:]
        return html.encode("utf-8", "surrogateescape")

    def missing_page(self) -> bytes:
        """A page for addresses with nothing to show when the site has no 404 page of its own."""
        return self.env.get_template("missing.html").render().encode("utf-8")

    @staticmethod
    def asset(name: str) -> bytes | None:
        """One of the preview's own static files (`overlay.css`, `live-css.js`), or None."""
        if name not in ("overlay.css", "live-css.js"):
            return None
        return (PREVIEW_DIR / name).read_bytes()
