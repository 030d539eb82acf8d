"""explainer.produce.pagefind_bundle and search.index_search: the last search bundle is left for
Pagefind to add to, and what its index no longer names is removed, so the bundle is file for file
the one Pagefind makes from nothing; a bundle that cannot be written into or read is made anew,
and a run that does not end well leaves none."""

from __future__ import annotations

import gzip
import os
import subprocess
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest

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
    return SimpleNamespace(search=True, interrupt=interrupt)


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

    def run(binary, folder, interrupt):
        runs.append((folder / "pagefind").is_dir())
        real(binary, folder, interrupt)
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

    def run(binary, folder, interrupt):
        runs.append(sorted(p.name for p in (folder / "pagefind").glob("*.pf_meta")) if (folder / "pagefind").is_dir() else None)
        real(binary, folder, interrupt)
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
