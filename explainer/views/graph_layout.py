"""Geometry of the relationship graphs: what a drawing is made of, labels wrapped to fit their
boxes, and edges routed so that they never run through a box.

`explainer.views.graph` chooses what to draw; this module decides where. Rules every layout keeps:

- a label is never cut: `wrap` breaks it onto as many lines as it needs, and every box of a
  drawing is as tall as its longest label;
- boxes never overlap: they stand in columns with a gap between rows and between columns;
- an edge runs only through the gaps: a curve inside the gap between two columns (its control
  points stay in the gap, so the curve does too), and straight along a gap between rows to cross
  a column. Edges are drawn under the boxes, which are filled, as a second safeguard.

Sizes are SVG user units (about CSS pixels); character widths are generous estimates for the
site's sans-serif interface font, and the browser tests measure the real text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

# Text metrics: font size, line pitch and the width allowed per character (bold names are wider)
NAME_SIZE, NAME_LINE, NAME_CHAR = 13, 16, 8.6
SUB_SIZE, SUB_LINE, SUB_CHAR = 11, 14, 7.0
BOX_PAD_X, BOX_PAD_Y = 10, 9


# The parts of a drawing are slotted and not frozen: a build makes hundreds of thousands of them
# (the neighbourhood of every record), and a frozen dataclass is made four to five times slower.
@dataclass(slots=True)
class TextLine:
    x: str
    y: str
    text: str
    gap: str = " "  # written after it: a space, but after the last line of its label


@dataclass(slots=True)
class GraphNode:
    id: str
    href: str
    name: str  # the record's full name
    kind: str  # collection
    kind_label: str
    relation: str  # neighbourhoods: "Party to · agreement"; "" elsewhere
    x: str
    y: str
    width: str
    height: str
    name_lines: tuple[TextLine, ...] = ()
    sub_lines: tuple[TextLine, ...] = ()  # the small lines above the name (relation and kind)
    is_self: bool = False


@dataclass(slots=True)
class GraphEdge:
    path: str  # SVG path data
    title: str
    relation: str  # the field, for styling: "mention", "parties", ...
    forward: bool = True  # arrow at the end (else at the start)
    both: bool = False
    points: tuple[tuple[float, float], ...] = ()  # every point and control point of `path`, in order
    ends: tuple[str, str] = ("", "")  # the ids of the boxes it joins


@dataclass(frozen=True, slots=True)
class Heading:
    """A column's title above it (the story's kinds)."""

    x: str
    y: str
    text: str
    kind: str


@functools.lru_cache(maxsize=1 << 16)
def num(value: float) -> str:
    """A coordinate as short, stable text (remembered: a build's drawings share a few thousand
    coordinates, written out hundreds of thousands of times)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@functools.lru_cache(maxsize=1 << 16)
def wrap(text: str, width: float, char: float) -> tuple[str, ...]:
    """`text` broken at spaces into lines of at most `width` units, nothing left out; a word
    longer than a line is split where it must be. (Remembered: a record's name is wrapped alike
    in the drawing of each of its neighbours.)"""
    limit = max(1, int(width // char))
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > limit:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:limit])
            word = word[limit:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= limit:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return tuple(lines)


def box_height(name_lines: int, sub_lines: int) -> int:
    """The height of a box holding that many lines of name and of small print."""
    sub = sub_lines * SUB_LINE + (2 if sub_lines else 0)
    return 2 * BOX_PAD_Y + sub + name_lines * NAME_LINE


def text_lines(x: float, y: float, name: tuple[str, ...], sub: tuple[str, ...]) -> tuple[tuple[TextLine, ...], tuple[TextLine, ...]]:
    """Where each line of a box at (x, y) is written: the small print first, then the name."""
    left = num(x + BOX_PAD_X)
    top = y + BOX_PAD_Y
    subs = tuple([TextLine(left, num(top + 10 + n * SUB_LINE), line) for n, line in enumerate(sub)])
    if sub:
        top += len(sub) * SUB_LINE + 2
        subs[-1].gap = ""
    names = tuple([TextLine(left, num(top + 12 + n * NAME_LINE), line) for n, line in enumerate(name)])
    if names:
        names[-1].gap = ""
    return names, subs


def _path(points: list[tuple[float, float]], kinds: str) -> str:
    """SVG path data from points; `kinds` says, per step after the first point, "C" (a curve
    taking this point and the next two) or "L"."""
    parts = [f"M{num(points[0][0])} {num(points[0][1])}"]
    n = 1
    for kind in kinds:
        if kind == "C":
            parts.append("C" + " ".join(f"{num(x)} {num(y)}" for x, y in points[n:n + 3]))
            n += 3
        else:
            parts.append(f"L{num(points[n][0])} {num(points[n][1])}")
            n += 1
    return " ".join(parts)


def gap_curve(x1: float, y1: float, x2: float, y2: float) -> list[tuple[float, float]]:
    """A curve leaving (x1, y1) and reaching (x2, y2) horizontally: its control points lie in the
    rectangle between the two, so the curve does too."""
    middle = (x1 + x2) / 2
    return [(middle, y1), (middle, y2), (x2, y2)]


def channel_route(start: tuple[float, float], end: tuple[float, float], channel: float, span: tuple[float, float]) -> tuple[str, tuple[tuple[float, float], ...]]:
    """An edge from `start` (a box's right side) to `end` (a box's left side), crossing the columns
    between them along the row gap at height `channel` from x `span[0]` to `span[1]`."""
    points = [start, *gap_curve(start[0], start[1], span[0], channel), (span[1], channel), *gap_curve(span[1], channel, *end)]
    return _path(points, "CLC"), tuple(points)


@functools.lru_cache(maxsize=1 << 16)
def direct_route(start: tuple[float, float], end: tuple[float, float]) -> tuple[str, tuple[tuple[float, float], ...]]:
    """An edge across one gap between columns. (Remembered: the neighbourhoods' boxes stand at a
    few places, so most of their edges join the same two points as another drawing's.)"""
    points = [start, *gap_curve(*start, *end)]
    return _path(points, "C"), tuple(points)


def loop_route(x: float, y1: float, y2: float, bulge: float) -> tuple[str, tuple[tuple[float, float], ...]]:
    """An edge between two boxes of one column, bowing into the gap on the column's right."""
    points = [(x, y1), (x + bulge, y1), (x + bulge, y2), (x, y2)]
    return _path(points, "C"), tuple(points)


def segments(points: tuple[tuple[float, float], ...], path: str) -> list[tuple[float, float, float, float]]:
    """The rectangles that contain an edge, piece by piece (a curve lies in the box around its
    control points): (left, top, right, bottom)."""
    out = []
    n = 0
    kinds = [c for c in path if c in "CL"]
    for kind in kinds:
        take = 3 if kind == "C" else 1
        piece = points[n:n + take + 1]
        xs = [p[0] for p in piece]
        ys = [p[1] for p in piece]
        out.append((min(xs), min(ys), max(xs), max(ys)))
        n += take
    return out


__all__ = [
    "GraphEdge", "GraphNode", "Heading", "TextLine", "box_height", "channel_route", "direct_route",
    "loop_route", "num", "segments", "text_lines", "wrap",
]
