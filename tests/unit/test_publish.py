"""Pieces of publish.py: JSON for <script>, schema.org types, feed dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explainer.content.model import Institution, Place
from explainer.core.dates import PartialDate
from explainer.views.metadata import institution_type, iso_datetime, json_for_script, schema_type


def test_json_for_script_escapes_what_could_end_the_script():
    data = {"name": "</script><!-- a & b >", "line": "x\u2028y"}
    text = str(json_for_script(data))
    assert text == '{"name":"\\u003c/script\\u003e\\u003c!-- a \\u0026 b \\u003e","line":"x\\u2028y"}'
    assert json.loads(text) == data


@pytest.mark.parametrize(("kind", "expected"), [
    ("prison", "GovernmentOrganization"),
    ("government department", "GovernmentOrganization"),
    ("City Council", "GovernmentOrganization"),
    ("NGO", "NGO"),
    ("gang", "Organization"),
    (None, "Organization"),
])
def test_institution_type_follows_kind(kind, expected):
    institution = Institution(collection="institutions", id="x", path=Path("x.yaml"), line=1, name="X", kind=kind)
    assert institution_type(institution) == expected


def test_place_type_follows_kind():
    def place(kind):
        return Place(collection="places", id="x", path=Path("x.yaml"), line=1, name="X", kind=kind)

    assert [schema_type(place(k)) for k in ("country", "city", "prison", None)] == [
        "Country", "City", "Place", "Place",
    ]


def test_iso_datetime_uses_the_first_day_of_a_partial_date():
    assert iso_datetime(PartialDate(2025)) == "2025-01-01T00:00:00Z"
    assert iso_datetime(PartialDate(2025, 2)) == "2025-02-01T00:00:00Z"
    assert iso_datetime(PartialDate(2025, 2, 3)) == "2025-02-03T00:00:00Z"
