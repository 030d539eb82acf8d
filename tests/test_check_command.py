"""`build.py check`: builds, then checks the output; exit 1 and `page: problem` lines on any problem."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from conftest import REPO, build, run_build

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="v.Nu needs Java")


def check(root: Path, *args: str):
    with contextlib.chdir(root):  # as a writer runs it: messages name `content/...`
        return run_build("check", "--content", str(root / "content"), "--out", str(root / "site"), *args)


def line_of(page: Path, text: str) -> int:
    """The line of the built page that holds `text` (so the test does not hard-code template lines)."""
    lines = page.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


@needs_java
def test_check_passes_on_the_default_site(tmp_path):
    run = run_build("check", "--content", str(REPO / "content"), "--out", str(tmp_path / "site"),
                    "--base-url", "https://example.org/explainers/cecot/")
    assert run.code == 0, run.err
    assert run.err == ""
    assert run.out.splitlines()[-1].startswith("checked ")
    assert " 0 problems; " in run.out.splitlines()[-1]


@needs_java
def test_check_passes_on_the_full_fixture_and_lists_external_links(full_site):
    run = check(full_site, "--list-external")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    pages = len(list((full_site / "site").rglob("*.html")))
    assert f"checked {pages} pages: 0 problems; 2 external links (not fetched)" in lines
    assert lines[-2:] == [
        "  https://example.org/ana  (1 page)",
        "  https://example.org/minutes  (1 page)",
    ]


BROKEN = """
-- content/site.yaml --
title: Broken
allow_html: true
-- content/people/ana.yaml --
name: Ana
summary: Ana.
-- content/pages/p.md --
---
title: P
---
See [the missing section](#nowhere), [[ana]] and [her quotes](/people/ana/#no-such-anchor).

<div><span foo="bar">x</span>
"""


@needs_java
def test_check_fails_naming_page_and_problem(site_root):
    root = site_root(BROKEN)
    run = check(root)
    assert run.code == 1
    page = root / "site/pages/p/index.html"
    link = line_of(page, 'href="#nowhere"')
    prose = line_of(page, '<div class="prose"')
    assert run.err.splitlines() == [
        # v.Nu names the element left open: the Markdown's own </div> closed the page's prose <div>.
        f"pages/p/index.html: line {prose}: invalid HTML: Unclosed element “div”.",
        f"pages/p/index.html: line {link}: broken anchor in #nowhere: no id 'nowhere' on this page",
        f"pages/p/index.html: line {link}: broken anchor in /people/ana/#no-such-anchor: no id "
        "'no-such-anchor' on people/ana/index.html",
        f"pages/p/index.html: line {line_of(page, 'foo=')}: invalid HTML: Attribute “foo” not allowed on "
        "element “span” at this point.",
        f"pages/p/index.html: line {line_of(page, '</article>')}: invalid HTML: End tag “article” seen, but "
        "there were open elements.",
    ]
    pages = len(list((root / "site").rglob("*.html")))
    assert f"checked {pages} pages: 5 problems; 0 external links" in run.out


def test_check_reports_content_errors_like_build(site_root):
    root = site_root("""
-- content/site.yaml --
title: T
-- content/people/x.yaml --
name: X
sumary: typo
""")
    run = check(root)
    assert run.code == 1
    assert run.lines[0] == "content/people/x.yaml:2: error: unknown field 'sumary' in person (did you mean 'summary'?)"


def test_check_help_lists_its_options():
    run = run_build("check", "--help")
    assert run.code == 0
    for option in ("--content", "--out", "--base-url", "--list-external", "--no-search"):
        assert option in run.out


@needs_java
def test_every_command_works_after_any_other_and_counts_the_same_pages(full_site):
    # `check` after a build with nothing to redo, then a build after the check: each time the
    # build has nothing to redo, and it says what the first build said.
    first = build(full_site)
    assert first.code == 0, first.err
    pages = len(list((full_site / "site").rglob("*.html")))
    built = f"built {pages} pages into {full_site / 'site'}/ in "
    assert first.out.startswith(built)
    run = check(full_site)
    assert (run.code, run.err) == (0, "")
    lines = run.out.splitlines()
    assert lines[0].startswith(built) and lines[1:-1] == first.out.splitlines()[1:]
    assert lines[-1] == f"checked {pages} pages: 0 problems; 2 external links (not fetched; --list-external lists them)"
    again = build(full_site)
    assert again.code == 0 and again.out.startswith(built)
    assert again.out.splitlines()[1:] == first.out.splitlines()[1:]
