"""Plain text from the HTML that converted Markdown gives: for descriptions, previews, the
glossary's JSON and its tooltips.

`html_text` is the one way the engine turns an HTML fragment into text. It reads as a browser
shows the fragment: character references are decoded (an unknown one stays as written), the
content of `<script>` and `<style>` and of comments is left out, and white space is collapsed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_HIDDEN = frozenset({"script", "style"})  # elements whose content is not text on the page
# Elements that begin a new line on the page: their text must not run on to the text before.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul",
})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tooltip_depth = 0  # inside a tooltip being left out: how many elements deep
        self.hidden = False  # inside <script> or <style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")
        if tag in _HIDDEN:
            self.hidden = True
        elif self.tooltip_depth or ("role", "tooltip") in attrs:
            self.tooltip_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")
        if tag in _HIDDEN:
            self.hidden = False
        elif self.tooltip_depth:
            self.tooltip_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.tooltip_depth and not self.hidden:
            self.parts.append(data)


# A tag as converted Markdown writes it: a name, attributes with quoted values, perhaps `/>`.
_TAG = re.compile(
    r"""<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"<]*"|'[^'<]*'))?)*)\s*(/?)>"""
)
_TOOLTIP = re.compile(r"""\s(?i:role)\s*=\s*(?:"tooltip"|'tooltip')""")  # the parser lowercases names only
_HIDDEN_TAG = re.compile(r"<(?:script|style)", re.IGNORECASE)


def html_text(html: str) -> str:
    """The text of an HTML fragment as a reader sees it, white space collapsed: blocks (paragraphs,
    list items, headings) are apart by a space, and the text of tooltips (`role="tooltip"`: the
    definitions shown beside glossary terms) is left out."""
    text = _simple_text(html)
    if text is None:
        parser = _Text()
        parser.feed(html)
        parser.close()
        text = "".join(parser.parts)
    return " ".join(text.split())


def _simple_text(html: str) -> str | None:
    """What `_Text` reads in `html`, when it is as simple as converted Markdown mostly is: no
    character reference, comment, script or style, and only tags `_TAG` matches (every `<` starts
    one), so that their names and ends are those the parser finds. Else None."""
    if "&" in html or _HIDDEN_TAG.search(html):
        return None
    tags = list(_TAG.finditer(html))
    if len(tags) != html.count("<"):
        return None
    parts: list[str] = []
    depth = 0  # inside a tooltip being left out: how many elements deep
    start = 0
    for tag in tags:
        if not depth:
            parts.append(html[start:tag.start()])
        start = tag.end()
        closing, name, attributes, empty = tag.groups()
        if name.lower() in _BLOCKS:
            parts.append(" ")
        if closing:
            if depth:
                depth -= 1
            continue
        if depth or _TOOLTIP.search(attributes):
            depth += 1
        if empty:  # `<br/>`: a start and an end
            if name.lower() in _BLOCKS:
                parts.append(" ")
            if depth:
                depth -= 1
    if not depth:
        parts.append(html[start:])
    return "".join(parts)
