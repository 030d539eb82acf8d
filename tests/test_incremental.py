"""Incremental and cached builds give exactly the bytes of a clean build, and redo only what changed
(explainer.build.incremental: the keys pages read and how two builds' snapshots differ)."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from conftest import REPO

from explainer.build.command import build_site
from explainer.content import files
from explainer.core.options import BuildOptions
from explainer.preview.builder import SiteBuilder
from explainer.produce.previews import shard_of
from explainer.site import urls


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def clean_build(root: Path, out: Path) -> dict[str, bytes]:
    if out.exists():
        shutil.rmtree(out)
    build_site(BuildOptions(root / "content", out, workers=1), use_cache=False)
    return tree(out)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A copy of the default explainer to edit."""
    root = tmp_path / "story"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "seeds", root / "seeds")
    return root


def record_compiles(monkeypatch) -> list[str | None]:
    """The name of every template Jinja compiles from now on, in order."""
    compiled: list[str | None] = []
    compile_template = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment, "compile",
        lambda env, source, name=None, *a, **k: compiled.append(name) or compile_template(env, source, name, *a, **k),
    )
    return compiled


def musk_shard(story: Path) -> str:
    """The previews shard that holds Elon Musk's preview."""
    shards = json.loads((story / "site/previews/index.json").read_text())["shards"]
    return urls.preview_shard(shard_of("elon-musk", shards), shards)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = [
    ("content/people/elon-musk.yaml", "summary: >-", "summary: >-\n  Newly edited."),
    ("content/people/tammy-bruce.yaml", "name: Tammy Bruce", "name: Tammy K. Bruce"),
    ("content/places/venezuela.yaml", "name: Venezuela", "name: Bolivarian Republic of Venezuela"),
    ("content/pages/open-questions.md", "title: Open questions", "title: Questions still open"),
    ("content/events.yaml", "date: 2023", "date: 2023-06"),
    ("content/quotes/musk-great-idea.yaml", "date: 2025-02-03", "date: 2025-02"),
    ("content/agreements.yaml", "status: concluded", "status: in-force"),
    # editorial order: the main agreement loses its `order`, so the lead article's order decides the
    # home page, the agreements index and the same-day timeline
    ("content/agreements.yaml", "  order: 1\n", ""),
    # the lead article no longer quotes Rubio's first words: that quote moves to the end everywhere
    ("content/articles/el-salvador-offers-to-jail-us-prisoners.md", "“dangerous American criminals”",
     "dangerous criminals"),
    # a sort name moves Musk to the end of the people index
    ("content/people/elon-musk.yaml", "name: Elon Musk", "name: Elon Musk\nsort_name: Zz, Elon"),
    # moves the term from last to first in A–Z order: both old and new neighbours change
    ("content/glossary/waiver.yaml", "term: waiver", "term: amnesty waiver"),
    # the source's text: its page, and the sentence numbers of every mark that cites it
    ("seeds/2025-02-03-el-salvador-offers-to-jail-us-prisoners.txt",
     "Any attempt by the Trump administration", "Any attempt by the administration"),
    # a citation's passage: the event's mark on the timeline, and what the source page lists
    ("content/events.yaml", "        Bukele confirmed the offer in a social media post\n",
     "        Bukele confirmed the offer in a social media post, saying El Salvador had offered\n"),
    # an agreement moves from one event to another, and a quote leaves its event: the events'
    # entries change, and the quote becomes an entry of its own
    ("content/agreements.yaml", "event: bruce-statement  # the report has it from Bruce's statement\n  parties",
     "event: signing-ceremony\n  parties"),
    ("content/quotes/musk-great-idea.yaml", "event: musk-endorsement\n", ""),
]


def split_lists(story: Path, lists: str) -> None:
    """With `lists` "paged", three entries a list page: the timeline, the indexes, the glossary
    and the quotes are split into pages, and an edit can move entries from page to page."""
    if lists == "paged":
        site_yaml = story / "content/site.yaml"
        site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "page_size: 3\n", encoding="utf-8")


@pytest.mark.parametrize("lists", ["whole", "paged"])
def test_preview_rebuilds_match_clean_builds_after_every_edit(story, tmp_path, lists):
    split_lists(story, lists)
    builder = SiteBuilder(BuildOptions(story / "content", story / "site", workers=1))
    assert builder.build().ok
    for path, old, new in EDITS:
        edit(story / path, old, new)
        report = builder.rebuild()
        assert report.ok, report.errors
        assert tree(story / "site") == clean_build(story, tmp_path / "clean"), path
        assert len(report.rendered) < report.pages, f"{path}: every page was rendered"


@pytest.mark.parametrize("lists", ["whole", "paged"])
def test_cached_cli_builds_match_clean_builds_after_random_edits(story, tmp_path, lists):
    split_lists(story, lists)
    rng = random.Random(7)
    options = BuildOptions(story / "content", story / "site", workers=1)
    build_site(options)
    for path, old, new in rng.sample(EDITS, len(EDITS)):
        edit(story / path, old, new)
        result = build_site(options)
        assert tree(story / "site") == clean_build(story, tmp_path / "clean"), path
        assert result.rendered < result.pages


def test_a_no_change_build_renders_and_writes_nothing(story):
    options = BuildOptions(story / "content", story / "site", workers=1)
    first = build_site(options)
    again = build_site(options)
    assert (again.rendered, again.written, again.pages, again.files) == (0, 0, first.pages, first.files)


def test_a_no_change_build_imports_none_of_the_stages(story):
    """`build.py` on a site whose input and output are as the last build left them answers from
    the cache's header (explainer.build.cache_header) without importing the stages, the
    renderer, every kind of record or the libraries they use: the header's settings are
    explainer.content.settings, and the command line names the failures it reports
    (explainer.core.failures) without the renderer. Once something changes, the stages run."""
    command = [sys.executable, str(REPO / "build.py"), "build", "--no-search",
               "--content", str(story / "content"), "--out", str(story / "site")]
    first = subprocess.run(command, capture_output=True, text=True, check=True)
    heavy = ["explainer.build.pipeline", "explainer.content.model", "explainer.render.renderer",
             "explainer.markup.renderer", "babel", "jinja2", "markdown", "yaml"]
    probe = (
        "import sys\n"
        "from explainer.cli import main\n"
        f"status = main({command[2:]!r})\n"
        f"print(sorted(name for name in {heavy!r} if name in sys.modules), file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    again = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO)
    assert (again.returncode, again.stderr) == (0, "[]\n")
    assert again.stdout.splitlines()[0].split(" in ")[0] == first.stdout.splitlines()[0].split(" in ")[0]
    edit(story / "content/people/elon-musk.yaml", "summary: >-", "summary: >-\n  Newly edited.")
    changed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO)
    assert (changed.returncode, changed.stderr) == (0, f"{sorted(heavy)!r}\n")


def test_a_damaged_site_is_rebuilt_even_when_the_input_is_unchanged(story, tmp_path):
    options = BuildOptions(story / "content", story / "site", workers=1)
    first = build_site(options)
    (story / "site/people/elon-musk/index.html").unlink()
    (story / "site/index.html").write_text("tampered")
    result = build_site(options)
    assert result.rendered == first.rendered
    assert tree(story / "site") == clean_build(story, tmp_path / "clean")


def test_a_damaged_site_is_rebuilt_whole_by_an_edit_and_its_files_are_checked_once(
    story, tmp_path, untouched_askers,
):
    # The files the last build wrote are checked by a child process from the moment the cache's
    # header is read; the build that goes on to write the site takes that answer, never asking again.
    options = BuildOptions(story / "content", story / "site", workers=1)
    build_site(options)
    (story / "site/institutions/index.html").write_text("tampered")
    edit(story / "content/people/elon-musk.yaml", "summary: >-", "summary: >-\n  Newly edited.")
    result = build_site(options)
    assert len(untouched_askers()) == 1 and untouched_askers()[0] != os.getpid()
    assert "institutions/index.html" in result.made[0].rendered
    assert tree(story / "site") == clean_build(story, tmp_path / "clean")


def test_touching_files_without_changing_them_is_no_change(story):
    options = BuildOptions(story / "content", story / "site", workers=1)
    build_site(options)
    for path in (story / "content/people").iterdir():
        path.write_bytes(path.read_bytes())
    assert build_site(options).rendered == 0


def test_an_edit_that_keeps_the_file_size_is_a_change(story, tmp_path):
    # The no-change check looks at each file's stamp (modification time, size, inode), not its
    # bytes: an edit of the same length must still be seen, by the check and by the file cache.
    options = BuildOptions(story / "content", story / "site", workers=1)
    build_site(options)
    path = story / "content/people/elon-musk.yaml"
    size = path.stat().st_size
    edit(path, "name: Elon Musk", "name: Elon Mask")
    assert path.stat().st_size == size
    assert build_site(options).rendered > 0
    assert "Elon Mask" in (story / "site/people/elon-musk/index.html").read_text(encoding="utf-8")
    assert tree(story / "site") == clean_build(story, tmp_path / "clean")


def test_a_summary_edit_renders_the_record_and_the_pages_that_show_it(story):
    builder = SiteBuilder(BuildOptions(story / "content", story / "site", workers=1))
    builder.build()
    edit(story / "content/people/elon-musk.yaml", "summary: >-", "summary: >-\n  Newly edited.")
    report = builder.rebuild()
    # the previews shard that holds Musk has the summary's first sentence for hover previews
    assert report.written == [
        "index.html", "people/elon-musk/index.html", "people/index.html", musk_shard(story),
    ]
    assert "people/elon-musk/index.html" in report.rendered
    assert "timeline/index.html" not in report.rendered  # it shows Musk's name, not his summary


def test_a_template_change_renders_every_page(story, tmp_path):
    builder = SiteBuilder(BuildOptions(story / "content", story / "site", workers=1))
    first = builder.build()
    (story / "templates").mkdir()
    footer = (REPO / "templates/404.html").read_text().replace("Page not found", "Nothing here")
    (story / "templates/404.html").write_text(footer)
    report = builder.rebuild()
    assert sorted(report.rendered) == sorted(first.rendered)
    assert report.written == ["404.html", "es/404.html"]  # the story is in English and Spanish


def test_a_new_first_glossary_term_renders_the_pages_whose_neighbours_changed(story, tmp_path):
    builder = SiteBuilder(BuildOptions(story / "content", story / "site", workers=1))
    builder.build()
    (story / "content/glossary/aardvark-clause.yaml").write_text(
        "term: aardvark clause\ndefinition: A clause named only to sort first.\n", encoding="utf-8")
    report = builder.rebuild()
    assert report.ok, report.errors
    assert tree(story / "site") == clean_build(story, tmp_path / "clean")
    # the term that was first now has a "previous" link
    assert "glossary/civil-nuclear-cooperation/index.html" in report.rendered
    assert "people/elon-musk/index.html" not in report.rendered


@pytest.mark.parametrize("lists", ["whole", "paged"])
def test_preview_rebuilds_told_what_changed_match_clean_builds(story, tmp_path, lists):
    """The preview server passes the changed paths: only they are read again, and the model is
    patched from the last one when the entities are the same. Every step is checked against a
    clean build, including steps that fail and the fixes after them."""
    split_lists(story, lists)
    builder = SiteBuilder(BuildOptions(story / "content", story / "site", workers=1))
    assert builder.build().ok
    content = story / "content"
    musk = content / "people/elon-musk.yaml"
    seed = story / "seeds/2025-02-03-el-salvador-offers-to-jail-us-prisoners.txt"
    newcomer = content / "people/ana-gomez.yaml"
    renamed = content / "people/ana-gomez-ruiz.yaml"
    steps = [
        # (what to do, the paths it touches, whether the build succeeds)
        (lambda: edit(musk, "summary: >-", "summary: >-\n  Newly edited."), [musk], True),
        (lambda: edit(musk, "  - Musk\n", "  - Musk\n  - The Tesla chief\n"), [musk], True),  # an alias
        (lambda: edit(content / "quotes/musk-great-idea.yaml", "date: 2025-02-03", "date: 2025-02"),
         [content / "quotes/musk-great-idea.yaml"], True),
        (lambda: edit(content / "glossary/mega-prison.yaml", "A very large prison.", "A huge prison."),
         [content / "glossary/mega-prison.yaml"], True),
        (lambda: edit(content / "articles/el-salvador-offers-to-jail-us-prisoners.md",
                      "Any attempt by the Trump administration", "Any attempt by Elon Musk"),
         [content / "articles/el-salvador-offers-to-jail-us-prisoners.md"], True),
        (lambda: edit(content / "events.yaml", "date: 2023", "date: 2023-06"), [content / "events.yaml"], True),
        (lambda: newcomer.write_text("name: Ana Gómez\nsummary: Met [[elon-musk]].\n"), [newcomer], True),
        (lambda: newcomer.rename(renamed), [newcomer, renamed], True),
        (lambda: edit(musk, "related: [", "related: [no-such-record, "), [musk], False),
        (lambda: edit(renamed, "Met [[elon-musk]].", "Met [[elon-musk]] twice."), [renamed], False),
        (lambda: edit(musk, "related: [no-such-record, ", "related: ["), [musk], True),
        (lambda: renamed.unlink(), [renamed], True),
        (lambda: edit(musk, "Newly edited.", "Edited again."), [musk], True),
        (lambda: edit(seed, "Any attempt by the Trump administration", "Any attempt by the administration"),
         [seed], True),
        (lambda: edit(content / "institutions/cecot.yaml", 'passage: "that opened in 2023"',
                      'passage: "opened in 2023"'), [content / "institutions/cecot.yaml"], True),
        (lambda: edit(musk, "summary: >-", "corrections:\n  - {date: 2025-02-05, text: A fix.}\nsummary: >-"),
         [musk], True),
    ]
    for number, (change, paths, ok) in enumerate(steps):
        change()
        report = builder.rebuild(changed={p.resolve() for p in paths})
        assert report.ok == ok, (number, report.errors)
        if ok:
            assert tree(story / "site") == clean_build(story, tmp_path / "clean"), number
    (story / "templates").mkdir()
    footer = (REPO / "templates/404.html").read_text().replace("Page not found", "Nothing here")
    (story / "templates/404.html").write_text(footer)
    report = builder.rebuild(changed={(story / "templates/404.html").resolve(), (story / "templates").resolve()})
    assert report.ok and tree(story / "site") == clean_build(story, tmp_path / "clean")


def test_a_one_record_edit_reads_one_file_and_patches_the_model(story, monkeypatch):
    builder = SiteBuilder(BuildOptions(story / "content", story / "site", workers=1))
    builder.build()
    musk = story / "content/people/elon-musk.yaml"
    edit(musk, "summary: >-", "summary: >-\n  Newly edited.")
    read: list[str] = []
    original = files.read_text
    monkeypatch.setattr(files, "read_text", lambda path, *a: read.append(path.name) or original(path, *a))
    report = builder.rebuild(changed={musk.resolve()})
    assert report.ok
    assert sorted(read) == ["elon-musk.yaml", "site.yaml"]
    assert builder.cache.memory.model.changed == ["elon-musk"]  # patched, not built whole
    assert musk_shard(story) in report.written


def test_a_cached_cli_build_reads_only_the_files_edited_since_the_last(story, monkeypatch):
    options = BuildOptions(story / "content", story / "site", workers=1, search=False)
    build_site(options)
    edit(story / "content/people/elon-musk.yaml", "summary: >-", "summary: >-\n  Newly edited.")
    read: list[str] = []
    original = files.read_text
    monkeypatch.setattr(files, "read_text", lambda path, *a: read.append(path.name) or original(path, *a))
    compiled = record_compiles(monkeypatch)
    built = build_site(options)  # a new `build.py`: what it knows of the last build is on disk
    assert sorted(read) == ["elon-musk.yaml", "site.yaml"]
    assert compiled == []  # the templates' code is kept too
    assert 0 < built.rendered < built.pages  # the edited record's page and what shows it


def test_a_fresh_checkout_with_one_edit_reads_only_the_edited_file(story, tmp_path, monkeypatch):
    # A CI job that restores the cache into a fresh checkout: every file has a new time and inode.
    options = BuildOptions(story / "content", story / "site", workers=1)
    build_site(options)
    for path in sorted((story / "content").rglob("*")) + sorted((story / "seeds").rglob("*")):
        if path.is_file():
            fresh = path.with_name(path.name + ".checkout")
            shutil.copyfile(path, fresh)
            os.replace(fresh, path)
    edit(story / "content/people/elon-musk.yaml", "summary: >-", "summary: >-\n  Newly edited.")
    read: list[str] = []
    original = files.read_text
    monkeypatch.setattr(files, "read_text", lambda path, *a: read.append(path.name) or original(path, *a))
    built = build_site(options)
    assert sorted(read) == ["elon-musk.yaml", "site.yaml"]
    assert 0 < built.rendered < built.pages
    assert tree(story / "site") == clean_build(story, tmp_path / "clean")


def restore_site(story: Path, tamper: str | None = None) -> None:
    """Put `site/` back as a CI job restores it from its cache into a new checkout: the same
    files with their times, in a new folder (which no manifest knows), without the spare; with
    `tamper`, that file's bytes changed and its time kept."""
    site = story / "site"
    restored = story / "restored"
    shutil.copytree(site, restored)  # (times kept, as a cache's archive keeps them)
    shutil.rmtree(site)
    shutil.rmtree(story / ".site.spare", ignore_errors=True)
    restored.rename(site)
    if tamper is not None:
        path = site / tamper
        times = path.stat()
        path.write_bytes(path.read_bytes().replace(b"</body>", b"<p>tampered</p></body>"))
        os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))


@pytest.mark.parametrize("tamper", [None, "people/marco-rubio/index.html"])
def test_a_site_restored_into_a_new_checkout_is_kept_when_its_files_are_the_last_build_s(story, tmp_path, tamper):
    rendered = []
    for restore in (False, True):
        root = tmp_path / f"restored-{restore}"
        shutil.copytree(story, root)
        options = BuildOptions(root / "content", root / "site", workers=1)
        build_site(options)
        if restore:
            restore_site(root, tamper)
        edit(root / "content/people/elon-musk.yaml", "summary: >-", "summary: >-\n  Newly edited.")
        built = build_site(options)
        rendered.append(sorted(built.made[0].rendered))
    if tamper is None:  # its pages kept: only what the edit changed is rendered, as in the same site
        assert rendered[1] == rendered[0] and 0 < len(rendered[0]) < built.pages // 4
    else:  # one file is not what the last build wrote: every page again, as a clean build renders them
        clean = build_site(BuildOptions(root / "content", tmp_path / "every-page", workers=1), use_cache=False)
        assert rendered[1] == sorted(clean.made[0].rendered)
    assert tree(root / "site") == clean_build(root, tmp_path / "clean")


def test_a_restored_site_s_pages_are_compared_by_a_child_and_its_times_from_then_on(
    story, tmp_path, untouched_askers, byte_askers,
):
    # Reading the pages is most of what keeping a restored site costs (3 GB at 100,000 records):
    # a child process does it while the build loads the site, and once the site is known, the
    # next build checks the pages' times, as for any site.
    options = BuildOptions(story / "content", story / "site", workers=1)
    build_site(options)
    restore_site(story)
    edit(story / "content/people/elon-musk.yaml", "summary: >-", "summary: >-\n  Newly edited.")
    built = build_site(options)
    assert 0 < built.rendered < built.pages // 4
    assert len(byte_askers()) == 1 and byte_askers()[0] != os.getpid()
    assert untouched_askers() == []
    edit(story / "content/people/elon-musk.yaml", "Newly edited.", "Edited again.")
    built = build_site(options)
    assert 0 < built.rendered < built.pages // 4
    assert len(byte_askers()) == 1
    assert len(untouched_askers()) == 1 and untouched_askers()[0] != os.getpid()
    assert tree(story / "site") == clean_build(story, tmp_path / "clean")


@pytest.mark.parametrize("tamper", [None, "people/marco-rubio/index.html"])
def test_a_restored_site_with_no_change_in_its_content_is_the_last_build_s(
    story, tmp_path, untouched_askers, byte_askers, tamper,
):
    # A CI job run for a commit that changed no content: the site restored with the cache is
    # the last build's, byte for byte, and nothing is built; one page changed, its time kept,
    # and the site is written again as a clean build writes it.
    options = BuildOptions(story / "content", story / "site", workers=1)
    first = build_site(options)
    restore_site(story, tamper)
    built = build_site(options)
    assert len(byte_askers()) == 1 and byte_askers()[0] != os.getpid()
    if tamper is None:
        assert (built.made, built.rendered, built.written, built.pages) == ((), 0, 0, first.pages)
        again = build_site(options)  # known now: its times are checked
        assert (again.made, again.rendered, len(byte_askers()), len(untouched_askers())) == ((), 0, 1, 1)
    else:
        assert built.made != () and built.rendered == first.rendered
    assert tree(story / "site") == clean_build(story, tmp_path / "clean")


@pytest.mark.parametrize("how", ["build.py", "preview"])
def test_a_site_in_two_languages_compiles_each_template_once(story, monkeypatch, how):
    compiled = record_compiles(monkeypatch)
    options = BuildOptions(story / "content", story / "site", workers=1, search=False)
    if how == "build.py":
        built = build_site(options)
        pages = built.pages
    else:
        report = SiteBuilder(options).build()
        assert report.ok, report.errors
        pages = report.pages
    assert (story / "site/es/index.html").is_file()  # (the Spanish edition was built)
    assert pages > 0 and "base.html" in compiled
    assert sorted(compiled) == sorted(set(compiled))  # the Spanish edition's pages took the same code


def test_the_home_page_is_rendered_only_when_what_it_shows_changes(story, tmp_path):
    builder = SiteBuilder(BuildOptions(story / "content", story / "site", workers=1))
    builder.build()
    edit(story / "content/places/venezuela.yaml", "summary: >-", "summary: >-\n  Newly edited.")
    report = builder.rebuild()
    assert "places/venezuela/index.html" in report.rendered
    assert "index.html" not in report.rendered  # places are not on the home page
    # a newer article becomes the lead story
    (story / "content/articles/follow-up.md").write_text(
        "---\ntitle: A follow-up\ndate: 2025-02-04\nsources: [report-2025-02-03]\n---\n\nMore on [[nayib-bukele]].\n",
        encoding="utf-8")
    report = builder.rebuild()
    assert report.ok, report.errors
    assert "index.html" in report.rendered
    assert tree(story / "site") == clean_build(story, tmp_path / "clean")


def test_an_edit_in_a_folder_keeps_what_was_said_about_its_other_entries(story, monkeypatch):
    monkeypatch.chdir(story)
    (story / "content/people/notes.txt").write_text("not a record\n", encoding="utf-8")
    builder = SiteBuilder(BuildOptions(story / "content", story / "site", workers=1))
    first = builder.build()
    ignored = [str(w) for w in first.warnings if "notes.txt" in w.path]
    assert ignored == ["content/people/notes.txt:1: warning: ignored: only .yaml files belong here"]
    musk = story / "content/people/elon-musk.yaml"
    edit(musk, "summary: >-", "summary: >-\n  Newly edited.")
    report = builder.rebuild(changed={musk.resolve()})
    assert report.ok
    assert [str(w) for w in report.warnings if "notes.txt" in w.path] == ignored
    # a new file in the folder is noticed even though the folder's other files are trusted
    newcomer = story / "content/people/ana-gomez.yaml"
    newcomer.write_text("name: Ana Gómez\nsummary: Met [[elon-musk]].\n", encoding="utf-8")
    report = builder.rebuild(changed={newcomer.resolve()})
    assert report.ok and "people/ana-gomez/index.html" in report.written


# Edits after which the whole-site checks (quotations no source has, dates that contradict) say
# something new or stop saying it, each with what it makes them say, or None for nothing new.
ARTICLE = "content/articles/el-salvador-offers-to-jail-us-prisoners.md"
SEED = "seeds/2025-02-03-el-salvador-offers-to-jail-us-prisoners.txt"
NOT_FOUND = 'quotation not found in the article\'s sources: "words added later"'
PROVENANCE_EDITS = [
    (ARTICLE, "jail cells,", "jail cells, “words added later”,", NOT_FOUND),
    (SEED, "Donald Trump about it.", "Donald Trump about it. Those were words added later.", None),  # found now
    ("content/institutions/cecot.yaml", "kind: prison\n", "kind: prison\nfounded: 2024\n",
     "this event (2023) is before 'cecot', one of its participants, was founded (2024)"),
    ("content/people/elon-musk.yaml", "summary: >-", "summary: >-\n  Newly edited.", None),
    ("content/institutions/cecot.yaml", "founded: 2024\n", "", None),
    (SEED, " Those were words added later.", "", NOT_FOUND),
    (ARTICLE, " “words added later”,", "", None),
]


def test_cached_cli_builds_warn_as_clean_builds_do(story, tmp_path):
    """A cached `build.py` checks again only the entities an edit can have made right or wrong,
    and says again what the last build said of the others (`BuildCache.said`)."""
    options = BuildOptions(story / "content", story / "site", workers=1)
    before = last = [str(w) for w in build_site(options).warnings]
    for path, old, new, said in PROVENANCE_EDITS:
        edit(story / path, old, new)
        cached = [str(w) for w in build_site(options).warnings]
        clean = build_site(BuildOptions(story / "content", tmp_path / "clean", workers=1), use_cache=False)
        assert cached == [str(w) for w in clean.warnings], path
        assert [w.partition(" warning: ")[2] for w in cached if w not in last] == ([said] if said else []), path
        last = cached
    assert cached == before


def test_corrections_added_and_taken_down_give_what_a_clean_build_gives(story, tmp_path):
    """The first correction adds /corrections/, corrections.json and a footer link on every page;
    taking it down again (with a warning) removes them."""
    options = BuildOptions(story / "content", story / "site", workers=1)
    builder = SiteBuilder(options)
    assert builder.build().ok
    musk = story / "content/people/elon-musk.yaml"
    edit(musk, "summary: >-", "corrections:\n  - date: 2025-02-05\n    text: A fix.\nsummary: >-")
    report = builder.rebuild()
    assert report.ok, report.errors
    assert tree(story / "site") == clean_build(story, tmp_path / "clean")
    assert "corrections/index.html" in report.written and "corrections.json" in report.written
    edit(musk, "    text: A fix.\n", "    text: A better fix.\n")
    result = build_site(options)  # the CLI's cached build: only the pages that show it
    assert tree(story / "site") == clean_build(story, tmp_path / "clean")
    assert result.rendered < result.pages
    assert [w.message.split(";")[0] for w in result.warnings] == [
        "correction of 2025-02-05 on /people/elon-musk/ was removed"]
    edit(musk, "corrections:\n  - date: 2025-02-05\n    text: A better fix.\n", "")
    report = builder.rebuild()
    assert report.ok, report.errors
    assert tree(story / "site") == clean_build(story, tmp_path / "clean")
    assert not (story / "site/corrections.json").exists()


# Edits to a two-language site (tests/sites/bilingual): originals, translations in both forms,
# a translation added where one was missing, and one taken away.
BILINGUAL_EDITS = [
    ("content/people/ana-nunez.es.yaml", "summary: Presidenta", "summary: La presidenta"),
    ("content/people/ana-nunez.yaml", "summary: Chair", "summary: The chair"),
    ("content/events.yaml", "title: El consejo vota", "title: El consejo aprueba"),
    ("content/events.yaml", "  title: Nordlys welcomes the lease\n",
     "  title: Nordlys welcomes the lease\n  translations:\n    es: {title: Nordlys celebra el arrendamiento}\n"),
    ("content/glossary/lease.es.yaml", "term: arrendamiento", "term: alquiler"),
    ("content/articles/lease-agreed.es.md", "dek: El consejo", "dek: Hoy el consejo"),
    ("content/places/port-alba.es.yaml", "kind: pueblo\n", ""),
    ("content/site.es.yaml", "title: El arrendamiento", "title: El alquiler"),
]


@pytest.fixture(scope="module")
def bilingual_clean_trees(tmp_path_factory) -> list[dict[str, bytes]]:
    """What a clean build writes after each of BILINGUAL_EDITS in turn (made once for both kinds)."""
    root = tmp_path_factory.mktemp("bilingual-clean") / "bilingual"
    shutil.copytree(REPO / "tests/sites/bilingual", root)
    trees = []
    for path, old, new in BILINGUAL_EDITS:
        edit(root / path, old, new)
        trees.append(clean_build(root, root.parent / "clean"))
    return trees


@pytest.mark.parametrize("kind", ["preview", "cached"])
def test_two_language_incremental_builds_match_clean_builds(tmp_path, kind, bilingual_clean_trees):
    root = tmp_path / "bilingual"
    shutil.copytree(REPO / "tests/sites/bilingual", root)
    options = BuildOptions(root / "content", root / "site", workers=1)
    builder = SiteBuilder(options)
    if kind == "preview":
        assert builder.build().ok
    else:
        build_site(options)
    for (path, old, new), clean in zip(BILINGUAL_EDITS, bilingual_clean_trees, strict=True):
        edit(root / path, old, new)
        if kind == "preview":
            report = builder.rebuild()
            assert report.ok, report.errors
            rendered, pages = len(report.rendered), report.pages
        else:
            result = build_site(options)
            rendered, pages = result.rendered, result.pages
        assert tree(root / "site") == clean, path
        assert rendered < pages, f"{path}: every page was rendered"
