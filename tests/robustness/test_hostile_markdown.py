"""Markdown that would crash or stall Python-Markdown is refused at its line, before conversion.

Without the limits, each of these bodies either raised RecursionError (a traceback) or kept the
build busy for minutes to hours; see `explainer.limits`.
"""

from __future__ import annotations

import pytest

from explainer.content.limits import MAX_MARKDOWN_NESTING

from .helpers import check_diagnostics, isolated_build

SITE = """\
-- content/site.yaml --
title: Hostile Markdown
-- content/people/jane-doe.yaml --
name: Jane Doe
"""

NESTING = (f"lists or quotes nested deeper than {MAX_MARKDOWN_NESTING} levels; "
           "Markdown cannot convert text nested this deeply")
BRACKETS = ("too many '[', '(' or '<' that close far away or never (Markdown would take minutes to "
            "read them): close each one, or write \\[ and \\<")
MARKS = ("a paragraph too long and too full of Markdown marks (&, *, _, `, [, <) to convert in "
         "reasonable time: break it up with blank lines")


def nested_list(levels: int) -> str:
    return "".join("    " * level + "- item\n" for level in range(levels))


HOSTILE = {
    # name: (body, line of the error counted from the body's first line, message)
    "nested list": (nested_list(300), MAX_MARKDOWN_NESTING, NESTING),
    "list markers on one line": ("1. " * 2000 + "x\n", 0, NESTING),
    "nested quotes": ("> " * 20_000 + "x\n", 0, NESTING),
    "unclosed brackets": ("[" * 50_000 + "\n", 0, BRACKETS),
    "unclosed wiki links": ("[[" * 50_000 + "\n", 0, BRACKETS),
    "unclosed images": ("Intro.\n\n" + "![" * 20_000 + "\n", 2, BRACKETS),
    "unclosed link targets": ("[a](" * 20_000 + "\n", 0, BRACKETS),
    "unclosed tags": ("<a " * 20_000 + "\n", 0, BRACKETS),
    "nested brackets": ("[" * 5_000 + "x" + "]" * 5_000 + "\n", 0, BRACKETS),
    "entities": ("&amp;" * 100_000 + "\n", 0, MARKS),
    "emphasis": ("*a* " * 100_000 + "\n", 0, MARKS),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_markdown_is_refused_at_its_line(site_root, name):
    body, line, message = HOSTILE[name]
    root = site_root(SITE)
    page = root / "content/pages/hostile.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: Hostile\n---\n" + body, encoding="utf-8")
    outcome = isolated_build(root, "--no-search", timeout=60)
    check_diagnostics(outcome)
    assert outcome.lines[:-1] == [f"content/pages/hostile.md:{4 + line}: error: {message}"]


def test_hostile_markdown_in_a_yaml_field_is_refused_at_its_line(site_root):
    root = site_root(SITE + "-- content/glossary.yaml --\n- id: lol\n  term: LOL\n  definition: |\n"
                     + "    Laughing.\n    " + "[" * 20_000 + "\n")
    outcome = isolated_build(root, "--no-search", timeout=60)
    check_diagnostics(outcome)
    assert outcome.lines[:-1] == [f"content/glossary.yaml:4: error: {BRACKETS}"]


def test_long_text_full_of_links_and_marks_is_not_refused(site_root):
    # A 300-paragraph article, each paragraph with 40 links, emphasis and entities, and a list
    # nested to the limit: far more than any real article, and well inside the limits.
    paragraph = " ".join(f"[[jane-doe|Jane {n}]] said *this* &amp; `that`." for n in range(40))
    body = "\n\n".join([paragraph] * 300) + "\n\n" + nested_list(MAX_MARKDOWN_NESTING) + "\n"
    body += "```\n" + " " * 400 + "- deep code is not a list\n```\n"
    root = site_root(SITE)
    page = root / "content/pages/long.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: Long\n---\n" + body, encoding="utf-8")
    outcome = isolated_build(root, "--no-search", timeout=120)
    check_diagnostics(outcome)
    assert outcome.code == 0, outcome.err
