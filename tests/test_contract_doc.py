"""docs/content.md says every field of every kind, its type and, for a ref, exactly the kinds it
accepts, as `schema` defines them and `index` checks them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, build, write_site

from explainer.content import contract_doc, schema
from explainer.content.contract_doc import KINDS, describe_fields, describe_type, update
from explainer.content.kinds import COLLECTIONS, DOCUMENT_COLLECTIONS, SINGULAR
from explainer.content.schema import COMMON, DOCUMENT_FIELDS, FIELDS, ROLE_FIELDS, FieldSpec
from explainer.site import index

CONTRACT = REPO / "docs" / "content.md"
REGENERATE = "python -m explainer.content.contract_doc docs/content.md"
BLOCK_RE = re.compile(r"<!-- fields:(\w+) -->\n(.*?)<!-- /fields -->", re.DOTALL)
ROW_RE = re.compile(r"^\| (\*\*)?`(\w+)`(?:\*\*)? \| (.+) \|$")

# Every way the docs may name a kind, back to its collection.
KIND_WORDS = {SINGULAR[c]: c for c in (*COLLECTIONS, *DOCUMENT_COLLECTIONS)}
KIND_WORDS.update({c: c for c in (*COLLECTIONS, *DOCUMENT_COLLECTIONS)})
KIND_WORDS["glossary terms"] = "glossary"
ANY = "any"


def documented_tables(text: str) -> dict[str, dict[str, tuple[bool, str]]]:
    """Each field table of the docs: kind -> field -> (shown as required, its type in words)."""
    tables: dict[str, dict[str, tuple[bool, str]]] = {}
    for kind, body in BLOCK_RE.findall(text):
        assert kind not in tables, f"two tables for {kind}"
        rows = body.splitlines()
        assert rows[:2] == ["| field | type |", "| --- | --- |"], kind
        tables[kind] = {}
        for row in rows[2:]:
            match = ROW_RE.match(row)
            assert match, f"{kind}: not a field row: {row!r}"
            bold, name, type_words = match.groups()
            assert name not in tables[kind], f"{kind}: {name} twice"
            tables[kind][name] = (bool(bold), type_words)
    return tables


def kinds_named(type_words: str) -> tuple[str, ...] | None:
    """The collections a ref's type names ("ref to a person or an institution"), ANY for any
    record, article or page, None when the words are not a ref."""
    match = re.fullmatch(r"(?:ref|list of refs) to (.+)", type_words)
    if match is None:
        return None
    words = match.group(1)
    if words in ("any record, article or page", "any records, articles or pages"):
        return (ANY,)
    named = re.split(r", | or ", words)
    return tuple(KIND_WORDS[re.sub(r"^an? ", "", word)] for word in named)


def test_the_field_tables_are_generated_from_the_schema():
    text = CONTRACT.read_text(encoding="utf-8")
    assert update(text) == text, f"docs/content.md's field tables are out of date: run {REGENERATE}"


def test_every_kind_documents_every_field_and_no_other():
    tables = documented_tables(CONTRACT.read_text(encoding="utf-8"))
    assert sorted(tables) == sorted(KINDS)
    for collection in COLLECTIONS:
        documented = {**tables["common"], **tables[collection]}
        assert not set(tables["common"]) & set(tables[collection]), collection
        assert sorted(documented) == sorted(FIELDS[collection]), collection
        for name, (bold, _) in documented.items():
            assert bold == FIELDS[collection][name].required, (collection, name)
    assert sorted(tables["document"]) == sorted(DOCUMENT_FIELDS)
    for name, (bold, _) in tables["document"].items():
        assert bold == DOCUMENT_FIELDS[name].required, name


def test_every_field_is_documented_with_its_type_and_a_ref_with_exactly_its_kinds():
    tables = documented_tables(CONTRACT.read_text(encoding="utf-8"))
    checked = 0
    for collection in (*COLLECTIONS, *DOCUMENT_COLLECTIONS):
        specs = DOCUMENT_FIELDS if collection in DOCUMENT_COLLECTIONS else FIELDS[collection]
        table = tables["document"] if collection in DOCUMENT_COLLECTIONS else {
            **tables["common"], **tables[collection]
        }
        for name, spec in specs.items():
            type_words = table[name][1]
            assert type_words == describe_type(spec), (collection, name)
            kinds = kinds_named(type_words)
            if spec.type in ("ref", "refs"):
                assert type_words.startswith("ref to " if spec.type == "ref" else "list of refs to ")
                assert kinds == (schema.REF_TARGETS.get((collection, name)) or (ANY,)), (collection, name)
                checked += 1
            else:
                assert kinds is None, (collection, name)
    assert checked == 32  # `event` on quotes and agreements included
    # A role's organization sits inside the people table's `roles` row.
    roles = tables["people"]["roles"][1]
    assert "`organization` (ref to an institution or a place)" in roles
    assert kinds_named("ref to an institution or a place") == schema.REF_TARGETS[("people", "organization")]


def test_a_ref_type_names_exactly_the_kinds_it_accepts():
    assert describe_type(FIELDS["institutions"]["parent"]) == "ref to an institution"
    assert describe_type(FIELDS["events"]["participants"]) == "list of refs to people, institutions or places"
    assert describe_type(FIELDS["agreements"]["signatories"]) == "list of refs to people or institutions"
    assert describe_type(FIELDS["quotes"]["speaker"]) == "ref to a person or an institution"
    assert describe_type(ROLE_FIELDS["organization"]) == "ref to an institution or a place"
    assert describe_type(COMMON["sources"]) == "list of refs to sources"
    assert describe_type(COMMON["related"]) == "list of refs to any records, articles or pages"
    assert describe_type(FieldSpec("ref")) == "ref to any record, article or page"
    assert describe_type(FieldSpec("refs", targets=("glossary", "quotes"))) == "list of refs to glossary terms or quotes"
    assert describe_type(FieldSpec("ref", targets=("events", "articles"))) == "ref to an event or an article"


def test_the_index_checks_refs_against_the_schema_table():
    assert index.REF_TARGETS is schema.REF_TARGETS
    assert schema.REF_TARGETS[("institutions", "parent")] == ("institutions",)
    assert schema.REF_TARGETS[("people", "organization")] == ("institutions", "places")
    assert schema.REF_TARGETS[("articles", "sources")] == ("sources",)
    assert ("glossary", "see_also") not in schema.REF_TARGETS  # anything


def test_the_contract_example_is_what_the_build_prints(tmp_path):
    text = CONTRACT.read_text(encoding="utf-8")
    example = re.search(r"^content/institutions/water-board\.yaml:3: error: .*$", text, re.MULTILINE)
    assert example is not None
    root = write_site(tmp_path / "site", """
-- content/site.yaml --
title: T
-- content/institutions/water-board.yaml --
name: Water Board
kind: agency
parent: water-accord
-- content/agreements/water-accord.yaml --
title: Water Accord
""")
    run = build(root)
    assert run.code == 1
    assert run.lines[:-1] == [example.group(0)]


def test_a_field_table_shows_required_fields_in_bold():
    assert describe_fields("places") == (
        "| field | type |\n| --- | --- |\n| **`name`** | text |\n| `kind` | text |\n"
        "| `within` | ref to a place |\n"
    )


def _all_blocks(body: str = "stale\n") -> str:
    return "".join(f"<!-- fields:{kind} -->\n{body}<!-- /fields -->\n\nprose\n" for kind in KINDS)


def test_update_rewrites_every_table_and_keeps_the_prose():
    updated = update("# Title\n" + _all_blocks())
    assert "stale" not in updated
    assert updated.count("\nprose\n") == len(KINDS)
    assert f"<!-- fields:places -->\n{describe_fields('places')}<!-- /fields -->" in updated
    assert update(updated) == updated


@pytest.mark.parametrize("text", [
    _all_blocks().replace("<!-- fields:quotes -->\nstale\n<!-- /fields -->\n", ""),  # missing
    _all_blocks() + "<!-- fields:quotes -->\n<!-- /fields -->\n",  # twice
    _all_blocks() + "<!-- fields:person -->\n<!-- /fields -->\n",  # unknown kind
    _all_blocks() + "<!-- fields:places -->\nno end\n",  # not closed
])
def test_update_refuses_a_missing_repeated_unknown_or_open_table(text):
    with pytest.raises(ValueError, match="field tables"):
        update(text)


def test_the_command_rewrites_the_file(tmp_path: Path, capsys):
    path = tmp_path / "content.md"
    path.write_text(_all_blocks(), encoding="utf-8")
    assert contract_doc.main([str(path)]) == 0
    assert path.read_text(encoding="utf-8") == update(_all_blocks())
    assert contract_doc.main([str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"{path}: updated", f"{path}: already up to date"]
