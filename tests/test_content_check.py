"""`build.py check --content-only` (explainer.authoring.content_check): the build's messages about
the content, word for word, and nothing built: no output folder, no cache, no lock."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import REPO, build, run_build

from explainer.core.lock import build_lock


def check(root: Path, *args: str):
    with contextlib.chdir(root):  # as a writer runs it: messages name `content/...`
        return run_build("check", "--content-only", "--content", str(root / "content"),
                         "--out", str(root / "site"), *args)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def written(root: Path) -> list[str]:
    """What a command left in the site root besides the content and the sources."""
    return sorted(p.name for p in root.iterdir() if p.name not in ("content", "seeds"))


def test_a_good_site_passes_and_nothing_is_written(full_site):
    run = check(full_site)
    assert run.code == 0, run.err
    assert run.err == ""
    assert run.out == "content checked: 20 records, articles and pages; no errors, 0 warnings\n"
    assert written(full_site) == []


def test_warnings_are_the_builds_and_do_not_fail(full_site):
    (full_site / "content/places/lonely-rock.yaml").write_text("name: Lonely Rock\n", encoding="utf-8")
    run = check(full_site)
    assert run.code == 0
    warning = "content/places/lonely-rock.yaml:1: warning: place 'lonely-rock' is not linked from anywhere"
    assert run.lines == [warning]
    assert run.out.endswith("no errors, 1 warning\n")
    assert build(full_site).lines == [warning]


def test_errors_of_the_first_round_are_the_builds(full_site):
    content = full_site / "content"
    edit(content / "people/ana-nunez.yaml", "name:", "nme:")
    edit(content / "events.yaml", "date: ", "date: 2024-02-30  # ")
    edit(content / "site.yaml", "language: en", "language: en\nedit_url: ftp://example.org/")
    run = check(full_site)
    assert run.code == 1
    assert written(full_site) == []
    built = build(full_site)
    assert built.code == 1
    assert run.lines[:-1] == built.lines[:-1]
    assert len(run.lines) == 6  # two events in events.yaml
    assert run.lines[-1] == "content check failed: 5 errors"
    assert built.lines[-1].startswith("build failed: 5 errors; ")


def test_errors_of_the_second_round_are_the_builds(full_site):
    content = full_site / "content"
    edit(content / "quotes/nunez-waited.yaml", "speaker: ana-nunez", "speaker: ana-nunes")
    edit(content / "quotes/nunez-waited.yaml", "We have waited", "We waited")
    edit(content / "pages/about.md", "Quotes:", "See [[port-albba]]. Quotes:")
    run = check(full_site)
    assert run.code == 1
    built = build(full_site)
    assert run.lines[:-1] == built.lines[:-1]
    assert any("unknown id 'ana-nunes' in 'speaker'" in line for line in run.lines)
    assert any("quote not found word for word" in line for line in run.lines)
    assert any("unknown id 'port-albba' in [[...]] link" in line for line in run.lines)
    assert all(line.startswith("content/") for line in run.lines[:-1])


def test_it_does_not_wait_for_a_build_that_holds_the_lock(full_site):
    with build_lock(full_site / "site"):
        run = subprocess.run(
            [sys.executable, str(REPO / "build.py"), "check", "--content-only"],
            cwd=full_site, capture_output=True, text=True, timeout=120,
        )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("content checked: ")


def test_usage_errors(full_site, tmp_path):
    assert check(full_site, "--edit-url", "example.org").code == 2
    assert check(full_site, "--base-url", "explainers").code == 2
    run = run_build("check", "--content-only", "--content", str(tmp_path / "nowhere"))
    assert (run.code, run.err) == (2, f"build.py: error: content folder not found: {tmp_path / 'nowhere'}\n")


def test_the_pre_commit_hook_runs_it_when_the_content_changes():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["explainer-check"]
    hook = hooks[0]
    assert hook["entry"] == "python build.py check --content-only"
    assert hook["language"] in ("system", "python") and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("content/people/marco-rubio.yaml") and files.search("seeds/report.txt")
    assert not files.search("templates/base.html") and not files.search("docs/content/x.md")
