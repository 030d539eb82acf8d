"""Relationship graphs, laid out at build time: each record's neighbourhood and the whole story.

This module owns the layouts; `templates/graph_svg.html` turns a `GraphDrawing` into inline SVG.
Both layouts are deterministic (everything is sorted by relation, kind, name and id, and every
coordinate is rounded), so the same content gives the same picture byte for byte.

- `neighbourhood(id)`: the record, and one box per record it refers to or that refers to it (one
  hop), each labelled with the relation as read from the record ("Party to", "Speaker of",
  "Mentioned in"); arrows show the direction of the link. A small neighbourhood is one column to
  the right of the record; a larger one is split in two, the records that refer to it on the left
  and those it refers to on the right, so that the drawing is half as tall.
- `story()`: people, institutions, agreements, places and events on concentric rings, one ring per
  kind, each ring sorted by id, with a line for every link between them.

Citations (`sources`) are left out of both: nearly everything cites the same report.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from explainer.content.kinds import SINGULAR, names_where
from explainer.site.index import RELATIONS, SiteIndex
from explainer.views.builder import LinkView, ViewBuilder

IGNORED_FIELDS = frozenset({"sources"})
RELATION_ORDER = {name: n for n, name in enumerate(RELATIONS)}
STORY_KINDS = names_where("on_story_graph")
MAX_NEIGHBOURS = 24
MAX_STORY_NODES = 150

# Neighbourhood geometry (SVG user units, about CSS pixels)
NODE_WIDTH, NODE_HEIGHT, NODE_GAP = 220, 44, 8
SELF_WIDTH = 170
COLUMN_GAP = 90
TWO_SIDED_GAP = 60
TWO_SIDED_FROM = 7  # neighbours from which the boxes go on both sides of the record
PADDING = 8
NAME_CHARS, RELATION_CHARS = 24, 34

# Story geometry
RING_GAP = 95
LABEL_SPACING = 125  # room each node needs along its ring for its label
STORY_LABEL_CHARS = 22
STORY_MARGIN = 80


@dataclass(frozen=True)
class GraphNode:
    id: str
    href: str
    name: str  # shown, possibly shortened
    full_name: str
    kind: str  # collection
    kind_label: str
    relation: str  # the small line of a neighbourhood box ("Party to · agreement"), "" elsewhere
    x: str
    y: str
    width: str = "0"
    height: str = "0"
    label_x: str = "0"  # where the name is written
    label_y: str = "0"
    sub_y: str = "0"  # where the small line above the name (relation or kind) is written
    is_self: bool = False


@dataclass(frozen=True)
class GraphEdge:
    path: str  # SVG path data
    title: str
    relation: str  # the field, for styling: "mention", "parties", ...
    forward: bool = True  # arrow at the end (else at the start)
    both: bool = False


@dataclass(frozen=True)
class Connection:
    """One line of a graph's text alternative: a label (a relation, or a record when `href` is
    set) and the records it leads to, as (href, name, note)."""

    label: str
    links: tuple[tuple[str, str, str], ...]
    href: str = ""


@dataclass(frozen=True)
class GraphDrawing:
    id: str  # unique on the page, for the ids of <title> and markers
    title: str
    description: str
    width: int
    height: int
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    connections: tuple[Connection, ...]
    left_out: int = 0  # neighbours not drawn


def _num(value: float) -> str:
    """A coordinate as short, stable text."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word to at most `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–—") + "…"


@dataclass
class _Neighbour:
    id: str
    outgoing: list[str]
    incoming: list[str]

    def rank(self) -> int:
        fields = self.outgoing or self.incoming
        return min(RELATION_ORDER.get(f, len(RELATION_ORDER)) for f in fields)


class GraphBuilder:
    """Lays out graphs from the index's edges (built once; each layout is O(its size)).

    Every read of site data goes through the `ViewBuilder`, so that incremental builds know
    which pages a change touches (see `incremental`).
    """

    def __init__(self, index: SiteIndex, views: ViewBuilder):
        self.index = index
        self.views = views
        self._sort_keys: dict[str, tuple] = {}

    def _name(self, entity_id: str) -> str:
        return self.views.link(entity_id).text

    def _sort_key(self, entity_id: str) -> tuple:
        key = self._sort_keys.get(entity_id)
        if key is None:
            key = self._sort_keys[entity_id] = self.index.sort_key(entity_id)
        return key

    def _neighbours(self, entity_id: str) -> list[_Neighbour]:
        self.views.read("edges-from", entity_id)
        self.views.read("edges-to", entity_id)
        found: dict[str, _Neighbour] = {}
        for edge in self.index.edges_from(entity_id):
            if edge.field in IGNORED_FIELDS or edge.target == entity_id:
                continue
            neighbour = found.setdefault(edge.target, _Neighbour(edge.target, [], []))
            if edge.field not in neighbour.outgoing:
                neighbour.outgoing.append(edge.field)
        for edge in self.index.edges_to(entity_id):
            if edge.field in IGNORED_FIELDS or edge.source == entity_id:
                continue
            neighbour = found.setdefault(edge.source, _Neighbour(edge.source, [], []))
            if edge.field not in neighbour.incoming:
                neighbour.incoming.append(edge.field)
        for neighbour in found.values():
            neighbour.outgoing.sort(key=RELATION_ORDER.__getitem__)
            neighbour.incoming.sort(key=RELATION_ORDER.__getitem__)
        return sorted(
            found.values(),
            key=lambda n: (not n.outgoing, n.rank(), self._sort_key(n.id)),
        )

    @staticmethod
    def _sides(shown: list[_Neighbour]) -> tuple[list[_Neighbour], list[_Neighbour]]:
        """The boxes to the right of the record and those to its left (none when few).

        The records it refers to go right and those that refer to it go left, so links read from
        left to right; the longer side gives its surplus to the other, keeping the sorted order."""
        if len(shown) < TWO_SIDED_FROM:
            return list(shown), []
        half = (len(shown) + 1) // 2
        right = [n for n in shown if n.outgoing]
        left = [n for n in shown if not n.outgoing]
        if len(right) > half:
            right, left = right[:half], right[half:] + left
        elif len(left) > half:
            spill = len(left) - half
            right, left = right + left[:spill], left[spill:]
        return right, left

    @staticmethod
    def _relation_label(neighbour: _Neighbour) -> str:
        labels = [RELATIONS[f][0] for f in neighbour.outgoing] + [RELATIONS[f][1] for f in neighbour.incoming]
        return ", ".join(dict.fromkeys(labels))

    def neighbourhood(self, entity_id: str) -> GraphDrawing | None:
        """The record and the records one link away, or None when it has no links.

        The geometry is in whole units (the sizes are chosen so), so coordinates print as plain
        integers.
        """
        neighbours = self._neighbours(entity_id)
        if not neighbours:
            return None
        entity = self.index.entities[entity_id]
        links = {n.id: self.views.link(n.id) for n in neighbours}  # notes each name read
        shown = neighbours[:MAX_NEIGHBOURS]
        left_out = len(neighbours) - len(shown)
        right, left = self._sides(shown)
        gap = TWO_SIDED_GAP if left else COLUMN_GAP
        left_x = PADDING
        self_x = PADDING + (NODE_WIDTH + gap if left else 0)
        right_x = self_x + SELF_WIDTH + gap
        # the "and N more" box goes under the shorter column
        more_on_left = bool(left) and len(left) < len(right)
        more = 1 if left_out else 0
        rows = max(len(right) + (0 if more_on_left else more), len(left) + (more if more_on_left else 0))
        step = NODE_HEIGHT + NODE_GAP
        column = rows * step - NODE_GAP
        self_y = PADDING + (column - NODE_HEIGHT) // 2
        self_middle = self_y + NODE_HEIGHT // 2
        nodes = [GraphNode(
            entity_id, self.index.url_for(entity_id), shorten(entity.display_name, NAME_CHARS - 4),
            entity.display_name, entity.collection, SINGULAR[entity.collection], "",
            str(self_x), str(self_y), str(SELF_WIDTH), str(NODE_HEIGHT),
            str(self_x + 10), str(self_y + 33), str(self_y + 16), is_self=True,
        )]
        edges = []
        width, height = str(NODE_WIDTH), str(NODE_HEIGHT)
        # Left column first, so that the keyboard and screen readers meet the boxes in reading order.
        placed = [(n, row, True) for row, n in enumerate(left)] + [(n, row, False) for row, n in enumerate(right)]
        for neighbour, row, on_left in placed:
            link = links[neighbour.id]
            kind = SINGULAR[link.collection]
            x = left_x if on_left else right_x
            y = PADDING + row * step
            relation = self._relation_label(neighbour)
            nodes.append(GraphNode(
                neighbour.id, link.href, shorten(link.text, NAME_CHARS), link.text, link.collection, kind,
                shorten(f"{relation} · {kind}", RELATION_CHARS),
                str(x), str(y), width, height, str(x + 10), str(y + 33), str(y + 16),
            ))
            start_x = self_x if on_left else self_x + SELF_WIDTH
            end_x = x + NODE_WIDTH if on_left else x
            end_y = y + NODE_HEIGHT // 2
            middle = (start_x + end_x) // 2
            edges.append(GraphEdge(
                f"M{start_x} {self_middle} C{middle} {self_middle} {middle} {end_y} {end_x} {end_y}",
                f"{entity.display_name} — {relation} — {link.text}",
                (neighbour.outgoing or neighbour.incoming)[0],
                forward=bool(neighbour.outgoing), both=bool(neighbour.outgoing and neighbour.incoming),
            ))
        if left_out:
            x = left_x if more_on_left else right_x
            y = PADDING + len(left if more_on_left else right) * step
            nodes.append(GraphNode(
                "", "", f"and {left_out} more, listed below", "", "more", "", "",
                str(x), str(y), width, height, str(x + 10), str(y + 27),
            ))
        refers = sum(1 for n in neighbours if n.outgoing)
        referred = sum(1 for n in neighbours if n.incoming)
        description = (
            f"{entity.display_name} refers to {refers} record{'s' if refers != 1 else ''} and is "
            f"referred to by {referred}."
        )
        return GraphDrawing(
            f"graph-{entity_id}", f"Connections of {entity.display_name}", description,
            right_x + NODE_WIDTH + PADDING, column + 2 * PADDING,
            tuple(nodes), tuple(edges), self._connections(neighbours, links), left_out,
        )

    @staticmethod
    def _connections(neighbours: list[_Neighbour], links: dict[str, LinkView]) -> tuple[Connection, ...]:
        by_label: dict[str, dict[tuple[str, str, str], None]] = defaultdict(dict)  # ordered sets
        order: dict[str, tuple[bool, int]] = {}  # as drawn: what the record refers to first
        for neighbour in neighbours:
            view = links[neighbour.id]
            link = (view.href, view.text, "")
            for incoming, fields in ((False, neighbour.outgoing), (True, neighbour.incoming)):
                for field in fields:
                    label = RELATIONS[field][incoming]
                    if label not in order:
                        order[label] = (incoming, RELATION_ORDER[field])
                    by_label[label][link] = None
        return tuple(Connection(label, tuple(by_label[label])) for label in sorted(by_label, key=lambda label: order[label]))

    def story(self) -> GraphDrawing | None:
        """Every person, institution, agreement, place and event, and the links between them."""
        members = [e for kind in STORY_KINDS for e in self.index.by_collection(kind)]
        if not members:
            return None
        member_ids = {e.id for e in members}
        degree: dict[str, int] = defaultdict(int)
        pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
        for entity in members:
            for edge in self.index.edges_from(entity.id):
                if edge.field in IGNORED_FIELDS or edge.target not in member_ids or edge.target == entity.id:
                    continue
                key = (entity.id, edge.target)
                if edge.field not in pairs[key]:
                    pairs[key].append(edge.field)
                    degree[entity.id] += 1
                    degree[edge.target] += 1
        chosen = members
        if len(members) > MAX_STORY_NODES:
            ranked = sorted(members, key=lambda e: (-degree[e.id], self.index.sort_key(e.id)))
            keep = {e.id for e in ranked[:MAX_STORY_NODES]}
            chosen = [e for e in members if e.id in keep]
        rings = [sorted((e for e in chosen if e.collection == kind), key=lambda e: e.id) for kind in STORY_KINDS]
        rings = [ring for ring in rings if ring]
        radii: list[float] = []
        for ring in rings:
            needed = len(ring) * LABEL_SPACING / (2 * math.pi)
            radii.append(max((radii[-1] if radii else 0.0) + RING_GAP, needed))
        centre = radii[-1] + STORY_MARGIN
        positions: dict[str, tuple[float, float]] = {}
        nodes = []
        for number, (ring, radius) in enumerate(zip(rings, radii, strict=True)):
            offset = (number % 2) * math.pi / len(ring)  # stagger rings so nodes do not line up
            for k, entity in enumerate(ring):
                angle = -math.pi / 2 + offset + 2 * math.pi * k / len(ring)
                x = centre + radius * math.cos(angle)
                y = centre + radius * math.sin(angle)
                positions[entity.id] = (x, y)
                nodes.append(GraphNode(
                    entity.id, self.index.url_for(entity.id), shorten(entity.display_name, STORY_LABEL_CHARS),
                    entity.display_name, entity.collection, SINGULAR[entity.collection], "",
                    _num(x), _num(y), label_x=_num(x), label_y=_num(y + 20),
                ))
        edges = []
        by_source: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for (source, target), fields in sorted(pairs.items()):
            if source not in positions or target not in positions:
                continue
            (x1, y1), (x2, y2) = positions[source], positions[target]
            labels = ", ".join(RELATIONS[f][0].lower() for f in fields)
            edges.append(GraphEdge(
                f"M{_num(x1)} {_num(y1)} L{_num(x2)} {_num(y2)}",
                f"{self._name(source)} — {labels} — {self._name(target)}", fields[0],
            ))
            by_source[source].append((self.index.url_for(target), self._name(target), labels))
        connections = tuple(
            Connection(entity.display_name, tuple(by_source[entity.id]), self.index.url_for(entity.id))
            for entity in sorted(chosen, key=lambda e: self.index.sort_key(e.id))
            if by_source.get(entity.id)
        )
        counts = ", ".join(
            f"{len(ring)} {SINGULAR[ring[0].collection] if len(ring) == 1 else ring[0].collection}"
            for ring in rings
        )
        description = f"{counts}, and {len(edges)} links between them."
        if len(chosen) < len(members):
            totals = ", ".join(
                f"{n} {SINGULAR[kind] if n == 1 else kind}"
                for kind in STORY_KINDS if (n := len(self.index.by_collection(kind)))
            )
            description += (
                f" The {len(chosen)} most connected of {len(members)} records are shown; the story has "
                f"{totals}. Each record's page draws its own connections."
            )
        size = int(math.ceil(2 * centre))
        return GraphDrawing(
            "graph-story", "How the people, institutions, agreements, places and events connect",
            description, size, size, tuple(nodes), tuple(edges), connections,
            len(members) - len(chosen),
        )


__all__ = ["Connection", "GraphBuilder", "GraphDrawing", "GraphEdge", "GraphNode", "shorten"]
