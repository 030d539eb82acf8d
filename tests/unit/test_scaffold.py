"""`build.py new`: the file it lays out for each kind, the clashes it refuses, and a site built from it."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from conftest import build, run_build, soup

from explainer.authoring.scaffold import FIELD_HELP, ScaffoldError, fields_for, render_new, resolve_kind
from explainer.content.ids import slugify
from explainer.content.kinds import COLLECTIONS, DOCUMENT_COLLECTIONS
from explainer.content.yamlsource import load_yaml, split_front_matter


@pytest.fixture
def site(site_root) -> Path:
    return site_root(
        """
        -- content/site.yaml --
        title: Test
        -- content/people.yaml --
        - id: marco-rubio
          name: Marco Rubio
          aliases: [Rubio, "Secretary of State Marco Rubio"]
        """
    )


def new(root: Path, *args: str):
    with contextlib.chdir(root):  # as a writer runs it: messages name `content/...`
        return run_build("new", *args, "--content", str(root / "content"))


def test_slugify_transliterates_names():
    assert slugify("José Simeón Cañas") == "jose-simeon-canas"
    assert slugify("Øystein Ærø-Łukasz") == "oystein-aero-lukasz"
    assert slugify("Jóhanna Sigurðardóttir, Ħamrun") == "johanna-sigurdardottir-hamrun"
    assert slugify("Ǿrsted") == "orsted"  # Ø with an accent: decomposed first, then spelt out
    assert slugify("  El Salvador’s “CECOT”  ") == "el-salvadors-cecot"


@pytest.mark.parametrize(
    ("word", "collection"),
    [("person", "people"), ("people", "people"), ("Institution", "institutions"), ("place", "places"),
     ("glossary", "glossary"), ("glossary-term", "glossary"), ("term", "glossary"), ("quote", "quotes"),
     ("articles", "articles"), ("page", "pages"), ("event", "events"), ("agreements", "agreements")],
)
def test_kind_accepts_singular_and_plural(word, collection):
    assert resolve_kind(word) == collection


def test_unknown_kind_is_a_usage_error(site):
    run = new(site, "persn", "Ana")
    assert run.code == 2
    assert run.err == (
        "error: unknown kind 'persn' (did you mean 'person'?): use one of person, institution, "
        "agreement, place, event, glossary-term, quote, source, article, page\n"
    )
    with pytest.raises(ScaffoldError):
        resolve_kind("thing")


def test_every_field_has_its_own_explanation():
    for collection in (*COLLECTIONS, *DOCUMENT_COLLECTIONS):
        key = "document" if collection in DOCUMENT_COLLECTIONS else collection
        for name in fields_for(collection):
            assert (key, name) in FIELD_HELP or ("*", name) in FIELD_HELP, (collection, name)


@pytest.mark.parametrize("collection", [*COLLECTIONS, *DOCUMENT_COLLECTIONS])
def test_every_field_is_laid_out(collection):
    text, missing = render_new(collection, {"name": "X", "title": "X", "term": "X", "text": "X"})
    if collection in DOCUMENT_COLLECTIONS:
        text = split_front_matter(text).front_matter
    lines = text.splitlines()
    for name, spec in fields_for(collection).items():
        written = [line for line in lines if line.startswith(f"{name}:")]
        commented = [line for line in lines if line.startswith(f"# {name}:")]
        if spec.required:
            assert len(written) == 1, (name, lines)
        else:
            assert len(commented) == 1 and not written, (name, lines)
            assert "  # " in commented[0], commented[0]  # the one-line explanation
    # uncommenting every optional line still gives valid YAML
    load_yaml("\n".join(line[2:] if line.startswith("# ") and ":" in line.split("#")[1] else line for line in lines))


def test_new_person_writes_the_name_and_prints_the_path(site):
    run = new(site, "person", "José Simeón Cañas")
    assert run.code == 0, run.err
    path = site / "content/people/jose-simeon-canas.yaml"
    assert run.out == f"{path.as_posix()}\n"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/people.schema.json"
    assert "\nname: José Simeón Cañas\n" in text
    assert "\n# roles: [{title: Mayor, organization: institution-id, start: 2021, end: 2024}]  # positions held" in text
    data = load_yaml(text)
    assert data == {"name": "José Simeón Cañas"}


def test_new_event_leaves_its_date_for_the_writer_and_the_build_says_so(site):
    run = new(site, "events", "Lease signed")
    assert run.code == 0
    assert run.out.splitlines()[1] == "fill in the required field: date"
    text = (site / "content/events/lease-signed.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/events.schema.json"
    assert "\ndate:" in text and "# REQUIRED: when it happened" in text
    result = build(site)
    assert result.code == 1
    assert "content/events/lease-signed.yaml:3: error: missing required field 'date' in event" in result.lines


def test_new_refuses_to_overwrite(site):
    assert new(site, "place", "Port Alba").code == 0
    before = (site / "content/places/port-alba.yaml").read_text(encoding="utf-8")
    run = new(site, "place", "Port Alba", "--id", "port-alba")
    assert run.code == 1
    assert run.err == "error: content/places/port-alba.yaml already exists; not overwriting it\n"
    assert (site / "content/places/port-alba.yaml").read_text(encoding="utf-8") == before


def test_new_refuses_an_id_taken_by_another_record(site):
    run = new(site, "institution", "Marco  Rubio")
    assert run.code == 1
    assert run.err == (
        "error: id 'marco-rubio' is already used by person 'Marco Rubio' (content/people.yaml:1); "
        "choose another with --id\n"
    )
    assert not (site / "content/institutions").exists()


def test_new_refuses_a_name_or_alias_in_use(site):
    run = new(site, "person", "rubio")
    assert run.code == 1
    assert run.err == "error: 'rubio' is already an alias of person 'marco-rubio' (content/people.yaml:3)\n"
    run = new(site, "person", "Marco Rubio", "--id", "another-rubio")
    assert run.err == "error: 'Marco Rubio' is already the name of person 'marco-rubio' (content/people.yaml:2)\n"
    assert not (site / "content/people").exists()
    # an article's title is not a name records are mentioned by
    assert new(site, "article", "Marco Rubio", "--id", "rubio-profile").code == 0


def test_new_checks_set_fields_and_ids(site):
    run = new(site, "quote", "Hello.", "--set", "speker=marco-rubio")
    assert (run.code, run.err) == (1, "error: unknown field 'speker' in quote (did you mean 'speaker'?)\n")
    run = new(site, "quote", "Hello.", "--set", "speaker=marco-rubo")
    assert (run.code, run.err) == (1, "error: unknown id 'marco-rubo' in 'speaker' (did you mean 'marco-rubio'?)\n")
    run = new(site, "quote", "Hello.", "--set", "text=Bye")
    assert (run.code, run.err) == (1, "error: the text is the NAME argument; do not --set it\n")


def test_new_needs_an_existing_content_folder(tmp_path):
    run = run_build("new", "person", "Ana", "--content", str(tmp_path / "nowhere"))
    assert run.code == 2
    assert run.err == f"build.py: error: content folder not found: {tmp_path / 'nowhere'}\n"


def test_one_of_each_kind_builds_into_a_linked_site(site_root):
    root = site_root(
        """
        -- content/site.yaml --
        title: Harbour
        -- seeds/minutes.txt --
        The chair said: “We waited long enough.”
        """
    )
    steps = [
        ("place", "El Salvador", "--set", "kind=country"),
        ("institution", "Harbour Council", "--set", "country=el-salvador"),
        ("person", "José Simeón Cañas", "--set", "roles=[{title: Chair, organization: harbour-council}]"),
        ("source", "Council minutes", "--set", "file=seeds/minutes.txt"),
        ("agreement", "Terminal lease", "--set", "parties=[harbour-council]",
         "--set", "signatories=[jose-simeon-canas]", "--set", "status=signed"),
        ("event", "Lease signed", "--set", "date=2024-05-02", "--set", "participants=[jose-simeon-canas]",
         "--set", "place=el-salvador", "--set", "related=[terminal-lease]"),
        ("glossary", "Lease", "--set", "definition=A contract to rent the terminal."),
        ("quote", "We waited long enough.", "--set", "speaker=jose-simeon-canas", "--set", "source=council-minutes"),
        ("article", "The lease is signed", "--set", "sources=[council-minutes]", "--set", "date=2024-05-03"),
        ("page", "About this explainer",),
    ]
    for step in steps:
        run = new(root, *step)
        assert run.code == 0, (step, run.err)
    assert {p.relative_to(root / "content").as_posix() for p in (root / "content").rglob("*.*")} == {
        "site.yaml", "places/el-salvador.yaml", "institutions/harbour-council.yaml",
        "people/jose-simeon-canas.yaml", "sources/council-minutes.yaml", "agreements/terminal-lease.yaml",
        "events/lease-signed.yaml", "glossary/lease.yaml", "quotes/we-waited-long-enough.yaml",
        "articles/the-lease-is-signed.md", "pages/about-this-explainer.md",
    }
    result = build(root, "--strict")
    assert result.code == 0, result.err
    person = soup(root / "site/people/jose-simeon-canas/index.html")
    assert person.h1.get_text() == "José Simeón Cañas"
    quotes = soup(root / "site/quotes/index.html")
    assert quotes.find(id="we-waited-long-enough")
    assert (root / "site/articles/the-lease-is-signed/index.html").is_file()
    assert (root / "site/pages/about-this-explainer/index.html").is_file()
