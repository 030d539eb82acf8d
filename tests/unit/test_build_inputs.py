"""A cached `build.py` is told which input files changed since the build that saved its cache
(`explainer.build.inputs`: the stamps both builds took of every entry of the input folders), as
the preview server's watcher tells it: the loader looks at no other file or folder again, and the
build says and writes what a clean build does, whatever was added, removed, touched or edited."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import write_site

from explainer.build.command import build_site
from explainer.build.inputs import FOLDER, NOT_A_FILE, changed_paths, scan_inputs
from explainer.content import walk
from explainer.core.options import BuildOptions

SITE = """\
-- content/site.yaml --
title: Harbour
-- seeds/report.txt --
The harbour council voted to lease the ferry terminal.
-- content/sources/report.yaml --
title: Harbour report
date: 2024-03-05
file: seeds/report.txt
-- content/people/ana-lopez.yaml --
name: Ana López
summary: She runs the [[council]] with [[bo-ek]].
sources: [report]
-- content/people/bo-ek.yaml --
name: Bo Ek
summary: He advises [[ana-lopez]].
sources: [report]
-- content/institutions/council.yaml --
name: Harbour council
summary: It leases the terminal; [[ana-lopez]] runs it.
sources: [report]
"""


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _options(root: Path, out: str = "site") -> BuildOptions:
    return BuildOptions(root / "content", root / out, workers=1, search=False)


def test_the_stamps_name_every_entry_by_where_it_really_is(tmp_path):
    root = write_site(tmp_path, SITE)
    (root / "content/people/drafts").mkdir()
    os.mkfifo(root / "content/people/pipe")
    (root / "content/linked").symlink_to(root / "content/people")
    stamps = scan_inputs(_options(root)).stamps
    people = os.path.realpath(root / "content/people")
    assert stamps[os.path.join(people, "drafts")] == FOLDER
    assert stamps[os.path.join(people, "pipe")] == NOT_A_FILE
    info = os.stat(root / "content/people/bo-ek.yaml")
    assert stamps[os.path.join(people, "bo-ek.yaml")] == (info.st_mtime_ns, info.st_size, info.st_ino)
    assert not any("linked" in path for path in stamps if path != os.path.join(os.path.realpath(root / "content"), "linked"))
    before = dict(stamps)
    (root / "content/people/bo-ek.yaml").write_text("name: Bo Ek\n", encoding="utf-8")
    (root / "content/people/drafts").rmdir()
    assert changed_paths(before, scan_inputs(_options(root)).stamps) == {
        os.path.join(people, "bo-ek.yaml"), os.path.join(people, "drafts"),
    }


def test_the_loader_looks_only_at_the_files_that_changed(tmp_path, monkeypatch):
    root = write_site(tmp_path, SITE)
    build_site(_options(root))
    looked: list[str] = []
    stat = os.stat
    monkeypatch.setattr(walk.os, "stat", lambda path, *a, **k: looked.append(os.fspath(path)) or stat(path, *a, **k))
    edited = root / "content/people/bo-ek.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("He advises", "He often advises"), encoding="utf-8")
    build_site(_options(root))
    assert {path for path in looked if "/content/people/" in path} == {str(edited)}
    assert "He often advises" in (root / "site/people/bo-ek/index.html").read_text(encoding="utf-8")


def test_a_cached_build_sees_what_was_added_removed_touched_or_edited(tmp_path):
    root = write_site(tmp_path, SITE)
    people = root / "content/people"
    steps = [
        lambda: (people / "cy-dam.yaml").write_text("name: Cy Dam\nsummary: Works with [[bo-ek]].\n", encoding="utf-8"),
        lambda: (people / "drafts").mkdir(),
        lambda: (people / "notes.txt").write_text("to do\n", encoding="utf-8"),
        lambda: (people / "bo-ek.yaml").write_text((people / "bo-ek.yaml").read_text(encoding="utf-8"), encoding="utf-8"),
        lambda: (people / "notes.txt").unlink(),
        lambda: (people / "cy-dam.yaml").unlink(),
        lambda: (people / "ana-lopez.yaml").write_text(
            "name: Ana López\nsummary: She runs the [[council]].\nsources: [report]\n", encoding="utf-8"),
    ]
    build_site(_options(root))
    for step in steps:
        step()
        cached = build_site(_options(root))
        clean = build_site(_options(root, "clean"), use_cache=False)
        assert [str(d) for d in cached.warnings] == [str(d) for d in clean.warnings]
        assert _tree(root / "site") == _tree(root / "clean")
    assert any("drafts" in str(d) and "ignored" in str(d) for d in cached.warnings)


def test_a_file_linked_from_a_collection_folder_is_seen_when_what_it_points_to_is_edited(tmp_path):
    root = write_site(tmp_path, SITE)
    shared = root / "shared/cy-dam.yaml"
    shared.parent.mkdir()
    shared.write_text("name: Cy Dam\nsummary: Works with [[bo-ek]].\nsources: [report]\n", encoding="utf-8")
    (root / "content/people/cy-dam.yaml").symlink_to(shared)
    build_site(_options(root))
    shared.write_text("name: Cy Dam\nsummary: Advises [[ana-lopez]].\nsources: [report]\n", encoding="utf-8")
    build_site(_options(root))
    assert "Advises" in (root / "site/people/cy-dam/index.html").read_text(encoding="utf-8")
    build_site(_options(root, "clean"), use_cache=False)
    assert _tree(root / "site") == _tree(root / "clean")
