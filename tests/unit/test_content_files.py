"""Reading content: the rules of every read (`files`), the folder walk that reuses what an unchanged
file gave (`walk`), and what one file's text gives (`records`)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from explainer.content import files, loader
from explainer.content import walk as folder_walk
from explainer.content.files import FileCache, read_text
from explainer.content.loader import load_content
from explainer.content.records import load_document, load_list_file, load_record_file
from explainer.content.walk import FolderWalker
from explainer.core import prefetch as prefetching
from explainer.core.errors import Reporter


def messages(reporter: Reporter) -> list[str]:
    return [str(d) for d in reporter.diagnostics]


@pytest.fixture
def site(tmp_path: Path, monkeypatch) -> Path:
    root = tmp_path / "site"
    (root / "content" / "people").mkdir(parents=True)
    monkeypatch.chdir(root)  # paths in messages are shown from where the command runs
    return root


# files ------------------------------------------------------------------------------------------

def test_text_is_normalised(site):
    path = site / "content" / "site.yaml"
    path.write_bytes("\ufefftitle: Cafe\u0301\r\nlead: x\r".encode())
    reporter = Reporter(site)
    assert read_text(path, site, reporter) == "title: Caf\u00e9\nlead: x\n"
    assert reporter.diagnostics == []


def test_reads_that_are_refused(site, tmp_path, monkeypatch):
    content = site / "content"
    (tmp_path / "outside.yaml").write_text("name: X\n")
    (content / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    (content / "latin1.yaml").write_bytes(b"name: A\nsummary: caf\xe9\n")
    (content / "nul.yaml").write_bytes(b"name: A\n\nx\x00\n")
    (content / "big.yaml").write_text("x" * 11)
    reporter = Reporter(site)
    for name in ("link.yaml", "latin1.yaml", "nul.yaml"):
        assert read_text(content / name, site, reporter) is None
    assert read_text(content / "big.yaml", site, reporter) == "x" * 11
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 10)
    assert read_text(content / "big.yaml", site, reporter) is None
    assert messages(reporter) == [
        "content/big.yaml:1: error: file is 11 bytes; the limit is 10 bytes",
        "content/latin1.yaml:2: error: file is not valid UTF-8 text",
        "content/link.yaml:1: error: refusing to read a link that points outside the site: link.yaml",
        "content/nul.yaml:3: error: file contains a NUL character",
    ]


# walk -------------------------------------------------------------------------------------------

def walk(site: Path, cache: FileCache, reads: list[str]) -> tuple[list, Reporter]:
    reporter = Reporter(site)
    walker = FolderWalker(site, reporter, cache)

    def read(path: Path, into: Reporter) -> list:
        reads.append(path.name)
        into.warning(path, 1, "seen")
        return [path.read_text()]

    items = walker.scan_folder(site / "content" / "people", (".yaml",), "ignored", read)
    walker.finish()
    return items, reporter


def test_the_walk_reads_only_what_changed(site):
    people = site / "content" / "people"
    for name in ("b.yaml", "a.yaml"):
        (people / name).write_text(name)
    (people / "notes.txt").write_text("")
    (people / ".hidden.yaml").write_text("")
    cache = FileCache()
    reads: list[str] = []
    items, reporter = walk(site, cache, reads)
    assert items == ["a.yaml", "b.yaml"] and reads == ["a.yaml", "b.yaml"]
    expected = [
        "content/people/a.yaml:1: warning: seen",
        "content/people/b.yaml:1: warning: seen",
        "content/people/notes.txt:1: warning: ignored",
    ]
    assert messages(reporter) == expected

    cache.note_changes([])  # the watcher saw nothing: the folder is not looked at again
    reads.clear()
    items, reporter = walk(site, cache, reads)
    assert items == ["a.yaml", "b.yaml"] and reads == [] and messages(reporter) == expected

    (people / "b.yaml").write_text("edited")
    cache.note_changes([people.resolve() / "b.yaml"])
    items, reporter = walk(site, cache, reads)
    assert items == ["a.yaml", "edited"] and reads == ["b.yaml"] and messages(reporter) == expected


def test_without_known_changes_every_stamp_is_looked_at(site):
    people = site / "content" / "people"
    (people / "a.yaml").write_text("a")
    cache = FileCache()
    reads: list[str] = []
    walk(site, cache, reads)
    (people / "a.yaml").write_text("a, edited")
    cache.note_changes(None)
    items, _ = walk(site, cache, reads)
    assert items == ["a, edited"] and reads == ["a.yaml", "a.yaml"]


def renew(path: Path) -> None:
    """Put the same bytes in a new file in `path`'s place, a minute later: a fresh checkout's file."""
    stamp = path.stat().st_mtime_ns + 60 * 10**9
    fresh = path.with_name(path.name + ".new")
    fresh.write_bytes(path.read_bytes())
    os.utime(fresh, ns=(stamp, stamp))
    os.replace(fresh, path)


def test_a_file_with_a_new_stamp_and_the_same_bytes_is_not_read_again(site, monkeypatch):
    people = site / "content" / "people"
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (people / name).write_text(f"{name}: some text")
    (people / "linked.yaml").symlink_to(people / "a.yaml")
    cache = FileCache()
    reads: list[str] = []
    items, reporter = walk(site, cache, reads)
    expected = [f"content/people/{name}:1: warning: seen" for name in ("a.yaml", "b.yaml", "c.yaml", "linked.yaml")]
    assert messages(reporter) == expected
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        renew(people / name)
    (people / "c.yaml").write_text("c.yaml: same size")  # the same length, other bytes
    key = os.fspath(people / "b.yaml")
    before, stamp_before = cache.files[key], cache.stamps[key]
    cache.note_changes(None)
    reads.clear()
    items, reporter = walk(site, cache, reads)
    # a.yaml and b.yaml are kept; c.yaml changed; a link is read again whenever what it points
    # to has a new stamp (reading it may refuse where it points, whatever its bytes)
    assert reads == ["c.yaml", "linked.yaml"]
    assert items == ["a.yaml: some text", "b.yaml: some text", "c.yaml: same size", "a.yaml: some text"]
    assert messages(reporter) == expected
    assert cache.stamps[key] == files.file_stamp(os.stat(key)) != stamp_before
    assert cache.files[key] is before
    digested: list[str] = []
    monkeypatch.setattr(folder_walk, "bytes_digest", lambda path: digested.append(path) or files.bytes_digest(path))
    reads.clear()
    walk(site, cache, reads)  # the new stamps were kept: nothing is read, nor digested, again
    assert reads == [] and digested == []


def test_many_edited_files_are_asked_of_the_disk_first(site, monkeypatch):
    people = site / "content" / "people"
    for number in range(6):
        (people / f"p{number}.yaml").write_text(f"person {number}")
    cache = FileCache()
    walk(site, cache, [])
    asked: list[list[str]] = []
    real = folder_walk.prefetch

    @contextlib.contextmanager
    def prefetch(paths):
        with real(paths) as pid:
            asked.append(list(paths))
            yield pid

    monkeypatch.setattr(folder_walk, "prefetch", prefetch)
    monkeypatch.setattr(folder_walk, "PREFETCH_EDITED", 3)
    changed = [people / f"p{number}.yaml" for number in (1, 2, 4)]
    for path in changed:
        renew(path)
    cache.note_changes([path.resolve() for path in changed])
    reads: list[str] = []
    items, _ = walk(site, cache, reads)
    assert asked == [[str(path) for path in changed]]  # (not read: the same bytes)
    assert reads == [] and items == [f"person {number}" for number in range(6)]
    renew(people / "p0.yaml")
    renew(people / "p5.yaml")
    cache.note_changes([(people / "p0.yaml").resolve(), (people / "p5.yaml").resolve()])
    walk(site, cache, reads)
    assert len(asked) == 1  # two: fewer than pay for the asking


def read_ahead_site(site: Path, people: int) -> None:
    content = site / "content"
    (content / "site.yaml").write_text("title: Test\n")
    for number in range(people):
        (content / "people" / f"p{number:02}.yaml").write_text(f"name: Person {number}\nsummary: Number {number}.\n")
    (content / "people" / "p03.yaml").write_text("id: someone-else\nname: Person 3\n")
    (content / "people" / "p04.yaml").write_text("\n")
    (content / "people" / "p05.yaml").write_text("name: [unclosed\n")
    (content / "people" / "p01.es.yaml").write_text("summary: Número 1.\n")
    (content / "people" / "notes.txt").write_text("")
    (content / "people" / ".hidden.yaml").write_text("name: Hidden\n")
    (content / "people" / "linked.yaml").symlink_to(content / "people" / "p00.yaml")
    (content / "articles").mkdir()
    (content / "articles" / "lease.md").write_text("---\ntitle: The lease\n---\nBody.\n")
    (content / "articles" / "bare.md").write_text("Just text.\n")


@pytest.fixture
def readers_seen(tmp_path, monkeypatch) -> Path:
    """A file listing the process that read each record file, one line a read."""
    seen = tmp_path / "reads.txt"
    real = loader.load_record_file

    def load_record_file(collection, path, root, reporter):
        with open(seen, "a") as handle:
            handle.write(f"{os.getpid()} {path.name}\n")
        return real(collection, path, root, reporter)

    monkeypatch.setattr(loader, "load_record_file", load_record_file)
    return seen


def load_in_turn_and_ahead(site: Path, seen: Path) -> list[tuple[str, ...]]:
    """Load the site in one process, then with two workers: the same content and messages;
    which process read each record file the second time."""
    loaded = []
    for workers in (1, 2):
        seen.write_text("")
        reporter = Reporter(site)
        content = load_content(site, site / "content", reporter, FileCache(), workers)
        loaded.append((content.records, content.documents, content.translations, messages(reporter)))
    assert loaded[1] == loaded[0]
    assert loaded[0][3] == [
        "content/articles/bare.md:1: error: missing front matter: start the file with '---', a 'title:' line and '---'",
        "content/people/notes.txt:1: warning: ignored: only .yaml files belong here",
        "content/people/p03.yaml:1: error: id 'someone-else' does not match the file name 'p03'",
        "content/people/p04.yaml:1: error: file is empty",
        "content/people/p05.yaml:2: error: invalid YAML: did not find expected ',' or ']'",
    ]
    return [tuple(line.split()) for line in seen.read_text().splitlines()]


def test_files_the_cache_has_nothing_of_are_read_ahead_by_workers(site, readers_seen, monkeypatch):
    read_ahead_site(site, 40)
    monkeypatch.setattr(folder_walk, "READ_AHEAD", 10)
    reads = load_in_turn_and_ahead(site, readers_seen)
    expected = sorted(f"p{number:02}.yaml" for number in range(40))
    # Every record file once, none by this process; the link, which points inside the site, by
    # the walk (in this process), which checks where it points.
    assert sorted(name for pid, name in reads if int(pid) != os.getpid()) == expected
    assert [name for pid, name in reads if int(pid) == os.getpid()] == ["linked.yaml"]


def test_the_files_read_ahead_are_asked_of_the_disk_first_and_the_asking_child_is_gone_after(site, monkeypatch):
    read_ahead_site(site, 40)
    monkeypatch.setattr(folder_walk, "READ_AHEAD", 10)
    asked: list[tuple[list[str], int | None]] = []
    real = folder_walk.prefetch

    @contextlib.contextmanager
    def prefetch(paths):
        with real(paths) as pid:
            asked.append((list(paths), pid))
            yield pid

    monkeypatch.setattr(folder_walk, "prefetch", prefetch)
    load_content(site, site / "content", Reporter(site), FileCache(), 2)
    content = str(site / "content")
    # What the workers read, in their order: not the link, the hidden file or the text file.
    assert [(paths, pid is not None) for paths, pid in asked] == [(
        [f"{content}/articles/{name}" for name in ("bare.md", "lease.md")]
        + [f"{content}/people/{name}" for name in ("p00.yaml", "p01.es.yaml", "p01.yaml")]
        + [f"{content}/people/p{number:02}.yaml" for number in range(2, 40)],
        prefetching.ENABLED,
    )]
    if asked[0][1] is not None:
        with pytest.raises(ChildProcessError):
            os.waitpid(asked[0][1], os.WNOHANG)


def test_fewer_files_than_pay_for_workers_are_read_in_turn(site, readers_seen, monkeypatch):
    read_ahead_site(site, 5)  # 9 files to read: 6 people, a translation, 2 articles
    monkeypatch.setattr(folder_walk, "READ_AHEAD", 10)
    reads = load_in_turn_and_ahead(site, readers_seen)
    assert {int(pid) for pid, _ in reads} == {os.getpid()}
    assert sorted(name for _, name in reads) == ["linked.yaml", *(f"p{number:02}.yaml" for number in range(6))]


def test_a_cached_load_reads_what_changed_in_turn(site, readers_seen, monkeypatch):
    read_ahead_site(site, 40)
    monkeypatch.setattr(folder_walk, "READ_AHEAD", 1)
    cache = FileCache()
    load_content(site, site / "content", Reporter(site), cache, 2)
    readers_seen.write_text("")
    (site / "content" / "people" / "p07.yaml").write_text("name: Person 7\nsummary: Edited.\n")
    (site / "content" / "people" / "p40.yaml").write_text("name: Person 40\n")
    cache.note_changes(None)  # (no watcher: every stamp is looked at)
    content = load_content(site, site / "content", Reporter(site), cache, 2)
    assert [tuple(line.split()) for line in readers_seen.read_text().splitlines()] == [
        (str(os.getpid()), "p07.yaml"), (str(os.getpid()), "p40.yaml"),
    ]
    assert [r.summary.text for r in content.records if r.id == "p07"] == ["Edited."]


# records ----------------------------------------------------------------------------------------

def test_a_list_file_gives_each_record_its_line_and_digest(site):
    path = site / "content" / "people.yaml"
    path.write_text("- id: ana\n  name: Ana\n- name: Nobody\n- id: ben\n  name: Ben\n- 3\n")
    reporter = Reporter(site)
    records = load_list_file("people", path, site, reporter)
    assert [(r.id, r.line) for r in records] == [("ana", 1), ("ben", 4)]
    assert records[0].digest != records[1].digest
    assert messages(reporter) == [
        "content/people.yaml:3: error: missing required field 'id'",
        "content/people.yaml:6: error: each item must be a mapping of fields with an 'id'",
    ]


def test_a_record_file_takes_its_id_from_its_name(site):
    people = site / "content" / "people"
    (people / "ana.yaml").write_text("name: Ana\n")
    (people / "ben.yaml").write_text("id: bob\nname: Ben\n")
    (people / "empty.yaml").write_text("\n")
    (people / "list.yaml").write_text("- Ana\n")
    reporter = Reporter(site)
    [ana] = load_record_file("people", people / "ana.yaml", site, reporter)
    assert (ana.id, ana.name) == ("ana", "Ana")
    for name in ("ben.yaml", "empty.yaml", "list.yaml"):
        assert load_record_file("people", people / name, site, reporter) == []
    assert messages(reporter) == [
        "content/people/ben.yaml:1: error: id 'bob' does not match the file name 'ben'",
        "content/people/empty.yaml:1: error: file is empty",
        "content/people/list.yaml:1: error: a record file must be a mapping of fields",
    ]


def test_a_document_needs_front_matter_with_a_title(site):
    articles = site / "content" / "articles"
    articles.mkdir()
    (articles / "lease.md").write_text("---\ntitle: The lease\n---\nBody *text*.\n")
    (articles / "bare.md").write_text("Just text.\n")
    reporter = Reporter(site)
    [lease] = load_document("articles", articles / "lease.md", site, reporter)
    assert (lease.title, lease.body.text, lease.body.line) == ("The lease", "Body *text*.\n", 4)
    assert load_document("articles", articles / "bare.md", site, reporter) == []
    assert messages(reporter) == [
        "content/articles/bare.md:1: error: missing front matter: start the file with '---', "
        "a 'title:' line and '---'",
    ]
