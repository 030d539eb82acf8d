"""Which folders the preview watches, and which file events count as edits."""

from __future__ import annotations

from pathlib import Path

from watchfiles import Change

from explainer.core.options import ENGINE_DIR, BuildOptions
from explainer.preview.watch import SourceWatcher


def watcher_for(root: Path, out: Path | None = None) -> SourceWatcher:
    (root / "content" / "people").mkdir(parents=True)
    return SourceWatcher(BuildOptions(root / "content", out or root / "site"))


def test_watches_the_site_folders_that_exist_and_the_engine_defaults(tmp_path):
    watcher = watcher_for(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "site").mkdir()  # the output folder is never watched
    assert watcher.folders() == sorted([
        (tmp_path / "content").resolve(), (tmp_path / "seeds").resolve(),
        (ENGINE_DIR / "templates").resolve(), (ENGINE_DIR / "static").resolve(),
    ])
    (tmp_path / "templates").mkdir()
    assert (tmp_path / "templates").resolve() in watcher.folders()


def test_edits_count_and_editor_noise_does_not(tmp_path):
    watcher = watcher_for(tmp_path)
    folders = watcher.folders()
    person = tmp_path / "content" / "people" / "jane.yaml"
    person.write_text("name: Jane\n")
    scratch = tmp_path / "content" / "people" / "4913"
    changes = {
        (Change.added, str(tmp_path / "content" / "people" / ".jane.yaml.swp")),
        (Change.modified, str(tmp_path / "content" / "people" / "jane.yaml~")),
        (Change.added, str(tmp_path / "content" / "people" / ".#jane.yaml")),
        (Change.added, str(tmp_path / "content" / ".git" / "index")),
        (Change.added, str(scratch)),
        (Change.deleted, str(scratch)),
        (Change.added, str(tmp_path / "content" / "people" / ".jane.yaml.tmp")),
        (Change.deleted, str(tmp_path / "content" / "people" / ".jane.yaml.tmp")),
        (Change.modified, str(person)),
        (Change.deleted, str(tmp_path / "content" / "people" / "gone.yaml")),
        (Change.modified, str(tmp_path / "elsewhere.yaml")),
    }
    assert watcher.relevant(changes, folders) == {
        person, tmp_path / "content" / "people" / "gone.yaml",
    }


def test_a_site_in_a_hidden_folder_is_still_watched(tmp_path):
    root = tmp_path / ".drafts" / "story"
    watcher = watcher_for(root)
    person = root.resolve() / "content" / "people" / "jane.yaml"
    assert watcher.relevant({(Change.modified, str(person))}, watcher.folders()) == {person}


def test_output_inside_the_content_folder_is_ignored(tmp_path):
    watcher = watcher_for(tmp_path, out=tmp_path / "content" / "_site")
    page = (tmp_path / "content" / "_site" / "index.html").resolve()
    assert watcher.relevant({(Change.modified, str(page))}, watcher.folders()) == set()
