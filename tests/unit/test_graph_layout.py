"""The geometry of the graphs (`explainer.views.graph_layout`), on the default story: labels are
wrapped and never cut, no two boxes overlap, and no edge runs through a box but its own two."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.build.pipeline import BuildOptions, load_site
from explainer.core.errors import Reporter
from explainer.views.graph import GraphBuilder
from explainer.views.graph_layout import NAME_CHAR, box_height, segments, text_lines, wrap

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def builder():
    options = BuildOptions(REPO / "content", REPO / "site-test-unused", workers=1, search=False)
    model = load_site(options, Reporter(options.root))
    return GraphBuilder(model.index, model.views)


def boxes(drawing) -> dict[str, tuple[float, float, float, float]]:
    return {
        node.id or "more": (float(node.x), float(node.y), float(node.x) + float(node.width), float(node.y) + float(node.height))
        for node in drawing.nodes
    }


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def drawings(builder):
    story = builder.story()
    yield story
    for node in story.nodes:
        yield builder.neighbourhood(node.id)


def test_wrap_breaks_at_spaces_and_keeps_every_word():
    assert wrap("Offer to house convicted prisoners, including U.S. citizens", 180, NAME_CHAR) == (
        "Offer to house", "convicted prisoners,", "including U.S.", "citizens",
    )
    assert wrap("CECOT", 150, NAME_CHAR) == ("CECOT",)
    assert wrap("Supercalifragilisticexpialidocious", 86, NAME_CHAR) == ("Supercalif", "ragilistic", "expialidoc", "ious")
    assert box_height(2, 1) == 18 + 16 + 32


def test_a_label_s_lines_are_parted_by_a_space_but_the_last():
    """What the template writes after each line of a box's label (its <tspan>s): a space
    between two lines, nothing after the last line of the small print or of the name."""
    names, subs = text_lines(0, 0, ("Ana", "María", "Pérez"), ("Party to · agreement",))
    assert [(line.text, line.gap) for line in subs + names] == [
        ("Party to · agreement", ""), ("Ana", " "), ("María", " "), ("Pérez", ""),
    ]
    assert [line.gap for line in text_lines(0, 0, ("and 3 more",), ())[0]] == [""]


def test_every_label_is_whole_and_fits_its_box(builder):
    for drawing in drawings(builder):
        for node in drawing.nodes:
            lines = [line.text for line in node.name_lines]
            assert not any(line.endswith("…") for line in lines + [s.text for s in node.sub_lines])
            assert " ".join(lines) == " ".join(node.name.split())
            inner = float(node.width) - 20
            assert all(len(line) * NAME_CHAR <= inner for line in lines), lines
            bottom = float(node.y) + float(node.height)
            assert all(float(line.y) + 4 <= bottom for line in node.name_lines)


def test_the_story_shows_every_record_once_in_its_kinds_column(builder):
    story = builder.story()
    names = {node.name for node in story.nodes}
    for kind in ("people", "institutions", "places"):
        for entity in builder.index.by_collection(kind):
            assert entity.display_name in names
    columns = {}
    for node in story.nodes:
        columns.setdefault(node.kind, set()).add(node.x)
    assert all(len(xs) == 1 for xs in columns.values())
    assert len(set().union(*columns.values())) == len(columns)
    assert story.height <= 900  # a screenful


def test_no_two_boxes_overlap_and_no_edge_crosses_another_box(builder):
    for drawing in drawings(builder):
        rects = boxes(drawing)
        items = list(rects.items())
        for n, (a, box_a) in enumerate(items):
            for b, box_b in items[n + 1:]:
                assert not overlap(box_a, box_b), (drawing.id, a, b)
        for edge in drawing.edges:
            for piece in segments(edge.points, edge.path):
                for node_id, rect in rects.items():
                    if node_id in edge.ends:
                        continue
                    assert not overlap(piece, rect), (drawing.id, edge.title, node_id)


def test_the_matrix_has_a_cell_for_every_link(builder):
    story = builder.story()
    assert len(story.matrix) == len(story.nodes)
    filled = sum(1 for row in story.matrix for cell in row.cells if cell)
    assert filled == len(story.edges)
