"""What a content folder already holds (`explainer.authoring.catalog`), as `new` and `extract` see it."""

from __future__ import annotations

from explainer.authoring.catalog import load_catalog, name_key

SITE = """\
-- content/site.yaml --
title: Harbour
-- content/people/ana-lopez.yaml --
name: Ana López
aliases: [López, Minister López]
-- content/people.yaml --
- id: bo-ek
  name: Bo Ek
-- content/institutions/ministry.yaml --
name: The Ministry of Justice
short_name: Ministry
-- content/glossary/cecot.yaml --
term: CECOT
definition: A prison.
abbreviation: CT
-- content/sources/report.yaml --
title: The report
file: seeds/report.txt
-- content/quotes/thanks.yaml --
text: Thank you
speaker: ana-lopez
source: report
-- seeds/report.txt --
Thank you, she said.
"""


def test_name_key_ignores_case_spacing_apostrophes_and_a_leading_the():
    assert name_key("The  Minister’s   Office") == "minister's office"
    assert name_key("the minister's office") == "minister's office"
    assert name_key("Theodore") == "theodore"
    assert name_key("Cafe\u0301") == name_key("Café")  # the same letters, however composed


def test_the_catalog_lists_ids_names_and_source_files(site_root):
    root = site_root(SITE)
    catalog = load_catalog(root / "content")
    assert catalog.errors == []
    assert sorted(catalog.entities) == ["ana-lopez", "bo-ek", "cecot", "ministry", "report", "thanks"]
    assert catalog.source_files == {"seeds/report.txt": "report"}
    assert {key: [(u.entity.id, u.text, u.is_alias) for u in uses] for key, uses in catalog.names.items()} == {
        "ana lópez": [("ana-lopez", "Ana López", False)],
        "lópez": [("ana-lopez", "López", True)],
        "minister lópez": [("ana-lopez", "Minister López", True)],
        "bo ek": [("bo-ek", "Bo Ek", False)],
        "ministry of justice": [("ministry", "The Ministry of Justice", False)],
        "ministry": [("ministry", "Ministry", True)],
        "cecot": [("cecot", "CECOT", False)],
        "ct": [("cecot", "CT", True)],
        "report": [("report", "The report", False)],
    }


def test_name_uses_finds_a_record_by_any_of_its_names_and_says_where(site_root, monkeypatch):
    root = site_root(SITE)
    monkeypatch.chdir(root)  # paths are shown from where the command runs
    catalog = load_catalog(root / "content")
    [use] = catalog.name_uses("minister  LÓPEZ")
    assert (use.entity.id, use.text, use.line) == ("ana-lopez", "Minister López", 2)
    assert catalog.display_path(use.path) == "content/people/ana-lopez.yaml"
    assert catalog.where(catalog.entities["bo-ek"]) == "content/people.yaml:1"
    assert catalog.where(catalog.entities["ministry"], "short_name") == "content/institutions/ministry.yaml:2"
    assert catalog.name_uses("Ministry of Justice")[0].entity.id == "ministry"  # "The" is ignored
    assert catalog.name_uses("Nobody") == []


def test_content_with_errors_still_yields_what_loaded(site_root, monkeypatch):
    root = site_root("""\
        -- content/people/ana-lopez.yaml --
        name: Ana López
        -- content/people/bo-ek.yaml --
        name: Bo Ek
        sumary: A typo.
        """)
    monkeypatch.chdir(root)
    catalog = load_catalog(root / "content")
    assert [str(d) for d in catalog.errors] == [
        "content/people/bo-ek.yaml:2: error: unknown field 'sumary' in person (did you mean 'summary'?)",
    ]  # and no complaint about the missing site.yaml: the commands that add content do not need it
    assert "ana-lopez" in catalog.entities


def test_a_missing_content_folder_gives_an_empty_catalog(tmp_path):
    catalog = load_catalog(tmp_path / "content")
    assert (catalog.entities, catalog.names, catalog.source_files, catalog.errors) == ({}, {}, {}, [])
    assert catalog.root == tmp_path.resolve()
