"""Limits on Markdown that keep its conversion fast: checked when the content is loaded.

Python-Markdown recurses once per level of nested lists (about 250 levels exhaust Python's
stack); it looks for the end of every `[` (a link or an image), `](` and `<` (a tag or an
autolink) by scanning forward, so thousands of them that never close take time quadratic in the
paragraph's length (50,000 unclosed `[` take hours); and it rebuilds a paragraph's text for every
inline element it finds (100,000 `&amp;` in one paragraph take half a minute). No real text comes
near these, so text that does is refused with an error at its line before conversion starts,
instead of crashing or stalling the build. See docs/limits.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from explainer.content.parts import Markdown

MAX_MARKDOWN_NESTING = 40
# How many characters Python-Markdown may have to scan to find where `[` and `<` close, summed
# over a text: a second or so of conversion at most, while a long article full of links
# stays far below it (each link closes within a few characters).
MAX_BRACKET_SCAN = 5_000_000
# Characters Python-Markdown copies while it rebuilds paragraphs, summed over a text (copies are
# fast: this too is about a second).
MAX_INLINE_WORK = 2_000_000_000

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_BRACKET = re.compile(r"\]\(|[\[\]()<>]")
# Characters that may start an inline element; Python-Markdown rebuilds a paragraph's text for
# each element it finds in it, so the work grows with their number times the paragraph's length.
_SPECIAL = re.compile(r"[&*_`\[<\\]")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
# Leading block markers of a line: indentation, then list markers and quote marks.
_LEADING = re.compile(r"[ \t]*((?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]*)*)")
_MARKER = re.compile(r"[-*+]|\d{1,9}[.)]|>")


def field_problems(value: object) -> Iterator[tuple[int, str]]:
    """(line in the file, message) for each limit a field's Markdown goes over: `value` is one
    `Markdown`, a tuple of them, or a value of another kind (which has none)."""
    texts = value if isinstance(value, tuple) and not isinstance(value, Markdown) else (value,)
    for text in texts:
        if isinstance(text, Markdown):
            for offset, message in markdown_problems(text.text):
                yield text.line + offset, message


def markdown_problems(text: str) -> Iterator[tuple[int, str]]:
    """(line within `text`, counted from 0, message) for each limit the text goes over."""
    problem = _nesting_problem(text)
    if problem:
        yield problem
    problem = _bracket_problem(text)
    if problem:
        yield problem


def _nesting(line: str) -> int:
    """How deeply a line can nest lists and quotes: four columns of indentation or one marker
    per level (an upper bound: Python-Markdown needs both for some levels)."""
    match = _LEADING.match(line)
    assert match is not None  # every part of the pattern may match nothing
    indent = len(line[: match.start(1)].expandtabs(4))
    return indent // 4 + len(_MARKER.findall(match.group(1)))


def _nesting_problem(text: str) -> tuple[int, str] | None:
    fenced = False
    for number, line in enumerate(text.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced and _nesting(line) > MAX_MARKDOWN_NESTING:
            return number, (
                f"lists or quotes nested deeper than {MAX_MARKDOWN_NESTING} levels; "
                "Markdown cannot convert text nested this deeply"
            )
    return None


def _bracket_problem(text: str) -> tuple[int, str] | None:
    """Refuse text that would keep Python-Markdown busy for minutes (see the module's docstring)."""
    # Each mark costs at most the text's length in either way of counting: below the smaller
    # limit, nothing needs counting.
    if len(_SPECIAL.findall(text)) * len(text) <= MAX_BRACKET_SCAN:
        return None
    scans = rebuilds = 0
    worst_scan = worst_rebuild = (0, 0)  # (cost, offset of the paragraph)
    start = 0
    for paragraph_break in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = paragraph_break.start() if paragraph_break else len(text)
        scan = _scan_cost(text, start, end)
        rebuild = len(_SPECIAL.findall(text, start, end)) * (end - start)
        scans, rebuilds = scans + scan, rebuilds + rebuild
        worst_scan = max(worst_scan, (scan, start))
        worst_rebuild = max(worst_rebuild, (rebuild, start))
        start = paragraph_break.end() if paragraph_break else end
    if scans > MAX_BRACKET_SCAN:
        return text.count("\n", 0, worst_scan[1]), (
            "too many '[', '(' or '<' that close far away or never (Markdown would take minutes "
            "to read them): close each one, or write \\[ and \\<"
        )
    if rebuilds > MAX_INLINE_WORK:
        return text.count("\n", 0, worst_rebuild[1]), (
            "a paragraph too long and too full of Markdown marks (&, *, _, `, [, <) to convert "
            "in reasonable time: break it up with blank lines"
        )
    return None


def _scan_cost(text: str, start: int, end: int) -> int:
    """Characters scanned from each `[` to its `]`, from each `](` to its `)` and from each `<`
    to the next `>`, or to the end of the paragraph when one never closes."""
    cost = 0
    opens: list[int] = []
    parens: list[int] = []
    angle: list[int] = []
    for match in _BRACKET.finditer(text, start, end):
        token, at = match.group(), match.start()
        if token == "[":
            opens.append(at)
        elif token in ("]", "]("):
            if opens:
                cost += at - opens.pop()
            if token == "](":
                parens.append(at)
        elif token == "(":
            if parens:  # a parenthesis inside a link's target, which Python-Markdown balances
                parens.append(at)
        elif token == ")":
            if parens:
                cost += at - parens.pop()
        elif token == "<":
            angle.append(at)
        else:
            cost += sum(at - opened for opened in angle)
            angle.clear()
    cost += sum(end - opened for opened in (*opens, *parens, *angle))
    return cost
