"""The JSON Schemas of the content contract (explainer.content.json_schemas) say what the loader
says: the committed ones in schemas/ are the generated ones, every shipped and fixture file
passes them, and each bad input the loader refuses for its type, value, a missing or an unknown
field, they refuse too (and what it accepts, they accept). The descriptions are the help texts
of explainer.content.field_help; the address settings come from explainer.content.url_settings.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO, SITES, run_build, write_site

from explainer.content.field_help import FIELD_HELP, NOT_COLLECTIONS, field_help
from explainer.content.json_schemas import (
    FOLDER,
    FRONT_MATTER_FILE,
    SITE_FILE,
    all_schemas,
    dumps,
    file_name,
    translation_file_name,
)
from explainer.content.kinds import COLLECTIONS, DOCUMENT_COLLECTIONS
from explainer.content.loader import load_content
from explainer.content.schema import ALIAS_FIELDS, KEY_FACT_FIELDS, LINK_FIELDS, ROLE_FIELDS, SITE_FIELDS
from explainer.content.url_settings import base_url_problem, edit_url_problem
from explainer.content.yamlsource import load_yaml, split_front_matter
from explainer.core.errors import Reporter

SCHEMAS = all_schemas()


def as_json(value: object) -> object:
    """A value read by the loader's YAML reader as a JSON reader (an editor) sees it: dates are text."""
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def schema_errors(schema_name: str, text: str) -> list[str]:
    """What the schema says about a file's text (front matter for a Markdown file)."""
    if schema_name in (FRONT_MATTER_FILE, translation_file_name("articles")):
        front = split_front_matter(text).front_matter
        assert front is not None
        text = front
    instance = as_json(load_yaml(text))
    validator = jsonschema.Draft202012Validator(SCHEMAS[schema_name])
    return [error.message for error in validator.iter_errors(instance)]


def schema_for(content: Path, path: Path) -> str:
    """The schema a content file follows."""
    relative = path.relative_to(content)
    if "." in path.stem:  # a translation: people/<id>.es.yaml, site.es.yaml, articles/<id>.es.md
        return translation_file_name(relative.parts[0] if len(relative.parts) > 1 else "site")
    if relative.as_posix() == "site.yaml":
        return SITE_FILE
    if len(relative.parts) == 1:
        return file_name(relative.stem, list_form=True)
    return file_name(relative.parts[0])


def content_folders() -> list[Path]:
    return [REPO / "content", *sorted(p / "content" for p in SITES.iterdir() if (p / "content").is_dir())]


def test_the_committed_schemas_are_the_generated_ones():
    """After changing a field, a help text or an address rule: python build.py schema."""
    folder = REPO / FOLDER
    assert sorted(p.name for p in folder.iterdir()) == sorted(SCHEMAS)
    for name, schema in SCHEMAS.items():
        assert (folder / name).read_text(encoding="utf-8") == dumps(schema), f"{FOLDER}/{name} is stale"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_each_schema_is_a_valid_schema_in_2020_12_and_in_draft_07(name):
    schema = SCHEMAS[name]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft7Validator.check_schema(schema)  # what the YAML language server implements
    assert "$ref" not in json.dumps(schema)


def test_every_field_is_described_by_its_own_help_text():
    tables = {
        "site": SITE_FIELDS, "role": ROLE_FIELDS, "link": LINK_FIELDS, "alias": ALIAS_FIELDS,
        "key fact": KEY_FACT_FIELDS,
    }
    assert set(tables) == set(NOT_COLLECTIONS)
    for kind, fields in tables.items():
        for name in fields:
            assert (kind, name) in FIELD_HELP, (kind, name)
    person = SCHEMAS["people.schema.json"]["properties"]
    assert person["country"]["description"] == "id of the country (a place) it belongs to (ref to a place)"
    assert person["name"]["description"] == "the person's full name (text)"
    role = person["roles"]["items"]["properties"]["organization"]
    assert role["description"] == field_help("role", "organization", ROLE_FIELDS["organization"])[1] + (
        " (ref to an institution or a place)"
    )
    site = SCHEMAS[SITE_FILE]["properties"]
    assert site["link_mentions"]["enum"] == ["first-per-page", "first-per-section", "all", "none", None]
    assert SCHEMAS["agreements.schema.json"]["properties"]["status"]["enum"] == [
        "proposed", "offered", "promised", "concluded", "signed", "in-force", "ended", None,
    ]


@pytest.mark.parametrize("content", content_folders(), ids=lambda p: p.parent.name)
def test_every_default_and_fixture_file_passes_its_schema(content):
    files = sorted(p for p in content.rglob("*") if p.suffix in (".yaml", ".md"))
    assert len(files) > 5
    checked = set()
    for path in files:
        name = schema_for(content, path)
        checked.add(name)
        assert schema_errors(name, path.read_text(encoding="utf-8")) == [], path
    assert {SITE_FILE, FRONT_MATTER_FILE} <= checked


# (schema file, text, whether the loader accepts it). Each bad case is refused by the loader for
# its type, its value, a missing field or an unknown one: the schema must refuse it too.
CASES = [
    (SITE_FILE, "title: T\nlink_mentions: sometimes", False),
    (SITE_FILE, "title: T\nallow_html: 'yes'", False),
    (SITE_FILE, "description: no title", False),
    (SITE_FILE, "title: T\ntheme: dark", False),
    (SITE_FILE, "title: ''", False),
    (SITE_FILE, "title: [T]", False),
    (SITE_FILE, "title: T\nbase_url: explainers/", False),
    (SITE_FILE, "title: T\nbase_url: /a/../b/", False),
    (SITE_FILE, "title: T\nbase_url: https://example.org//a/", False),
    (SITE_FILE, "title: T\nbase_url: ftp://example.org/", False),
    (SITE_FILE, "title: T\nbase_url: //example.org/", False),
    (SITE_FILE, "title: T\nedit_url: ftp://example.org/repo/", False),
    (SITE_FILE, "title: T\nedit_url: github.com/org/repo/edit/main/", False),
    (SITE_FILE, "title: T\nedit_url: https://github.com/org/repo/edit/main/?a=b", False),
    (SITE_FILE, "title: T\nedit_url: 'https:///edit/'", False),
    (SITE_FILE, "title: T\nedit_url: true", False),
    (SITE_FILE, "title: T\nedit_url: https://github.com/org/repo/edit/main", True),
    (SITE_FILE, "title: T\nbase_url: HTTPS://example.org/explainers/cecot/", True),
    (SITE_FILE, "title: T\nbase_url: /x/\nallow_html: true\nlink_mentions: none", True),
    (SITE_FILE, "title: 2025\ndescription:\nlanguage: es", True),
    ("people.schema.json", "name: Ana\nsumary: x", False),
    ("people.schema.json", "{}", False),
    ("people.schema.json", "- name: Ana", False),
    ("people.schema.json", "name:", False),
    ("people.schema.json", "name: [Ana]", False),
    ("people.schema.json", "name: true", False),
    ("people.schema.json", "name: '  '", False),
    ("people.schema.json", "name: Ana\nsummary: [x]", False),
    ("people.schema.json", "name: Ana\nsummary: ''", False),
    ("people.schema.json", "name: Ana\nroles: Mayor", False),
    ("people.schema.json", "name: Ana\nroles: [Mayor]", False),
    ("people.schema.json", "name: Ana\nroles: [{organization: council}]", False),
    ("people.schema.json", "name: Ana\nroles: [{title: Mayor, party: x}]", False),
    ("people.schema.json", "name: Ana\nroles: [{title: Mayor, start: 2025-13}]", False),
    ("people.schema.json", "name: Ana\nroles: [{title: Mayor, start: 2023-02-29}]", False),
    ("people.schema.json", "name: Ana\nroles: [{title: Mayor, end: 1900-02-29}]", False),
    ("people.schema.json", "name: Ana\nlinks: [{title: Site, url: 'ftp://x'}]", False),
    ("people.schema.json", "name: Ana\nlinks: [{title: Site}]", False),
    ("people.schema.json", "name: Ana\nlinks: ['https://x.org']", False),
    ("people.schema.json", "name: Ana\ncite: [\"report: exact words\"]", True),
    ("people.schema.json", "name: Ana\ncite: [report: exact words]", True),
    ("people.schema.json", "name: Ana\ncite: [{source: report, passage: exact words, field: summary}]", True),
    ("people.schema.json", "name: Ana\ncite: [\"no colon here\"]", False),
    ("people.schema.json", "name: Ana\ncite: [{source: report}]", False),
    ("people.schema.json", "name: Ana\nupdated: 2025-02-30", False),
    ("people.schema.json", "name: Ana\ncorrections: [{date: 2025-02-04, text: A name was misspelt.}]", True),
    ("people.schema.json", "name: Ana\ncorrections: [{date: 2025-02-04}]", False),
    ("people.schema.json", "name: Ana\ncountry: [alba]", False),
    ("people.schema.json", "name: Ana\ncountry: 5", False),
    ("people.schema.json", "name: Ana\nrelated: alba", False),
    ("people.schema.json", "name: Ana\nrelated: [alba, 5]", False),
    ("people.schema.json", "name: Ana\nrelated: [alba, ~]", False),
    ("people.schema.json", "name: Ana\naliases: Ana N", False),
    ("people.schema.json", "name: Ana\naliases: [{txt: A}]", False),
    ("people.schema.json", "name: Ana\naliases: [{text: A, priority: high}]", False),
    ("people.schema.json", "name: Ana\naliases: [{text: A, priority: true}]", False),
    ("people.schema.json", "name: Ana\naliases: [[A]]", False),
    ("people.schema.json", "name: Ana\ntags: [a, [b]]", False),
    ("people.schema.json", "name: Ana\nid: Ana", False),
    ("people.schema.json", "name: Ana\nroles: [{title: Mayor, organization: x, start: 2021, end: 2024-02-29}]", True),
    ("people.schema.json", "name: Ana\naliases: [Ana N, {text: A, priority: 1}, 7]\nsummary:\ncountry:", True),
    ("people.schema.json", "name: 1.5\ntags: [a, 2]", True),
    ("people.schema.json", "name: 2025-02-03", True),
    ("people.schema.json", "name: Ana\nlinks: [{title: Mail, url: 'mailto:a@b.org'}, {title: S, url: HTTP://b.org}]", True),
    ("people.schema.json", "name: Ana\nid: x", True),
    ("institutions.schema.json", "name: I\nfacts: [a]", False),
    ("institutions.schema.json", "name: I\nfacts: {Opened: }", False),
    ("institutions.schema.json", "name: I\nfacts: {Opened: [2023]}", False),
    ("institutions.schema.json", "name: I\nfounded: 2023-02-30", False),
    ("institutions.schema.json", "name: I\nfounded: '0000'", False),
    ("institutions.schema.json", "name: I\nfounded: 999", False),
    ("institutions.schema.json", "name: I\nfounded: '23'", False),
    ("institutions.schema.json", "name: I\nfounded: 2023-1-5", False),
    ("institutions.schema.json", "name: I\nfounded: 2023\nfacts: {Capacity: 40000, Opened: '2023'}", True),
    ("institutions.schema.json", "name: I\nfounded: 2000-02-29\nparent:", True),
    ("institutions.schema.json", "name: I\nfounded: 2024-02-29", True),
    ("institutions.schema.json", "name: I\nfounded: '2023-04'", True),
    ("agreements.schema.json", "title: A\nstatus: signd", False),
    ("agreements.schema.json", "title: A\nstatus: 5", False),
    ("agreements.schema.json", "title: A\nterms: x", False),
    ("agreements.schema.json", "title: A\nterms: [x, {a: b}]", False),
    ("agreements.schema.json", "title: A\nstatus: in-force\nterms: [a, 'b']\nparties: [x, y]", True),
    ("events.schema.json", "title: E", False),
    ("events.schema.json", "date: 2025-02-03", False),
    ("events.schema.json", "date:\ntitle: E", False),
    ("events.schema.json", "date: 3 February 2025\ntitle: E", False),
    ("events.schema.json", "date: 2025-02\ntitle: E\nend: 2025-03", True),
    ("glossary.schema.json", "term: t", False),
    ("glossary.schema.json", "term: t\ndefinition: d\nsee_also: x", False),
    ("glossary.schema.json", "term: t\ndefinition: d\nabbreviation: T", True),
    ("quotes.schema.json", "text: hi\nspeaker: a", False),
    ("quotes.schema.json", "text: hi\nspeaker: a\nsource: b\nreported_by: [c]", False),
    ("quotes.schema.json", "text: hi\nspeaker: a\nsource: b\ncontext: '[[a]] said it'", True),
    ("sources.schema.json", "title: S\nurl: www.example.org", False),
    ("sources.schema.json", "title: S\nurl: 'https://'", False),
    ("sources.schema.json", "title: S\nurl: HTTPS://example.org/x\npublisher: P", True),
    ("places.list.schema.json", "- name: Alba", False),
    ("places.list.schema.json", "- id: Alba\n  name: Alba", False),
    ("places.list.schema.json", "- id: 5\n  name: Alba", False),
    ("places.list.schema.json", "name: Alba", False),
    ("places.list.schema.json", "- Alba", False),
    ("places.list.schema.json", "- id: alba\n  name: Alba\n  withn: x", False),
    ("places.list.schema.json", "- id: alba\n  kind: city", False),
    ("places.list.schema.json", "- id: alba\n  name: Alba\n- id: bera\n  name: Bera\n  within: alba", True),
    ("places.list.schema.json", "[]", True),
    ("places.list.schema.json", "", True),
    (FRONT_MATTER_FILE, "title: T\ndek: [x]", False),
    (FRONT_MATTER_FILE, "dek: x", False),
    (FRONT_MATTER_FILE, "title: T\nauthor: me", False),
    (FRONT_MATTER_FILE, "title: T\ndate: 3 Feb 2025", False),
    (FRONT_MATTER_FILE, "title: T\nsources: s", False),
    (FRONT_MATTER_FILE, "title: T\ndate: 2025-02-03\nsources: [s]\nbyline: Desk", True),
]


def loader_errors(root: Path, schema_name: str, text: str) -> list[str]:
    """The errors the loader reports about `text` as the file `schema_name` describes."""
    if schema_name == SITE_FILE:
        relative = "content/site.yaml"
    elif schema_name == FRONT_MATTER_FILE:
        relative, text = "content/articles/x.md", f"---\n{text}\n---\nThe body.\n"
    elif schema_name.endswith(".list.schema.json"):
        relative = f"content/{schema_name.removesuffix('.list.schema.json')}.yaml"
    else:
        relative = f"content/{schema_name.removesuffix('.schema.json')}/x.yaml"
    files = {"content/site.yaml": "title: T\n", relative: text + "\n"}
    write_site(root, "".join(f"-- {path} --\n{body}" for path, body in files.items()))
    reporter = Reporter(root)
    load_content(root, root / "content", reporter)
    return [str(d) for d in reporter.errors]


@pytest.mark.parametrize(("schema_name", "text", "accepted"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_the_schema_refuses_what_the_loader_refuses(tmp_path, schema_name, text, accepted):
    errors = loader_errors(tmp_path, schema_name, text)
    assert (not errors) == accepted, errors
    if schema_name in (FRONT_MATTER_FILE, translation_file_name("articles")):
        text = f"---\n{text}\n---\n"
    refused = schema_errors(schema_name, text)
    assert (not refused) == accepted, refused


def test_a_ref_is_an_id_and_the_build_says_whether_it_exists(site_root):
    """The loader takes any text as a ref; the index refuses one that names no record. The schema
    cannot know the records, but an id is never anything but an id."""
    assert schema_errors("people.schema.json", "name: Ana\nrelated: [Marco Rubio]")
    assert schema_errors("people.schema.json", "name: Ana\nrelated: [marco-rubio]") == []
    root = site_root("""
        -- content/site.yaml --
        title: T
        -- content/people/ana.yaml --
        name: Ana
        related: [Marco Rubio]
    """)
    run = run_build("build", "--content", str(root / "content"), "--out", str(root / "site"))
    assert run.code == 1 and "unknown id 'Marco Rubio' in 'related'" in run.err


@pytest.mark.parametrize(
    "value", ["/", "/a/b/", "/a/b", "https://x.org", "https://x.org/a/", "a/", "/a/./b/", "/a//", "https://",
              "http://x.org/a/../", "mailto:x", "/a b/", "/a?b", "https://x.org:8080/a/"],
)
def test_the_address_patterns_agree_with_the_rules(value):
    site = SCHEMAS[SITE_FILE]["properties"]
    base = jsonschema.Draft202012Validator(site["base_url"]).is_valid(value)
    edit = jsonschema.Draft202012Validator(site["edit_url"]).is_valid(value)
    assert base == (base_url_problem(value) is None), value
    assert edit == (edit_url_problem(value) is None), value


def test_the_schema_command_writes_them_into_the_site_root(site_root, tmp_path):
    root = site_root("""
        -- content/site.yaml --
        title: T
    """)
    run = run_build("schema", "--content", str(root / "content"))
    assert run.code == 0, run.err
    assert run.out.startswith(f"wrote {len(SCHEMAS)} JSON Schemas into ")
    assert run.out.endswith(f"({len(SCHEMAS)} changed)\n")
    assert sorted(p.name for p in (root / "schemas").iterdir()) == sorted(SCHEMAS)
    again = run_build("schema", "--content", str(root / "content"))
    assert again.out.endswith("(0 changed)\n")
    elsewhere = tmp_path / "elsewhere"
    assert run_build("schema", "--content", str(root / "content"), "--out", str(elsewhere)).code == 0
    assert (elsewhere / SITE_FILE).read_text(encoding="utf-8") == (root / "schemas" / SITE_FILE).read_text(
        encoding="utf-8")
    missing = run_build("schema", "--content", str(tmp_path / "nowhere"))
    assert missing.code == 2


@pytest.mark.parametrize("collection", [*COLLECTIONS, *DOCUMENT_COLLECTIONS])
def test_new_writes_a_modeline_and_its_file_passes_the_schema(site_root, collection):
    root = site_root("""
        -- content/site.yaml --
        title: T
        -- content/people.yaml --
        - id: ana
          name: Ana
        -- content/sources.yaml --
        - id: report
          title: Report
    """)
    assert run_build("schema", "--content", str(root / "content")).code == 0
    required = {
        "events": ["--set", "date=2025-02-03"], "glossary": ["--set", "definition=What it means."],
        "quotes": ["--set", "speaker=ana", "--set", "source=report"],
    }
    run = run_build("new", collection, "Lease signed", "--content", str(root / "content"),
                    *required.get(collection, []))
    assert run.code == 0, run.err
    path = Path(run.out.splitlines()[0])
    text = path.read_text(encoding="utf-8")
    if collection in DOCUMENT_COLLECTIONS:
        assert text.startswith("---\n# A new ")  # the YAML language server does not read front matter
        name = FRONT_MATTER_FILE
    else:
        first = text.splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first == f"{prefix}../../schemas/{file_name(collection)}"
        assert (path.parent / first.removeprefix(prefix)).resolve() == root / "schemas" / file_name(collection)
        name = file_name(collection)
    assert schema_errors(name, text) == []
    assert loader_errors(root / "again", name, split_front_matter(text).front_matter or text) == []


def test_new_with_a_required_field_left_empty_fails_the_schema_as_it_fails_the_build(site_root):
    root = site_root("""
        -- content/site.yaml --
        title: T
    """)
    run = run_build("new", "event", "Lease signed", "--content", str(root / "content"))
    assert run.code == 0
    text = (root / "content/events/lease-signed.yaml").read_text(encoding="utf-8")
    assert schema_errors("events.schema.json", text) == ["None is not of type 'string', 'integer'"]
