"""The graphs' colours (static/theme.css, `--*-graph-<kind>`, drawn by explainer.views.graph_layout
boxes): every pair of kinds stays distinguishable for readers with protanopia, deuteranopia and
tritanopia (Machado et al. 2009 simulation, severity 1, then CIE ΔE76 ≥ 10 in CIELAB), and
label text on every box fill keeps a WCAG contrast of at least 4.5:1, in both themes."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import pytest

THEME = Path(__file__).resolve().parents[2] / "static" / "theme.css"
KINDS = ("people", "institutions", "agreements", "places", "events")
MACHADO = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
    "normal vision": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
}


def theme(name: str) -> dict[str, str]:
    text = THEME.read_text(encoding="utf-8")
    return {key: value.lower() for key, value in re.findall(rf"--{name}-([\w-]+):\s*(#[0-9a-fA-F]{{6}})", text)}


def linear(hex_colour: str) -> tuple[float, ...]:
    channels = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def simulate(rgb, matrix):
    return tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix)


def lab(rgb) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def contrast(a: str, b: str) -> float:
    def luminance(colour):
        r, g, b = linear(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    low, high = sorted((luminance(a), luminance(b)))
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", ["light", "dark"])
@pytest.mark.parametrize("vision", sorted(MACHADO))
def test_every_pair_of_kinds_stays_distinguishable(name, vision):
    colours = theme(name)
    simulated = {kind: lab(simulate(linear(colours[f"graph-{kind}"]), MACHADO[vision])) for kind in KINDS}
    for a, b in itertools.combinations(KINDS, 2):
        assert math.dist(simulated[a], simulated[b]) >= 10, (name, vision, a, b)


@pytest.mark.parametrize("name", ["light", "dark"])
def test_label_text_is_readable_on_every_box(name):
    colours = theme(name)
    for kind in KINDS:
        assert contrast(colours["text"], colours[f"graph-{kind}-fill"]) >= 4.5, (name, kind)


def test_the_simulation_tells_red_from_green_only_with_normal_vision():
    # the check has teeth: pure red and green look alike to a reader with deuteranopia
    red, green = linear("#d62728"), linear("#2ca02c")
    assert math.dist(lab(red), lab(green)) > 50
    deut = MACHADO["deuteranopia"]
    assert math.dist(lab(simulate(red, deut)), lab(simulate(green, deut))) < 15
