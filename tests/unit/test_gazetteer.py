"""Countries and demonyms (`explainer.authoring.gazetteer`): what the extractor takes for a place."""

from __future__ import annotations

import pytest

from explainer.authoring.gazetteer import COUNTRIES, DEMONYMS, country_named


@pytest.mark.parametrize(("text", "country"), [
    ("El Salvador", "El Salvador"),
    ("U.S.", "United States"),
    ("USA", "United States"),
    ("America", "United States"),
    ("the United States", "United States"),
    ("The United States", "United States"),
    ("Britain", "United Kingdom"),
    ("Holland", "Netherlands"),
    ("the Netherlands", "Netherlands"),
    ("Netherlands", "Netherlands"),
    ("Bahamas", "Bahamas"),
    ("Czechia", "Czech Republic"),
    ("Côte d’Ivoire", "Ivory Coast"),
    ("Türkiye", "Turkey"),
    ("Burma", "Myanmar"),
])
def test_country_named_knows_names_and_their_short_forms(text, country):
    assert country_named(text) == country


@pytest.mark.parametrize("text", ["us", "u.s.", "el salvador", "Salvadoran", "Ruritania", "the", ""])
def test_country_named_is_case_sensitive_and_knows_only_countries(text):
    assert country_named(text) is None


def test_demonyms_are_words_for_people_not_names():
    assert {"Salvadoran", "Salvadorean", "American", "Dutch", "Filipino", "Philippine"} <= DEMONYMS
    assert "" not in DEMONYMS  # countries without a demonym add none
    assert "El Salvador" not in DEMONYMS and "Salvadoran" not in COUNTRIES


def test_every_form_names_a_country_that_is_its_own_name():
    assert all(COUNTRIES[country] == country for country in COUNTRIES.values())
    assert sorted(form for form, country in COUNTRIES.items() if country == "United States") == [
        "America", "U.S.", "U.S.A.", "US", "USA", "United States", "United States of America",
    ]
