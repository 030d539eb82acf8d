"""Plain text from the HTML that converted Markdown gives: for descriptions, previews, the
glossary's JSON and its tooltips.

`html_text` is the one way the engine turns an HTML fragment into text. It reads as a browser
shows the fragment: character references are decoded (an unknown one stays as written), the
content of `<script>` and `<style>` and of comments is left out, and white space is collapsed.
"""

from __future__ import annotations

from html.parser import HTMLParser

_HIDDEN = frozenset({"script", "style"})  # elements whose content is not text on the page


class _Text(HTMLParser):
    def __init__(self, tooltips: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tooltips = tooltips
        self.tooltip_depth = 0  # inside a tooltip being left out: how many elements deep
        self.hidden = False  # inside <script> or <style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden = True
        elif self.tooltip_depth or (not self.tooltips and ("role", "tooltip") in attrs):
            self.tooltip_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = False
        elif self.tooltip_depth:
            self.tooltip_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.tooltip_depth and not self.hidden:
            self.parts.append(data)


def html_text(html: str, tooltips: bool = False) -> str:
    """The text of an HTML fragment, white space collapsed. The text of tooltips (`role="tooltip"`:
    the definitions shown beside glossary terms) is left out unless `tooltips` is set; it is then
    run on to the text before it, with no space between."""
    parser = _Text(tooltips)
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())
