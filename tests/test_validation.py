"""Every kind of content error: exit status 1, exact `path:line: error: message`, all at once.

The messages about a field's value (types, dates, refs, roles, aliases, citations) come from
`explainer.content.values`, which turns each YAML value into its type."""

from __future__ import annotations

from conftest import build, run_build, write_site

SITE = """
-- content/site.yaml --
title: Test site
"""


def errors_of(site_root, spec: str) -> list[str]:
    root = site_root(SITE + spec)
    run = build(root)
    assert run.code == 1, run.err
    assert not (root / "site").exists()
    assert run.lines[-1].startswith("build failed: ")
    return run.lines[:-1]


def test_yaml_syntax_error(site_root):
    assert errors_of(site_root, """
-- content/people/a.yaml --
name: A
roles: [
""") == ["content/people/a.yaml:3: error: invalid YAML: did not find expected node content"]


def test_yaml_syntax_error_in_list_file(site_root):
    assert errors_of(site_root, """
-- content/places.yaml --
- id: a
  name: "A
""") == ["content/places.yaml:3: error: invalid YAML: found unexpected end of stream"]


def test_unknown_field_suggests_closest(site_root):
    assert errors_of(site_root, """
-- content/people/a.yaml --
name: A
sumary: Misspelt.
""") == [
        "content/people/a.yaml:2: error: unknown field 'sumary' in person (did you mean 'summary'?)"
    ]


def test_missing_required_field(site_root):
    assert errors_of(site_root, """
-- content/glossary.yaml --
- id: mou
  term: memorandum of understanding
""") == ["content/glossary.yaml:1: error: missing required field 'definition' in glossary term"]


def test_wrong_type(site_root):
    assert errors_of(site_root, """
-- content/people/a.yaml --
name: A
aliases: Bee
""") == ["content/people/a.yaml:2: error: 'aliases' must be a list of names, not text"]


def test_wrong_type_in_nested_role(site_root):
    assert errors_of(site_root, """
-- content/people/a.yaml --
name: A
roles:
  - title: [Chair]
""") == ["content/people/a.yaml:3: error: 'title' must be text, not a list"]


def test_invalid_dates(site_root):
    assert errors_of(site_root, """
-- content/events.yaml --
- id: e
  title: E
  date: 2025-13-01
- id: f
  title: F
  date: 3 February 2025
""") == [
        "content/events.yaml:3: error: invalid date '2025-13-01' for 'date': there is no month 13",
        "content/events.yaml:6: error: invalid date '3 February 2025' for 'date': use YYYY, YYYY-MM or YYYY-MM-DD",
    ]


def test_a_date_in_the_format_that_does_not_exist_says_what_is_wrong(site_root):
    assert errors_of(site_root, """
-- content/events.yaml --
- id: a
  title: A
  date: 2025-02-30
- id: b
  title: B
  date: "2024-02-30"
- id: c
  title: C
  date: 2025-04-31
- id: d
  title: D
  date: 2025-13
- id: e
  title: E
  date: 2025-00
- id: f
  title: F
  date: 2025-01-00
- id: g
  title: G
  date: "0000"
- id: h
  title: H
  date: 2025-2-3
""") == [
        "content/events.yaml:3: error: invalid date '2025-02-30' for 'date': February 2025 has 28 days",
        "content/events.yaml:6: error: invalid date '2024-02-30' for 'date': February 2024 has 29 days",
        "content/events.yaml:9: error: invalid date '2025-04-31' for 'date': April 2025 has 30 days",
        "content/events.yaml:12: error: invalid date '2025-13' for 'date': there is no month 13",
        "content/events.yaml:15: error: invalid date '2025-00' for 'date': there is no month 0",
        "content/events.yaml:18: error: invalid date '2025-01-00' for 'date': there is no day 0",
        "content/events.yaml:21: error: invalid date '0000' for 'date': there is no year 0",
        "content/events.yaml:24: error: invalid date '2025-2-3' for 'date': use YYYY, YYYY-MM or YYYY-MM-DD",
    ]


def test_invalid_status(site_root):
    assert errors_of(site_root, """
-- content/agreements/a.yaml --
title: A
status: sined
""") == [
        "content/agreements/a.yaml:2: error: unknown status 'sined' (did you mean 'signed'?): "
        "use one of proposed, offered, promised, concluded, signed, in-force, ended"
    ]


def test_invalid_id_from_file_name(site_root):
    assert errors_of(site_root, """
-- content/people/Bad_Id.yaml --
name: A
""") == [
        "content/people/Bad_Id.yaml:1: error: invalid id 'Bad_Id' (from the file name): ids use "
        "lower-case letters a-z, digits and single hyphens; did you mean 'bad-id'?"
    ]


def test_invalid_id_in_list_file(site_root):
    assert errors_of(site_root, """
-- content/places.yaml --
- id: San Salvador
  name: San Salvador
""") == [
        "content/places.yaml:1: error: invalid id 'San Salvador': ids use lower-case letters a-z, "
        "digits and single hyphens; did you mean 'san-salvador'?"
    ]


def test_duplicate_id_names_both_places(site_root):
    assert errors_of(site_root, """
-- content/people/a.yaml --
name: A
-- content/places.yaml --
- id: x
  name: X
- id: a
  name: A place
""") == [
        "content/people/a.yaml:1: error: duplicate id 'a' (also defined at content/places.yaml:3)",
        "content/places.yaml:3: error: duplicate id 'a' (also defined at content/people/a.yaml:1)",
    ]


def test_unknown_refs_suggest_closest_id(site_root):
    assert errors_of(site_root, """
-- content/people/marco-rubio.yaml --
name: Marco Rubio
-- content/places/el-salvador.yaml --
name: El Salvador
-- content/people/b.yaml --
name: B
country: el-salvadr
related: [marco-rubo]
""") == [
        "content/people/b.yaml:2: error: unknown id 'el-salvadr' in 'country' (did you mean 'el-salvador'?)",
        "content/people/b.yaml:3: error: unknown id 'marco-rubo' in 'related' (did you mean 'marco-rubio'?)",
    ]


def test_ref_to_the_wrong_kind(site_root):
    assert errors_of(site_root, """
-- content/people/a.yaml --
name: A
country: b
-- content/people/b.yaml --
name: B
""") == ["content/people/a.yaml:2: error: 'b' is a person, but 'country' must refer to a place"]


def test_ref_to_the_wrong_kind_names_the_kind_with_its_article(site_root):
    assert errors_of(site_root, """
-- content/people/a.yaml --
name: A
country: b
-- content/institutions/b.yaml --
name: B
""") == ["content/people/a.yaml:2: error: 'b' is an institution, but 'country' must refer to a place"]


def test_a_ref_inside_a_role_or_a_document_is_checked_by_kind(site_root):
    assert errors_of(site_root, """
-- content/people/a.yaml --
name: A
roles:
  - title: Adviser
    organization: b
-- content/people/b.yaml --
name: B
-- content/articles/c.md --
---
title: C
sources: [b]
---
Text.
""") == [
        "content/articles/c.md:3: error: 'b' is a person, but 'sources' must refer to a source",
        "content/people/a.yaml:4: error: 'b' is a person, but 'organization' must refer to an institution or a place",
    ]


def test_unknown_wiki_link_in_markdown_body(site_root):
    assert errors_of(site_root, """
-- content/people/marco-rubio.yaml --
name: Marco Rubio
-- content/articles/a.md --
---
title: A
---
Intro.

See [[marco-rubi]] here.
""") == [
        "content/articles/a.md:6: error: unknown id 'marco-rubi' in [[...]] link (did you mean 'marco-rubio'?)"
    ]


def test_unknown_wiki_link_in_block_summary(site_root):
    assert errors_of(site_root, """
-- content/people/a.yaml --
name: A
summary: |
  First line.
  Second line with [[nobody|a link]].
""") == ["content/people/a.yaml:4: error: unknown id 'nobody' in [[...]] link"]


QUOTE_SITE = """
-- seeds/s.txt --
He said “the fee would be relatively low for the U.S.” on Monday,
and added: “It’s   significant for us.”
-- content/sources/s.yaml --
title: S
file: seeds/s.txt
-- content/people/p.yaml --
name: P
"""


def test_quote_not_in_source_file(site_root):
    assert errors_of(site_root, QUOTE_SITE + """
-- content/quotes/q.yaml --
speaker: p
source: s
text: the fee would be relatively cheap for the U.S.
""") == [
        "content/quotes/q.yaml:3: error: quote not found word for word in seeds/s.txt "
        "(closest passage: \"the fee would be relatively low for the U.S.\"; "
        "first difference: the quote has 'cheap' where the source has 'low')"
    ]


def test_quote_missing_a_word_of_its_source(site_root):
    assert errors_of(site_root, QUOTE_SITE + """
-- content/quotes/q.yaml --
speaker: p
source: s
text: the fee would be low for the U.S.
""") == [
        "content/quotes/q.yaml:3: error: quote not found word for word in seeds/s.txt "
        "(closest passage: \"the fee would be relatively low for the U.S.\"; "
        "first difference: the quote leaves out 'relatively' after 'be')"
    ]


def test_quote_with_a_word_its_source_does_not_have(site_root):
    assert errors_of(site_root, QUOTE_SITE + """
-- content/quotes/q.yaml --
speaker: p
source: s
text: the fee would be relatively very low for the U.S.
""") == [
        "content/quotes/q.yaml:3: error: quote not found word for word in seeds/s.txt "
        "(closest passage: \"the fee would be relatively low for the U.S.\"; "
        "first difference: the quote adds 'very' after 'relatively')"
    ]


def test_closest_passage_leaves_out_the_quotation_marks_of_the_source(site_root):
    assert errors_of(site_root, QUOTE_SITE + """
-- content/quotes/q.yaml --
speaker: p
source: s
text: Well, the fee would be relatively low for the U.S., he said
""") == [
        "content/quotes/q.yaml:3: error: quote not found word for word in seeds/s.txt "
        "(closest passage: \"the fee would be relatively low for the U.S.\"; "
        "first difference: the quote adds 'Well,' before 'the')"
    ]


def test_quote_with_nothing_like_it_in_its_source(site_root):
    assert errors_of(site_root, QUOTE_SITE + """
-- content/quotes/q.yaml --
speaker: p
source: s
text: Nothing of the kind was said.
""") == [
        "content/quotes/q.yaml:3: error: quote not found word for word in seeds/s.txt (no passage comes close)"
    ]


def test_quote_check_forgives_white_space_and_quote_styles(site_root):
    root = site_root(SITE + QUOTE_SITE + """
-- content/quotes/q.yaml --
speaker: p
source: s
text: "It's significant\\nfor us."
""")
    run = build(root)
    assert run.code == 0, run.err


def test_source_file_outside_seeds_is_refused(site_root):
    assert errors_of(site_root, """
-- content/sources/s.yaml --
title: S
file: content/site.yaml
""") == ["content/sources/s.yaml:2: error: source file 'content/site.yaml' must be inside the seeds/ folder"]


def test_every_error_is_reported_in_one_run(site_root):
    lines = errors_of(site_root, """
-- content/people/a.yaml --
nme: A
-- content/people/b.yaml --
name: B
country: nowhere
-- content/articles/x.md --
---
title: X
date: yesterday
---
Text.
""")
    assert lines == [
        "content/articles/x.md:3: error: invalid date 'yesterday' for 'date': use YYYY, YYYY-MM or YYYY-MM-DD",
        "content/people/a.yaml:1: error: missing required field 'name' in person",
        "content/people/a.yaml:1: error: unknown field 'nme' in person (did you mean 'name'?)",
    ]


def test_unknown_collection_folder(site_root):
    assert errors_of(site_root, """
-- content/peopel/a.yaml --
name: A
""") == ["content/peopel:1: error: unknown collection 'peopel' (did you mean 'people'?)"]


def test_missing_front_matter(site_root):
    assert errors_of(site_root, """
-- content/pages/about.md --
Just text.
""") == [
        "content/pages/about.md:1: error: missing front matter: start the file with '---', "
        "a 'title:' line and '---'"
    ]


def test_strict_turns_orphan_warning_into_error(site_root):
    root = site_root(SITE + """
-- content/people/a.yaml --
name: A
""")
    run = build(root)
    assert run.code == 0
    assert run.lines == ["content/people/a.yaml:1: warning: person 'a' is not linked from anywhere"]
    strict = build(root, "--strict")
    assert strict.code == 1
    assert strict.lines[0] == "content/people/a.yaml:1: error: person 'a' is not linked from anywhere"


# Paths are shown from where the command runs, so that a terminal or an editor opens the right file.

MISTAKE = SITE + """
-- content/people/a.yaml --
name: A
sumary: typo
"""


def test_paths_are_in_full_when_run_from_outside_the_site(tmp_path, monkeypatch):
    root = write_site(tmp_path / "mysite", MISTAKE)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    run = run_build("build", "--content", str(root / "content"), "--out", str(root / "site"))
    assert run.code == 1
    assert run.lines[:-1] == [
        f"{root.resolve()}/content/people/a.yaml:2: error: unknown field 'sumary' in person (did you mean 'summary'?)"
    ]


def test_paths_are_relative_to_the_current_folder_when_the_site_is_under_it(tmp_path, monkeypatch):
    root = write_site(tmp_path / "mysite", MISTAKE)
    monkeypatch.chdir(tmp_path)
    expected = ["mysite/content/people/a.yaml:2: error: unknown field 'sumary' in person (did you mean 'summary'?)"]
    for content in ("mysite/content", str(root / "content")):
        run = run_build("build", "--content", content, "--out", "mysite/site")
        assert (run.code, run.lines[:-1]) == (1, expected)


def test_paths_inside_a_message_are_shown_from_the_current_folder_too(tmp_path, monkeypatch):
    root = write_site(tmp_path / "mysite", SITE + """
-- content/people/a.yaml --
name: A
-- content/people.yaml --
- id: a
  name: Also A
""")
    monkeypatch.chdir(tmp_path)
    run = run_build("build", "--content", str(root / "content"), "--out", str(root / "site"))
    assert run.lines[:-1] == [
        "mysite/content/people.yaml:1: error: duplicate id 'a' (also defined at mysite/content/people/a.yaml:1)",
        "mysite/content/people/a.yaml:1: error: duplicate id 'a' (also defined at mysite/content/people.yaml:1)",
    ]


def test_a_warning_repeated_by_a_build_with_nothing_to_redo_is_shown_from_where_it_runs(tmp_path, monkeypatch):
    root = write_site(tmp_path / "mysite", SITE + """
-- content/people/b.yaml --
name: B
""")
    args = ("build", "--content", str(root / "content"), "--out", str(root / "site"))
    monkeypatch.chdir(root)
    assert run_build(*args).lines == ["content/people/b.yaml:1: warning: person 'b' is not linked from anywhere"]
    monkeypatch.chdir(tmp_path)
    assert run_build(*args).lines == ["mysite/content/people/b.yaml:1: warning: person 'b' is not linked from anywhere"]
    monkeypatch.chdir(root)
    assert run_build(*args).lines == ["content/people/b.yaml:1: warning: person 'b' is not linked from anywhere"]
