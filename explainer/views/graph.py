"""Relationship graphs, laid out at build time: each record's neighbourhood and the whole story.

This module chooses what each drawing shows; `explainer.views.graph_layout` holds the geometry
(labels wrapped, never cut; edges routed through the gaps between boxes) and
`templates/graph_svg.html` turns a `GraphDrawing` into inline SVG. Everything is sorted and every
coordinate rounded, so the same content gives the same picture byte for byte.

- `neighbourhood(id)`: the record, and one box per record one link away, labelled with the
  relation ("Party to", "Mentioned in"); arrows show the direction. A larger neighbourhood is split
  in two (records referring to it left, those it refers to right); past `MAX_NEIGHBOURS` the most
  linked are drawn and a last box leads to the list of all.
- `story()`: one column per kind (people, institutions, agreements, places, events), a line for
  every link between them, and the same links as a table (`matrix`).

Citations (`sources`) are left out of both: nearly everything cites the same report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from explainer.content.kinds import COUNTED, SINGULAR, names_where
from explainer.site.index import RELATIONS, SiteIndex
from explainer.views.builder import COLLECTION_TITLES, ViewBuilder
from explainer.views.graph_layout import (
    BOX_PAD_X,
    NAME_CHAR,
    SUB_CHAR,
    GraphEdge,
    GraphNode,
    Heading,
    box_height,
    channel_route,
    direct_route,
    loop_route,
    text_lines,
    wrap,
)

IGNORED_FIELDS = frozenset({"sources"})
RELATION_ORDER = {name: n for n, name in enumerate(RELATIONS)}
STORY_KINDS = names_where("on_story_graph")
MAX_NEIGHBOURS = 15  # with the "and N more" box, eight rows at most: a screenful
MAX_PER_COLUMN = 10  # records of one kind on the story's drawing

# Neighbourhood geometry (SVG user units, about CSS pixels)
NODE_WIDTH, NODE_GAP = 220, 8
SELF_WIDTH = 170
COLUMN_GAP = 90
TWO_SIDED_GAP = 60
TWO_SIDED_FROM = 7  # neighbours from which the boxes go on both sides of the record
PADDING = 8

# Story geometry: one column per kind
STORY_WIDTH, STORY_COLUMN_GAP, STORY_ROW_GAP = 170, 72, 14
STORY_HEADING = 30  # room above the columns for their headings


@dataclass(frozen=True)
class Connection:
    """One line of a graph's text alternative: a label (a relation, or a record when `href` is
    set) and the records it leads to, as (href, name, note)."""

    label: str
    links: tuple[tuple[str, str, str], ...]
    href: str = ""


@dataclass(frozen=True)
class MatrixRow:
    """A row of the story's table: a record and, per column, what it calls that record."""

    href: str
    name: str
    kind: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class GraphDrawing:
    id: str  # unique on the page, for the ids of <title> and markers
    title: str
    description: str
    width: int
    height: int
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    connections: tuple[Connection, ...]  # the story's text alternative (a record's page has its Connected to)
    left_out: int = 0  # neighbours not drawn
    headings: tuple[Heading, ...] = ()
    matrix: tuple[MatrixRow, ...] = ()


@dataclass
class _Neighbour:
    id: str
    outgoing: list[str]
    incoming: list[str]

    def rank(self) -> int:
        """The order of its first relation (`outgoing` and `incoming` are in `RELATIONS`' order)."""
        return RELATION_ORDER[(self.outgoing or self.incoming)[0]]


class GraphBuilder:
    """Lays out graphs from the index's edges (built once; each layout is O(its size)).

    Every read of site data goes through the `ViewBuilder`, so that incremental builds know
    which pages a change touches (see `incremental`).
    """

    def __init__(self, index: SiteIndex, views: ViewBuilder):
        self.index = index
        self.views = views
        self._sort_keys: dict[str, tuple] = {}
        # a neighbour's box says what it is to the record and its kind; few pairs of the two recur
        # in every drawing, so each label is made once: (relation, small print, its lines)
        self._box_labels: dict[tuple, tuple[str, str, tuple[str, ...]]] = {}

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
            if len(neighbour.outgoing) > 1:
                neighbour.outgoing.sort(key=RELATION_ORDER.__getitem__)
            if len(neighbour.incoming) > 1:
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

    def _box_label(self, neighbour: _Neighbour, collection: str) -> tuple[str, str, tuple[str, ...]]:
        """What `neighbour` is to the record ("Party to, Signatory of"), its box's small print
        ("Party to · agreement") and that print's lines."""
        key = (tuple(neighbour.outgoing), tuple(neighbour.incoming), collection)
        found = self._box_labels.get(key)
        if found is None:
            _ = self.views.gettext
            labels = [RELATIONS[f][0] for f in neighbour.outgoing] + [RELATIONS[f][1] for f in neighbour.incoming]
            relation = ", ".join(_(label) for label in dict.fromkeys(labels))
            small = f"{relation} · {_(SINGULAR[collection])}"
            found = self._box_labels[key] = (relation, small, wrap(small, NODE_WIDTH - 2 * BOX_PAD_X, SUB_CHAR))
        return found

    def neighbourhood(self, entity_id: str) -> GraphDrawing | None:
        """The record and the records one link away, or None when it has no links.

        When there are more than `MAX_NEIGHBOURS`, those with the most kinds of link to the record
        are drawn, and a last box links to the list of them all.
        """
        neighbours = self._neighbours(entity_id)
        if not neighbours:
            return None
        entity = self.index.entities[entity_id]
        links = {n.id: self.views.link(n.id) for n in neighbours}  # notes each name read
        shown = neighbours
        if len(neighbours) > MAX_NEIGHBOURS:
            order = {n.id: k for k, n in enumerate(neighbours)}
            most = sorted(neighbours, key=lambda n: (-len(n.outgoing) - len(n.incoming), order[n.id]))
            keep = {n.id for n in most[:MAX_NEIGHBOURS]}
            shown = [n for n in neighbours if n.id in keep]
        left_out = len(neighbours) - len(shown)
        right, left = self._sides(shown)
        gap = TWO_SIDED_GAP if left else COLUMN_GAP
        left_x = PADDING
        self_x = PADDING + (NODE_WIDTH + gap if left else 0)
        right_x = self_x + SELF_WIDTH + gap
        inner, _ = NODE_WIDTH - 2 * BOX_PAD_X, self.views.gettext
        box_labels = {n.id: self._box_label(n, links[n.id].collection) for n in shown}
        labels = {n.id: (wrap(links[n.id].text, inner, NAME_CHAR), box_labels[n.id][2]) for n in shown}
        self_name = wrap(entity.display_name, SELF_WIDTH - 2 * BOX_PAD_X, NAME_CHAR)
        self_sub = (_(SINGULAR[entity.collection]),)  # each box is as tall as its own label
        heights = {n_id: box_height(len(name), len(sub)) for n_id, (name, sub) in labels.items()}
        more_text = self.views.gettext("and %(num)d more") % {"num": left_out}  # under the shorter column; "Connected to" lists them
        more_lines = wrap(more_text, inner, NAME_CHAR)
        more_on_left = bool(left) and len(left) < len(right)

        def column_height(members: list[_Neighbour], with_more: bool) -> int:
            boxes = [heights[n.id] for n in members] + ([box_height(len(more_lines), 0)] if with_more else [])
            return sum(boxes) + NODE_GAP * (len(boxes) - 1) if boxes else 0

        column = max(
            column_height(right, bool(left_out) and not more_on_left),
            column_height(left, bool(left_out) and more_on_left),
        )
        self_height = box_height(len(self_name), len(self_sub))
        column = max(column, self_height)
        self_y = PADDING + (column - self_height) // 2
        self_middle = self_y + self_height // 2
        name, sub = text_lines(self_x, self_y, self_name, self_sub)
        nodes = [GraphNode(
            entity_id, self.index.url_for(entity_id), entity.display_name, entity.collection,
            _(SINGULAR[entity.collection]), "", str(self_x), str(self_y), str(SELF_WIDTH), str(self_height),
            name, sub, is_self=True,
        )]
        edges = []
        width = str(NODE_WIDTH)
        # Left column first, so that the keyboard and screen readers meet the boxes in reading order.
        tops: dict[bool, int] = {True: PADDING, False: PADDING}  # the next free y, per side
        placed = [(n, True) for n in left] + [(n, False) for n in right]
        for neighbour, on_left in placed:
            link = links[neighbour.id]
            kind = _(SINGULAR[link.collection])
            x = left_x if on_left else right_x
            y = tops[on_left]
            node_height = heights[neighbour.id]
            tops[on_left] = y + node_height + NODE_GAP
            relation, small, _lines = box_labels[neighbour.id]
            name, sub = text_lines(x, y, *labels[neighbour.id])
            nodes.append(GraphNode(
                neighbour.id, link.href, link.text, link.collection, kind, small,
                str(x), str(y), width, str(node_height), name, sub,
            ))
            start_x = self_x if on_left else self_x + SELF_WIDTH
            end_x = x + NODE_WIDTH if on_left else x
            path, points = direct_route((start_x, self_middle), (end_x, y + node_height // 2))
            edges.append(GraphEdge(
                path, f"{entity.display_name} — {relation} — {link.text}",
                (neighbour.outgoing or neighbour.incoming)[0],
                forward=bool(neighbour.outgoing), both=bool(neighbour.outgoing and neighbour.incoming),
                points=points, ends=(entity_id, neighbour.id),
            ))
        if left_out:
            x = left_x if more_on_left else right_x
            y = tops[more_on_left]
            name = text_lines(x, y, more_lines, ())[0]
            nodes.append(GraphNode(
                "", "#connected-h", more_text, "more", "", "",
                str(x), str(y), width, str(box_height(len(more_lines), 0)), name,
            ))
        refers = sum(1 for n in neighbours if n.outgoing)
        referred = sum(1 for n in neighbours if n.incoming)
        description = self.views.ngettext(
            "%(name)s refers to %(num)d record and is referred to by %(by)d.",
            "%(name)s refers to %(num)d records and is referred to by %(by)d.", refers,
        ) % {"name": entity.display_name, "num": refers, "by": referred}
        return GraphDrawing(
            f"graph-{entity_id}", self.views.gettext("Connections of %(name)s") % {"name": entity.display_name}, description,
            right_x + NODE_WIDTH + PADDING, column + 2 * PADDING,
            tuple(nodes), tuple(edges), (), left_out,
        )

    def story(self) -> GraphDrawing | None:
        """Every person, institution, agreement, place and event, one column per kind, and the
        links between them; at most `MAX_PER_COLUMN` of a kind (the most linked)."""
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
        columns = []
        for kind in STORY_KINDS:
            records = self.index.by_collection(kind)
            if len(records) > MAX_PER_COLUMN:
                ranked = sorted(records, key=lambda e: (-degree[e.id], self._sort_key(e.id)))
                records = ranked[:MAX_PER_COLUMN]
            if records:
                columns.append(sorted(records, key=lambda e: self._sort_key(e.id)))
        chosen = [e for column in columns for e in column]
        inner = STORY_WIDTH - 2 * BOX_PAD_X
        names = {e.id: wrap(e.display_name, inner, NAME_CHAR) for e in chosen}
        node_height = box_height(max(len(lines) for lines in names.values()), 0)
        step = node_height + STORY_ROW_GAP
        top = PADDING + STORY_HEADING
        rows = max(len(column) for column in columns)
        place: dict[str, tuple[int, float, float]] = {}  # column, x, middle y
        nodes, headings, _, ngettext = [], [], self.views.gettext, self.views.ngettext
        for number, column in enumerate(columns):
            x = PADDING + number * (STORY_WIDTH + STORY_COLUMN_GAP)
            kind = column[0].collection
            headings.append(Heading(str(x), str(PADDING + 16), _(COLLECTION_TITLES.get(kind, kind)), kind))
            for row, entity in enumerate(column):
                y = top + row * step
                place[entity.id] = (number, x, y + node_height / 2)
                name = text_lines(x, y, names[entity.id], ())[0]
                nodes.append(GraphNode(
                    entity.id, self.index.url_for(entity.id), entity.display_name, entity.collection,
                    _(SINGULAR[entity.collection]), "", str(x), str(y), str(STORY_WIDTH), str(node_height), name,
                ))
        edges = []
        by_source: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for (source, target), fields in sorted(pairs.items()):
            if source not in place or target not in place:
                continue
            labels = ", ".join(_(RELATIONS[f][0]).lower() for f in fields)
            path, points = self._story_route(place[source], place[target], top, step, rows)
            edges.append(GraphEdge(
                path, f"{self._name(source)} — {labels} — {self._name(target)}", fields[0],
                points=points, ends=(source, target),
            ))
            by_source[source].append((self.index.url_for(target), self._name(target), labels))
        connections = tuple(
            Connection(entity.display_name, tuple(by_source[entity.id]), self.index.url_for(entity.id))
            for entity in sorted(chosen, key=lambda e: self._sort_key(e.id))
            if by_source.get(entity.id)
        )
        matrix = tuple(
            MatrixRow(self.index.url_for(row.id), row.display_name, row.collection, tuple(
                ", ".join(_(RELATIONS[f][0]) for f in pairs.get((row.id, col.id), ())) for col in chosen
            ))
            for row in chosen
        )
        counts = ", ".join(ngettext(*COUNTED[c[0].collection], len(c)) % {"num": len(c)} for c in columns)
        description = ngettext("%(counts)s, and %(num)d link between them.", "%(counts)s, and %(num)d links between them.",
                               len(edges)) % {"counts": counts, "num": len(edges)}
        if len(chosen) < len(members):
            totals = ", ".join(ngettext(*COUNTED[kind], n) % {"num": n}
                               for kind in STORY_KINDS if (n := len(self.index.by_collection(kind))))
            description += " " + _(
                "The %(shown)d most connected of %(total)d records are shown; the story has %(totals)s."
                " Each record's page draws its own connections.") % {
                "shown": len(chosen), "total": len(members), "totals": totals}
        width = PADDING + len(columns) * (STORY_WIDTH + STORY_COLUMN_GAP)
        return GraphDrawing(
            "graph-story", self.views.gettext("How the people, institutions, agreements, places and events connect"),
            description, width, top + rows * step + PADDING, tuple(nodes), tuple(edges), connections,
            len(members) - len(chosen), tuple(headings), matrix,
        )

    @staticmethod
    def _story_route(a: tuple[int, float, float], b: tuple[int, float, float], top: float, step: float, rows: int):
        """An edge between two boxes of the story: within a column it bows into the gap on its right;
        between columns it leaves the left box's right side and, to cross the columns between,
        runs along the gap between rows nearest to its two ends."""
        if a[0] == b[0]:
            bulge = min(0.8 * STORY_COLUMN_GAP, 14 + abs(a[2] - b[2]) / 6)
            return loop_route(a[1] + STORY_WIDTH, a[2], b[2], bulge)
        left, right = sorted((a, b))
        start, end = (left[1] + STORY_WIDTH, left[2]), (right[1], right[2])
        if right[0] == left[0] + 1:
            return direct_route(start, end)
        middle = (left[2] + right[2]) / 2
        gap = min(max(1, round((middle - top + STORY_ROW_GAP / 2) / step)), rows)
        channel = top + gap * step - STORY_ROW_GAP / 2
        span = (left[1] + STORY_WIDTH + STORY_COLUMN_GAP, right[1] - STORY_COLUMN_GAP)
        return channel_route(start, end, channel, span)


__all__ = ["Connection", "GraphBuilder", "GraphDrawing", "GraphEdge", "GraphNode", "MatrixRow"]
