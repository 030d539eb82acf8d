"""What a build prints when it has a lot to say (`explainer.cli`, `explainer.core.warning_groups`).

Many warnings of one kind are shown 20 at a time, then one line per kind says how many more there
are and a summary line where all of them are (`.site.warnings.txt` beside the output);
`--all-warnings` prints them all; errors are always printed in full. `--quiet` prints only errors,
warnings and problems. The progress line is drawn only on a terminal.
"""

from __future__ import annotations

import contextlib
import gc
import io
import shutil
from pathlib import Path

import pytest
from conftest import build, run_build

from explainer.core.errors import Diagnostic
from explainer.core.warning_groups import group_warnings, warning_kind

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="v.Nu needs Java")

PEOPLE = [f"p{n:02}" for n in range(1, 26)]
PLACES = ["x1", "x2", "x3"]


@pytest.fixture
def orphans(site_root) -> Path:
    """A site with 25 people and 3 places that nothing links to: 28 warnings of two kinds."""
    spec = "-- content/site.yaml --\ntitle: T\n"
    spec += "".join(f"-- content/people/{id}.yaml --\nname: Person {id}\n" for id in PEOPLE)
    spec += "".join(f"-- content/places/{id}.yaml --\nname: Place {id}\n" for id in PLACES)
    return site_root(spec)


def person(id: str) -> str:
    return f"content/people/{id}.yaml:1: warning: person '{id}' is not linked from anywhere"


def place(id: str) -> str:
    return f"content/places/{id}.yaml:1: warning: place '{id}' is not linked from anywhere"


ALL = [person(id) for id in PEOPLE] + [place(id) for id in PLACES]
GROUPED = [person(id) for id in PEOPLE[:20]] + [place(id) for id in PLACES] + [
    "… and 5 more warnings like \"person '<id>' is not linked from anywhere\"",
    "28 warnings, 5 not shown: all of them are in .site.warnings.txt (--all-warnings prints them)",
]


def test_many_warnings_of_a_kind_are_shown_twenty_at_a_time_and_all_kept_in_a_file(orphans):
    run = build(orphans)
    assert run.code == 0
    assert run.lines == GROUPED
    assert (orphans / ".site.warnings.txt").read_text(encoding="utf-8") == "".join(f"{w}\n" for w in ALL)
    assert run.out.startswith("built ")


def test_a_build_with_nothing_to_redo_groups_them_the_same(orphans):
    first = build(orphans)
    (orphans / ".site.warnings.txt").unlink()
    again = build(orphans, "--timings")
    assert [line.split()[0] for line in again.out.splitlines() if line.startswith("  ")] == ["cache"]
    assert again.err == first.err
    assert (orphans / ".site.warnings.txt").read_text(encoding="utf-8") == "".join(f"{w}\n" for w in ALL)


def test_all_warnings_prints_every_one_and_leaves_no_file_behind(orphans):
    assert build(orphans).code == 0
    run = build(orphans, "--all-warnings")
    assert run.code == 0
    assert run.lines == ALL
    assert not (orphans / ".site.warnings.txt").exists()  # it would describe an earlier build


def test_errors_are_never_grouped(orphans):
    run = build(orphans, "--strict")
    assert run.code == 1
    assert run.lines == [line.replace(": warning: ", ": error: ") for line in ALL] + [
        f"build failed: 28 errors; {orphans / 'site'}/ was left unchanged"
    ]


def test_quiet_prints_only_the_warnings(orphans):
    run = build(orphans, "--quiet")
    assert (run.code, run.out) == (0, "")
    assert run.lines == GROUPED
    quiet_and_all = build(orphans, "--quiet", "--all-warnings")
    assert (quiet_and_all.code, quiet_and_all.out, quiet_and_all.lines) == (0, "", ALL)


def test_quiet_build_without_warnings_prints_nothing_but_errors_in_full(site_root):
    root = site_root("""
-- content/site.yaml --
title: T
-- content/people/a.yaml --
name: A
summary: "[[b]] and [[c]]"
-- content/people/b.yaml --
name: B
summary: "[[a]]"
""")
    failed = build(root, "--quiet")
    assert (failed.code, failed.out) == (1, "")
    assert failed.lines == [
        "content/people/a.yaml:2: error: unknown id 'c' in [[...]] link",
        f"build failed: 1 error; {root / 'site'}/ was left unchanged",
    ]
    (root / "content/people/a.yaml").write_text('name: A\nsummary: "[[b]]"\n', encoding="utf-8")
    fixed = build(root, "--quiet")
    assert (fixed.code, fixed.out, fixed.err) == (0, "", "")


@needs_java
def test_check_quiet_prints_only_warnings_and_problems(orphans):
    with contextlib.chdir(orphans):
        run = run_build("check", "--content", str(orphans / "content"), "--out", str(orphans / "site"),
                        "--quiet")
    assert (run.code, run.out) == (0, "")
    assert run.lines == GROUPED


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def build_on(stream: io.StringIO, root: Path, *args: str) -> tuple[int, str]:
    """Build with standard error going to `stream`; the exit status and what it received."""
    out = io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(stream):
        from explainer.cli import main

        code = main(["build", "--content", str(root / "content"), "--out", str(root / "site"), *args])
    return code, stream.getvalue()


def test_progress_is_drawn_on_a_terminal_and_cleared_before_the_warnings(orphans):
    code, plain = build_on(io.StringIO(), orphans, "--all-warnings")  # not a terminal
    assert code == 0 and "\r" not in plain
    shutil.rmtree(orphans / "site")
    (orphans / ".site.cache").unlink()  # a whole build again
    code, shown = build_on(FakeTerminal(), orphans, "--all-warnings")
    assert code == 0
    frames = shown.split("\r")
    assert frames[0] == ""  # nothing before the first frame
    for frame in ("checking for changes", "reading content", "converting Markdown: 0/28",
                  "rendering pages: 0/", "writing files: 0/", "saving the cache"):
        assert any(f.rstrip() == frame or f.startswith(frame) and frame.endswith("/") for f in frames), frame
    assert frames[-2].strip() == ""  # the line is blanked, then the warnings are printed
    assert frames[-1] == plain


def test_quiet_draws_no_progress_even_on_a_terminal(orphans):
    code, shown = build_on(FakeTerminal(), orphans, "--quiet")
    assert code == 0
    assert shown.splitlines() == GROUPED


@pytest.mark.parametrize(("message", "kind"), [
    ("person 'marco-rubio' is not linked from anywhere", "person '<id>' is not linked from anywhere"),
    ("glossary term 'mega-prison' is not linked from anywhere",
     "glossary term '<id>' is not linked from anywhere"),
    ("ignored: only .yaml files belong here", "ignored: only .yaml files belong here"),
    ('quote "Not An Id" has 3 words', "quote \"<text>\" has <n> words"),
    ("could not save the build cache (No space left on device); the next build starts from scratch",
     "could not save the build cache (No space left on device); the next build starts from scratch"),
    ("odd 'a\nb'", "odd '<text>'"),
    ("odd \x07 bell", "odd \\x07 bell"),
])
def test_a_warnings_kind_is_its_message_without_the_variable_parts(message, kind):
    assert warning_kind(message) == kind


def test_grouping_keeps_the_usual_order_and_counts_what_it_leaves_out():
    warnings = [Diagnostic(f"f{n}", 1, "warning", f"person 'p{n % 3}' is not linked from anywhere")
                for n in range(5)] + [Diagnostic("g", 1, "warning", "ignored: only .md files belong here")]
    groups = group_warnings(warnings, per_kind=2)
    assert groups.shown == [warnings[0], warnings[1], warnings[5]]
    assert groups.more == {"person '<id>' is not linked from anywhere": 3}
    assert (groups.total, groups.hidden) == (6, 3)
    everything = group_warnings(warnings, per_kind=None)
    assert (everything.shown, everything.more, everything.hidden) == (warnings, {}, 0)


def test_a_process_that_ends_after_the_build_leaves_what_it_made_to_its_end(orphans):
    """`build.py` ends the process right after `main` (os._exit): the build's model and cache are
    kept to then, not freed one by one, and the garbage collector is left off (`run_build`); a
    caller that goes on (the tests, the preview) keeps nothing."""
    from explainer import cli
    from explainer.build.cache import BuildCache
    from explainer.produce.site import SiteModel

    kept = len(cli._left_to_exit)
    assert build_on(io.StringIO(), orphans, "--quiet")[0] == 0
    assert len(cli._left_to_exit) == kept
    shutil.rmtree(orphans / "site")
    with contextlib.chdir(orphans), contextlib.redirect_stderr(io.StringIO()):
        assert cli.main(["build", "--content", "content", "--out", "site", "--quiet"], exiting=True) == 0
    try:
        made = cli._left_to_exit[kept:]
        assert len(made) == 1
        assert [type(part) for part in made[0][:2]] == [SiteModel, BuildCache]
        assert not gc.isenabled()
    finally:
        del cli._left_to_exit[kept:]
        gc.enable()
