"""explainer.produce.pagefind_bundle and search.index_search: the last search bundle is left for
Pagefind to add to, and what its index no longer names is removed, so the bundle is file for file
the one Pagefind makes from nothing; a bundle that cannot be written into or read is made anew,
and a run that does not end well leaves none. Pagefind reads only the pages that may be marked for
the search (`search.pages_glob`), and makes the index it makes of every page."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest

from explainer.build.command import build_site
from explainer.core.options import ENGINE_DIR, BuildOptions
from explainer.produce import pagefind, search
from explainer.produce.pagefind_bundle import UnreadableBundleError, prune_bundle, reusable_bundle

BINARY = pagefind.find_pagefind()
pytestmark = pytest.mark.skipif(BINARY is None, reason="Pagefind is not installed")

PAGE = '<!doctype html><html lang="en"><head><title>{0}</title></head><body data-pagefind-body><h1>{0}</h1><p>{1}</p></body></html>'


def write_pages(site: Path, pages: dict[str, str]) -> None:
    for name, words in pages.items():
        (site / name).mkdir(parents=True, exist_ok=True)
        (site / name / "index.html").write_text(PAGE.format(name.title(), words), encoding="utf-8")


def run_pagefind(site: Path) -> None:
    assert BINARY is not None
    subprocess.run([BINARY, "--site", str(site), "--output-subdir", "pagefind", "--silent"], check=True)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


PAGES = {"alpha": "harbour cranes and ferries", "beta": "a treaty on labour", "gamma": "the mountain pass road"}


@pytest.fixture
def site(tmp_path) -> Path:
    site = tmp_path / "site"
    write_pages(site, PAGES)
    run_pagefind(site)
    return site


def from_nothing(tmp_path: Path, pages: dict[str, str]) -> dict[str, bytes]:
    fresh = tmp_path / "fresh"
    write_pages(fresh, pages)
    run_pagefind(fresh)
    return files(fresh / "pagefind")


def test_a_bundle_added_to_and_pruned_is_the_bundle_made_from_nothing(site, tmp_path):
    before = files(site / "pagefind")
    changed = {**PAGES, "beta": "a treaty on fisheries", "delta": "a new page"}
    del changed["gamma"]
    (site / "gamma/index.html").unlink()
    write_pages(site, changed)
    run_pagefind(site)
    assert set(files(site / "pagefind")) > set(from_nothing(tmp_path, changed))  # (Pagefind leaves the old)
    prune_bundle(site / "pagefind", site)
    after = files(site / "pagefind")
    assert after == from_nothing(tmp_path, changed)
    # the fragment of the page that did not change was never written again, nor removed
    kept = [path for path in after if path.startswith("fragment/") and path in before]
    assert len(kept) == 1 and after[kept[0]] == before[kept[0]]


def test_pruning_a_bundle_whose_index_cannot_be_read_removes_nothing(site):
    before = files(site / "pagefind")
    meta = next((site / "pagefind").glob("pagefind.*.pf_meta"))
    meta.write_bytes(gzip.compress(b"not pagefind"))
    (site / "pagefind/fragment/stale.pf_fragment").write_bytes(b"x")
    with pytest.raises(UnreadableBundleError):
        prune_bundle(site / "pagefind", site)
    assert set(files(site / "pagefind")) == set(before) | {"fragment/stale.pf_fragment"}


@pytest.mark.parametrize("taken", ["another page's", "a removed page's"])
def test_a_fragment_the_index_takes_for_another_pages_is_found_and_nothing_is_removed(site, taken):
    # As when a changed page's new name is an old fragment's: Pagefind takes the file that is there.
    fragments = sorted((site / "pagefind/fragment").iterdir())
    (site / "pagefind/fragment/stale.pf_fragment").write_bytes(b"x")
    before = files(site / "pagefind")
    fragments[0].write_bytes(fragments[1].read_bytes())
    if taken == "a removed page's":
        address = zlib.decompress(fragments[1].read_bytes(), 31).split(b'"')[3].decode()
        (site / address.strip("/") / "index.html").unlink()
    with pytest.raises(UnreadableBundleError) as raised:
        prune_bundle(site / "pagefind", site)
    assert raised.value.args and raised.value.args[0] in (fragments[0].name, fragments[1].name)
    assert "fragment/stale.pf_fragment" in files(site / "pagefind") and len(before) >= len(files(site / "pagefind"))


def test_a_bundle_of_real_files_of_its_own_is_reusable(site, tmp_path):
    bundle = site / "pagefind"
    assert reusable_bundle(bundle) and not reusable_bundle(tmp_path / "none")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    fragment = next((bundle / "fragment").iterdir())
    os.link(fragment, elsewhere / "shared")  # its bytes another folder's too: rewriting it would change them
    assert not reusable_bundle(bundle)
    os.unlink(elsewhere / "shared")
    assert reusable_bundle(bundle)
    (bundle / "index" / "link.pf_index").symlink_to(elsewhere / "target")  # a write through it lands elsewhere
    assert not reusable_bundle(bundle)
    (bundle / "index" / "link.pf_index").unlink()
    (bundle / "filter").symlink_to(elsewhere, target_is_directory=True)
    assert not reusable_bundle(bundle)


def model(interrupt=None) -> SimpleNamespace:
    """A site that lets raw HTML through (any page may be marked): Pagefind reads every page."""
    config = SimpleNamespace(allow_html=True)
    return SimpleNamespace(search=True, interrupt=interrupt, index=SimpleNamespace(config=config), editions=[])


def test_the_search_step_leaves_the_bundle_pagefind_makes_from_nothing(site, tmp_path, monkeypatch):
    runs = []
    real = search._run_pagefind
    monkeypatch.setattr(search, "_run_pagefind", lambda *args: runs.append(args[1]) or real(*args))
    (site / "alpha/index.html").unlink()
    search.index_search(model(), site)
    assert files(site / "pagefind") == from_nothing(tmp_path, {k: v for k, v in PAGES.items() if k != "alpha"})
    assert runs == [site]


def test_a_bundle_linked_elsewhere_is_made_anew_and_the_other_folder_keeps_its_bytes(site, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    entry = site / "pagefind/pagefind-entry.json"
    os.link(entry, other / "pagefind-entry.json")
    before = (other / "pagefind-entry.json").read_bytes()
    write_pages(site, {"alpha": "entirely different words"})
    search.index_search(model(), site)
    assert (other / "pagefind-entry.json").read_bytes() == before
    assert entry.stat().st_nlink == 1 and entry.read_bytes() != before
    assert files(site / "pagefind") == from_nothing(tmp_path, {**PAGES, "alpha": "entirely different words"})


def test_a_fragment_taken_for_another_pages_is_made_again_from_nothing(site, tmp_path, monkeypatch):
    runs = []
    real = search._run_pagefind

    def run(binary, folder, interrupt, glob=None):
        runs.append((folder / "pagefind").is_dir())
        real(binary, folder, interrupt, glob)
        if len(runs) == 1:
            fragments = sorted((folder / "pagefind/fragment").iterdir())
            fragments[0].write_bytes(fragments[1].read_bytes())

    monkeypatch.setattr(search, "_run_pagefind", run)
    search.index_search(model(), site)
    assert runs == [True, False]  # the second from nothing
    assert files(site / "pagefind") == from_nothing(tmp_path, PAGES)


def test_an_index_that_cannot_be_read_is_made_again_from_nothing(site, tmp_path, monkeypatch):
    (site / "pagefind/fragment/stale.pf_fragment").write_bytes(b"x")
    runs = []
    real = search._run_pagefind

    def run(binary, folder, interrupt, glob=None):
        runs.append(sorted(p.name for p in (folder / "pagefind").glob("*.pf_meta")) if (folder / "pagefind").is_dir() else None)
        real(binary, folder, interrupt, glob)
        if len(runs) == 1:  # as another Pagefind would leave it
            meta = next((folder / "pagefind").glob("pagefind.*.pf_meta"))
            meta.write_bytes(gzip.compress(b"pagefind_dcd\xff"))

    monkeypatch.setattr(search, "_run_pagefind", run)
    search.index_search(model(), site)
    assert len(runs) == 2 and runs[1] is None  # the second run from nothing
    assert files(site / "pagefind") == from_nothing(tmp_path, PAGES)


def test_a_run_that_fails_leaves_no_bundle(site, tmp_path, monkeypatch):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: out of cheese' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pagefind, "find_pagefind", lambda: str(fake))
    with pytest.raises(search.SearchError, match="out of cheese"):
        search.index_search(model(), site)
    assert not (site / "pagefind").exists()


def test_a_build_without_search_removes_the_bundle(site):
    search.index_search(SimpleNamespace(search=False, interrupt=None), site)
    assert not (site / "pagefind").exists()


# what Pagefind is given to read ---------------------------------------------------------------

SITES = Path(__file__).resolve().parents[1] / "sites"


def glob_pattern(glob: str) -> re.Pattern[str]:
    """Pagefind's reading of the globs `pages_glob` writes: {a,b} one of them, `*` one folder."""
    assert glob.startswith("{") and glob.endswith("}")
    return re.compile("|".join(re.escape(shape).replace(r"\*", "[^/]+") for shape in glob[1:-1].split(",")))


def built_with_globs(
    tmp_path: Path, monkeypatch, fixture: str, settings: str = "", template: str | None = None,
) -> tuple[Path, list]:
    """A test site built with `settings` added to its site.yaml (and a copy of one of the engine's
    templates as its own), and the globs Pagefind was given."""
    root = tmp_path / "root"
    shutil.copytree(SITES / fixture, root)
    site_yaml = root / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text() + settings)
    if template is not None:
        (root / "templates").mkdir()
        (root / "templates" / template).write_text((ENGINE_DIR / "templates" / template).read_text())
    globs: list = []
    real = search._run_pagefind
    monkeypatch.setattr(search, "_run_pagefind", lambda *args: globs.append(args[3]) or real(*args))
    build_site(BuildOptions(root / "content", root / "site"))
    return root / "site", globs


READ = {  # each site, what Pagefind is given, and pages it is and is not to read
    # two entries a page: every list split, the timeline into periods and pages of them
    "timeline": (
        "page_size: 2\n",
        "{agreements/*/index.html,articles/*/index.html,glossary/*/index.html,institutions/*/index.html,"
        "people/*/index.html,places/*/index.html,sources/*/index.html,timeline/*/*/*/*/index.html,"
        "timeline/*/*/index.html,timeline/*/index.html,timeline/index.html}",
        {"people/ana-lopez/index.html", "timeline/2024/01/index.html", "timeline/2024/01/page/4/index.html"},
        {"people/index.html", "people/ana-lopez/timeline/index.html", "people/ana-lopez/timeline/page/4/index.html",
         "glossary/a/page/2/index.html", "index.html", "404.html", "search/index.html"},
    ),
    # a site in English and Spanish: the Spanish edition's pages in es/
    "bilingual": (
        "",
        "{agreements/*/index.html,articles/*/index.html,es/*/*/index.html,es/*/index.html,glossary/*/index.html,"
        "institutions/*/index.html,pages/*/index.html,people/*/index.html,places/*/index.html,"
        "sources/*/index.html,timeline/index.html}",
        {"people/ana-nunez/index.html", "es/people/ana-nunez/index.html", "es/timeline/index.html"},
        {"people/index.html", "index.html", "es/index.html", "es/404.html", "search/index.html"},
    ),
}


@pytest.mark.parametrize("fixture", sorted(READ))
def test_pagefind_reads_the_pages_that_may_be_searched_and_makes_the_index_it_makes_of_all(tmp_path, monkeypatch, fixture):
    settings, glob, read, unread = READ[fixture]
    site, globs = built_with_globs(tmp_path, monkeypatch, fixture, settings)
    assert globs == [glob]
    pattern = glob_pattern(glob)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    marked = [p for p in pages if re.search(r"<main [^>]*data-pagefind-body", (site / p).read_text(encoding="utf-8"))]
    assert read <= set(marked)
    assert [p for p in marked if not pattern.fullmatch(p)] == []
    assert unread <= {p for p in pages if not pattern.fullmatch(p)}  # lists, a record's own timeline pages
    whole = tmp_path / "whole"
    shutil.copytree(site, whole, ignore=shutil.ignore_patterns("pagefind"))
    run_pagefind(whole)
    search._order_languages(whole / "pagefind/pagefind-entry.json")  # (as the build does)
    assert files(site / "pagefind") == files(whole / "pagefind")


@pytest.mark.parametrize(("settings", "template"), [("allow_html: true\n", None), ("", "base.html")])
def test_pagefind_reads_every_page_of_a_site_whose_html_may_mark_any(tmp_path, monkeypatch, settings, template):
    """Raw HTML in the content, or templates of the site's own, can mark any page for the search."""
    _, globs = built_with_globs(tmp_path, monkeypatch, "timeline", settings, template)
    assert globs == [None]
