"""Builds as the preview runs them: outcomes, error lines and the terminal summary."""

from __future__ import annotations

from pathlib import Path

from conftest import build

from explainer.core.options import BuildOptions
from explainer.preview.livebuild import LiveSite, Outcome, describe_changes


def live(root: Path) -> LiveSite:
    return LiveSite(BuildOptions(root / "content", root / "site"))


def test_first_build_then_a_rebuild(full_site):
    site = live(full_site)
    first = site.build()
    assert first.ok and first.generation == 1 and first.changed == []
    html = len(list((full_site / "site").rglob("*.html")))
    assert first.summary() == f"built {html} pages in {first.seconds:.2f} s"  # as `build.py` counts them
    person = full_site / "content/people/ana-nunez.yaml"
    person.write_text(person.read_text(encoding="utf-8").replace("who announced", "who proposed"), encoding="utf-8")
    second = site.build({person.resolve()})
    assert second.generation == 2 and second.changed == ["content/people/ana-nunez.yaml"]
    assert "people/ana-nunez/index.html" in second.written
    assert not second.errors_changed and not second.base_changed


def test_content_errors_are_the_cli_lines(full_site, monkeypatch):
    monkeypatch.chdir(full_site)
    person = full_site / "content/people/ana-nunez.yaml"
    person.write_text("name: [broken\n", encoding="utf-8")
    site = live(full_site)
    outcome = site.build()
    cli = build(full_site)
    assert outcome.errors == cli.lines[:-1] == site.errors
    assert outcome.errors_changed and outcome.written == []
    assert outcome.summary() == "build failed with 1 error"


def test_an_engine_failure_becomes_an_error_line(full_site, monkeypatch):
    site = live(full_site)
    assert site.build().ok

    def explode(on_written=None, changed=None):
        raise KeyError("boom")

    monkeypatch.setattr(site.builder, "rebuild", explode)
    changed = (full_site / "content/site.yaml").resolve()
    outcome = site.build({changed})
    assert outcome.errors == ["error: the build stopped: KeyError: 'boom'"]
    assert outcome.summary() == ("content/site.yaml changed: build failed with 1 error; "
                                 "still serving the last good site")


def test_base_path_follows_the_site(full_site):
    (full_site / "content/site.yaml").write_text(
        (full_site / "content/site.yaml").read_text(encoding="utf-8") + "base_url: /stories/port/\n", encoding="utf-8")
    site = live(full_site)
    assert site.base_path == "/"
    assert site.build().ok and site.base_path == "/stories/port/"


def test_summary_lines():
    def outcome(**fields):
        return Outcome(generation=2, **fields)

    assert outcome(changed=["content/a.yaml"], written=["a/index.html"] * 3, seconds=0.214).summary() == (
        "content/a.yaml changed: 3 pages rebuilt in 0.21 s")
    assert outcome(changed=["content/a.yaml"], written=["x"], removed=["y"], seconds=0.1).summary() == (
        "content/a.yaml changed: 1 page rebuilt, 1 removed in 0.10 s")
    assert outcome(changed=["content/a.yaml"], errors_changed=True, seconds=0.1).summary() == (
        "content/a.yaml changed: errors fixed, 0 pages rebuilt in 0.10 s")
    assert describe_changes(["a", "b"]) == "a and b"
    assert describe_changes(["a", "b", "c"]) == "a and 2 other files"


def test_rebuild_reports_its_pages_before_the_finishing_steps(full_site, monkeypatch):
    from explainer.build import folders

    site = live(full_site)
    assert site.build().ok
    calls: list[tuple] = []
    monkeypatch.setattr(folders, "FINISHING_STEPS", [lambda model, folder: calls.append(("finished",))])
    person = full_site / "content/people/ana-nunez.yaml"
    person.write_text(person.read_text(encoding="utf-8").replace("who announced", "who proposed"), encoding="utf-8")
    outcome = site.build({person.resolve()}, on_written=lambda written, removed: calls.append((written, removed)))
    # the edited record's own page first, then the pages that show it, then the finishing steps
    first = (["people/ana-nunez/index.html"], [])
    rest = ([p for p in outcome.written if p != "people/ana-nunez/index.html"], outcome.removed)
    assert calls == [first, rest, ("finished",)]
    assert "people/ana-nunez/index.html" in outcome.written and "people/index.html" in rest[0]


def test_newer_edits_stop_the_search_index_and_the_next_rebuild_makes_it(full_site, tmp_path, monkeypatch):
    import os
    import threading
    import time

    from explainer.produce import pagefind

    site = live(full_site)
    assert site.build().ok
    index = full_site / "site/pagefind/pagefind-entry.json"
    assert index.is_file()
    # A Pagefind that would take a minute: the rebuild must stop it when told that edits wait.
    started = tmp_path / "pagefind.pid"
    slow = tmp_path / "slow-pagefind"
    slow.write_text(f"#!/bin/sh\necho $$ > {started}\nexec sleep 60\n", encoding="utf-8")
    slow.chmod(0o755)
    real = pagefind.find_pagefind
    monkeypatch.setattr(pagefind, "find_pagefind", lambda: str(slow))

    def newer_edits_arrive() -> None:
        while not started.exists() or not started.read_text().strip():
            time.sleep(0.02)
        site.builder.interrupt.set()

    threading.Thread(target=newer_edits_arrive, daemon=True).start()
    person = full_site / "content/people/ana-nunez.yaml"
    person.write_text(person.read_text(encoding="utf-8").replace("who announced", "who proposed"), encoding="utf-8")
    outcome = site.build({person.resolve()})
    assert outcome.ok and "people/ana-nunez/index.html" in outcome.written
    pid = int(started.read_text())
    try:
        os.kill(pid, 0)
        raise AssertionError("the interrupted Pagefind is still running")
    except ProcessLookupError:
        pass
    assert site.builder.search_stale and not index.exists()

    # The next rebuild indexes again, even though no page changed.
    monkeypatch.setattr(pagefind, "find_pagefind", real)
    site.builder.interrupt.clear()
    again = site.build({person.resolve()})
    assert again.ok and again.written == []
    assert not site.builder.search_stale and index.is_file()


def test_the_preview_after_a_build_counts_the_pages_as_the_build_did(full_site):
    built = build(full_site)
    pages = len(list((full_site / "site").rglob("*.html")))
    assert built.code == 0 and built.out.startswith(f"built {pages} pages into ")
    first = live(full_site).build()
    assert first.ok and first.summary() == f"built {pages} pages in {first.seconds:.2f} s"


def test_errors_are_shown_from_the_folder_the_preview_runs_in(full_site, monkeypatch):
    person = full_site / "content/people/ana-nunez.yaml"
    person.write_text("name: [broken\n", encoding="utf-8")
    monkeypatch.chdir(full_site.parent)
    assert live(full_site).build().errors == [
        f"{full_site.name}/content/people/ana-nunez.yaml:2: error: invalid YAML: did not find expected ',' or ']'"
    ]


def test_the_source_files_of_a_page_follow_the_content(full_site, monkeypatch):
    monkeypatch.chdir(full_site)
    site = live(full_site)
    assert site.sources("people/oystein-berg/index.html") == ()  # nothing built yet
    site.build()
    assert [f.label for f in site.sources("people/oystein-berg/index.html")] == ["content/people.yaml:1"]
    people = full_site / "content/people.yaml"
    text = people.read_text(encoding="utf-8")
    people.write_text("# People.\n" + text, encoding="utf-8")
    site.build({people.resolve()}, exact=True)
    assert [f.label for f in site.sources("people/oystein-berg/index.html")] == ["content/people.yaml:2"]
    people.write_text("- [broken\n" + text, encoding="utf-8")
    assert not site.build({people.resolve()}, exact=True).ok
    # The last good load still answers.
    assert [f.label for f in site.sources("people/oystein-berg/index.html")] == ["content/people.yaml:2"]


def test_the_live_folder_is_unlisted_while_pagefind_writes_into_it(full_site, monkeypatch):
    # Were the server killed while Pagefind writes, the half-written bundle must not be taken for
    # a finished one: a folder whose manifest is missing is rewritten whole by the next build.
    from explainer.output.writer import Generations
    from explainer.produce import search

    site = live(full_site)
    assert site.build().ok
    listed_while_indexing = []
    real = search._run_pagefind

    def run(binary, folder, interrupt, glob=None):
        listed_while_indexing.append(Generations(full_site / "site").manifest_of(folder) is not None)
        real(binary, folder, interrupt, glob)

    monkeypatch.setattr(search, "_run_pagefind", run)
    person = full_site / "content/people/ana-nunez.yaml"
    person.write_text(person.read_text(encoding="utf-8").replace("who announced", "who proposed"), encoding="utf-8")
    outcome = site.build({person.resolve()})
    assert outcome.ok and "people/ana-nunez/index.html" in outcome.written
    assert listed_while_indexing == [False]
    assert Generations(full_site / "site").live_manifest() is not None
