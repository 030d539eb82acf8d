"""The write stage: parallel rendering, the spare generation, and what a rebuild writes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from conftest import run_build, write_site

from explainer.build import plan
from explainer.build.command import build_site
from explainer.core.options import BuildOptions


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def many_records_site(root: Path, count: int) -> Path:
    spec = ["-- content/site.yaml --\ntitle: Many\n"]
    names = []
    for n in range(count):
        spec.append(f"-- content/people/person-{n}.yaml --\nname: Person {n}\nsummary: Knows [[person-{(n + 1) % count}]].\n")
        names.append(f"[[person-{n}]]")
    spec.append("-- content/articles/all.md --\n---\ntitle: Everyone\ndate: 2024\n---\n" + ", ".join(names) + ".\n")
    return write_site(root, "".join(spec))


@pytest.mark.parametrize("producers", ["after the pages", "alongside the pages"])
def test_parallel_build_is_byte_identical_to_single_process(tmp_path, monkeypatch, producers):
    root = many_records_site(tmp_path / "many", 450)
    ran = tmp_path / "producers-ran-in"
    ran.mkdir()
    run_producers = plan._run_producers

    def noted(*args):
        (ran / str(os.getpid())).touch()
        run_producers(*args)

    monkeypatch.setattr(plan, "_run_producers", noted)
    if producers == "alongside the pages":  # (as a clean build of 2,000 pages or more does)
        monkeypatch.setattr(plan, "PRODUCERS_ALONGSIDE", 400)
    alone = run_build("--content", str(root / "content"), "--out", str(tmp_path / "one"), "--jobs", "1")
    assert alone.code == 0 and [p.name for p in ran.iterdir()] == [str(os.getpid())]
    (ran / str(os.getpid())).unlink()
    shared = run_build("--content", str(root / "content"), "--out", str(tmp_path / "two"), "--jobs", "2")
    in_worker = [p.name for p in ran.iterdir()] != [str(os.getpid())]
    assert shared.code == 0 and len(list(ran.iterdir())) == 1 and in_worker == (producers == "alongside the pages")
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert len(one) > 450
    assert one == two
    assert shared.lines == alone.lines  # the warnings
    said = [line for line in shared.out.splitlines() if not line.startswith("built ")]
    assert said == [line for line in alone.out.splitlines() if not line.startswith("built ")]
    assert said == [  # the sitemap producer's note, from the worker that ran it
        "note: no sitemap.xml: the base URL has no host; set base_url to a full https:// address to get one"
        " (see docs/deploy.md)"
    ]


def options(root: Path) -> BuildOptions:
    return BuildOptions(root / "content", root / "site", workers=1)


def test_rebuild_writes_only_what_changed(full_site):
    first = build_site(options(full_site), use_cache=False)
    assert first.written == first.files
    second = build_site(options(full_site), use_cache=False)
    assert second.written == second.files  # there was no spare generation yet
    third = build_site(options(full_site), use_cache=False)
    # The spare generation holds the build before last: nothing differs from it.
    assert third.written == 0
    page = full_site / "content/pages/about.md"
    page.write_text(page.read_text().replace("This explainer follows", "This explainer tracks"))
    # The page itself, the two agreements whose "Mentioned in" quotes its first sentence, and
    # the previews shard that holds that sentence as the page's one-line summary.
    assert build_site(options(full_site), use_cache=False).written == 4
    assert build_site(options(full_site), use_cache=False).written == 4  # the spare still had the old pages
    assert build_site(options(full_site), use_cache=False).written == 0
    assert "tracks" in (full_site / "site/pages/about/index.html").read_text()


def generations_match_their_manifests(root: Path) -> None:
    """Every file the live folder's and the spare's manifests name has the digest they give."""
    from explainer.output.writer import Generations, digest

    generations = Generations(root / "site")
    for folder in (root / "site", root / ".site.spare"):
        manifest = generations.manifest_of(folder)
        assert manifest is not None, folder
        files = tree(folder)
        assert manifest == {path: digest(files[path]) for path in manifest}, folder


def shared(root: Path) -> set[str]:
    """The live folder's files that are hard links to the spare's file of the same path."""
    live, spare = root / "site", root / ".site.spare"
    return {
        path for path in tree(live)
        if (spare / path).is_file() and os.stat(live / path).st_ino == os.stat(spare / path).st_ino
    }


@pytest.mark.parametrize("links", ["linked", "copied (no hard links on this disk)"])
def test_the_first_cached_build_takes_the_pages_it_keeps_with_their_digests(full_site, monkeypatch, links):
    from explainer.output.writer import Generations, SiteWriter, digest

    taken: list[str] = []
    take_from_live = SiteWriter.take_from_live

    def noted(writer: SiteWriter, relative: str, file_digest: str) -> None:
        taken.append(relative)
        take_from_live(writer, relative, file_digest)

    monkeypatch.setattr(SiteWriter, "take_from_live", noted)
    if links != "linked":
        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(1, "Operation not permitted")

        monkeypatch.setattr(os, "link", refuse)
    first = build_site(options(full_site))
    page = full_site / "content/pages/about.md"
    page.write_text(page.read_text().replace("This explainer follows", "This explainer tracks"))
    second = build_site(options(full_site))  # keeps the other pages: the spare had none of them
    assert second.rendered < first.rendered
    assert second.written == second.files
    live = full_site / "site"
    files, manifest = tree(live), Generations(live).live_manifest()
    assert manifest == {path: digest(files[path]) for path in manifest}
    assert sorted(set(files) - set(manifest)) == sorted(p for p in files if p.startswith("pagefind/"))
    assert "pages/about/index.html" not in taken and len(taken) > len(manifest) // 2
    # Each page kept is the live one's bytes: the very file, where the disk allows a second name.
    assert shared(full_site) == (set(taken) if links == "linked" else set())
    generations_match_their_manifests(full_site)
    page.write_text(page.read_text().replace("This explainer tracks", "This explainer watches"))
    third = build_site(options(full_site))
    assert third.written == 4  # what the edit changed; the pages taken were in the spare already
    assert "watches" in (live / "pages/about/index.html").read_text()
    generations_match_their_manifests(full_site)


def test_a_page_shared_with_the_live_site_is_replaced_in_the_spare_not_written_through(full_site):
    build_site(options(full_site))
    page = full_site / "content/pages/about.md"
    page.write_text(page.read_text().replace("This explainer follows", "This explainer tracks"))
    build_site(options(full_site))  # the spare is filled with links to the live pages it keeps
    article = "articles/lease-agreed/index.html"
    assert article in shared(full_site)
    before = (full_site / "site" / article).read_bytes()
    text = full_site / "content/articles/lease-agreed.md"
    text.write_text(text.read_text().replace("agreed to lease", "voted to lease"))
    build_site(options(full_site))
    assert b"voted to lease" in (full_site / "site" / article).read_bytes()
    # The page that was live until the swap is as that build wrote it, in the spare now.
    assert (full_site / ".site.spare" / article).read_bytes() == before
    generations_match_their_manifests(full_site)


def test_a_hand_edit_of_the_live_site_never_comes_back(full_site):
    build_site(options(full_site))
    page = full_site / "content/pages/about.md"
    page.write_text(page.read_text().replace("This explainer follows", "This explainer tracks"))
    build_site(options(full_site))
    made = tree(full_site / "site")
    article = full_site / "site/articles/lease-agreed/index.html"
    with open(article, "a") as handle:  # in place: the same file as the spare's, a hard link
        handle.write("<!-- edited by hand -->")
    build_site(options(full_site))  # the content is as it was; the site is not
    assert tree(full_site / "site") == made
    # Into the spare, the folder edited by hand, a build that keeps the article's page.
    page.write_text(page.read_text().replace("This explainer tracks", "This explainer watches"))
    build_site(options(full_site))
    assert "edited by hand" not in article.read_text()
    generations_match_their_manifests(full_site)
    page.write_text(page.read_text().replace("This explainer watches", "This explainer tracks"))
    build_site(options(full_site))
    assert tree(full_site / "site") == made
    generations_match_their_manifests(full_site)


def kill_the_build_filling_the_spare(manifest: Path) -> None:
    manifest.unlink()  # the spare was marked dirty (left out of the manifest) before it was written


def damage(manifest: Path) -> None:
    manifest.write_bytes(b"\x80\x05not a pickle")


@pytest.mark.parametrize("break_manifest", [kill_the_build_filling_the_spare, damage])
def test_a_spare_the_manifest_does_not_vouch_for_is_rewritten_in_full(full_site, break_manifest):
    build_site(options(full_site), use_cache=False)
    build_site(options(full_site), use_cache=False)
    clean = tree(full_site / "site")
    spare = full_site / ".site.spare"
    (spare / "index.html").write_text("half-written")
    (spare / "stray.html").write_text("left by a killed build")
    break_manifest(full_site / ".site.manifest")
    build_site(options(full_site), use_cache=False)
    assert tree(full_site / "site") == clean
    assert not (full_site / "site/stray.html").exists()
    build_site(options(full_site), use_cache=False)  # the spare again: the untrusted one's files
    assert tree(full_site / "site") == clean
    assert not (full_site / "site/stray.html").exists()


def test_output_never_leaves_the_output_folder(full_site):
    from explainer.output.writer import SiteWriter, UnsafePathError

    writer = SiteWriter(full_site / "out")
    for bad in ("../escape.html", "/etc/passwd", "a/../../b", "a\\b", ""):
        try:
            writer.write(bad, b"x")
        except UnsafePathError:
            continue
        raise AssertionError(f"{bad!r} was written")
    assert not (full_site / "escape.html").exists()


def test_a_link_planted_in_the_spare_is_not_followed_out_of_it(full_site, tmp_path):
    import pytest

    from explainer.output.writer import SiteWriter, UnsafePathError

    outside = tmp_path / "outside"
    outside.mkdir()
    spare = full_site / ".out.spare"
    spare.mkdir()
    (spare / "people").symlink_to(outside, target_is_directory=True)
    writer = SiteWriter(full_site / "out")
    with pytest.raises(UnsafePathError, match="refusing to write outside the output folder: 'people/a/index.html'"):
        writer.put("people/a/index.html", b"x")
    writer.put("places/a/index.html", b"x")  # a folder made by the writer itself
    assert (spare / "places/a/index.html").read_bytes() == b"x"
    assert list(outside.iterdir()) == []


def test_a_worker_that_dies_is_an_error_not_a_hang():
    import os
    import signal

    import pytest

    from explainer.core.parallel import WorkerDiedError, map_chunks

    def task(items):
        if 7 in items:
            os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
        return sum(items)

    assert sum(map_chunks(task, list(range(5)), workers=2, min_items=1)) == 10
    with pytest.raises(WorkerDiedError):
        map_chunks(task, list(range(1000)), workers=2, min_items=1)


def test_the_worker_processes_machinery_is_imported_only_when_a_build_forks():
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from explainer.core.parallel import map_chunks\n"
        "import explainer.cli, explainer.build.pipeline\n"
        "loaded = lambda: sorted(m for m in ('multiprocessing', 'concurrent.futures') if m in sys.modules)\n"
        "print(loaded(), map_chunks(sum, [1, 2, 3], workers=2), loaded())\n"
        "print(map_chunks(sum, list(range(10)), workers=2, min_items=1), loaded())\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert run.stdout.splitlines() == [
        "[] [6] []",  # few items: in this process, nothing imported
        "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9] ['concurrent.futures', 'multiprocessing']",  # a chunk each
    ]


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2 is Linux's")
def test_the_spare_and_the_live_folder_swap_in_one_step_without_importing_ctypes_util(tmp_path):
    """The commit swaps the finished spare and the live folder with renameat2(RENAME_EXCHANGE),
    found in the C library the process has; `ctypes.util`, which finds a library by name by
    running `ldconfig`, is never imported."""
    import subprocess

    live, spare = tmp_path / "site", tmp_path / ".site.spare"
    for folder, name in ((live, "old.html"), (spare, "new.html")):
        folder.mkdir()
        (folder / name).write_text(name)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from explainer.output.writer import _exchange\n"
        f"print(_exchange(Path({str(spare)!r}), Path({str(live)!r})), 'ctypes.util' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert run.stdout == "True False\n"
    assert sorted(p.name for p in live.iterdir()) == ["new.html"]
    assert sorted(p.name for p in spare.iterdir()) == ["old.html"]
