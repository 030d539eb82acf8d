"""An output folder that cannot be written: one clear error, exit 1, the previous site intact.

The real cases use a tmpfs (a full disk, a read-only file system) and are skipped, with the
reason, where mounting is not permitted. The others make one write at a time fail with ENOSPC.
"""

from __future__ import annotations

import builtins
import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import build, run_build

from explainer.build import cache_file as build_cache
from explainer.output import writer as output

from .helpers import site_tree, tree

FULL = Path(__file__).resolve().parents[1] / "sites" / "full"


@pytest.fixture
def tmpfs(tmp_path):
    """A factory: ``tmpfs("10m")`` mounts a fresh tmpfs of that size and returns its folder."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        folder = tmp_path / f"tmpfs{len(mounted)}"
        folder.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): {done.stderr.strip()}")
        mounted.append(folder)
        return folder

    yield mount
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def remount(folder: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(folder)], check=True, capture_output=True)


def used_bytes(folder: Path) -> int:
    stats = os.statvfs(folder)
    return (stats.f_blocks - stats.f_bfree) * stats.f_frsize


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "full"
    shutil.copytree(FULL, root)
    return root


def edit(root: Path) -> None:
    """Change the site title, so that every page of the next build differs."""
    settings = root / "content/site.yaml"
    settings.write_text(settings.read_text().replace("The Port Alba terminal lease", "The Port Alba lease"))


def clean_build(root: Path, tmp_path: Path) -> dict[str, str]:
    out = tmp_path / "clean" / "site"
    assert run_build("build", "--content", str(root / "content"), "--out", str(out)).code == 0
    return site_tree(out)


def build_into(root: Path, out: Path):
    return run_build("build", "--content", str(root / "content"), "--out", str(out))


def test_a_full_disk_leaves_the_previous_site_intact(site, tmp_path, tmpfs):
    disk = tmpfs("20m")
    out = disk / "site"
    assert build_into(site, out).code == 0
    before = tree(out)
    # Room for half a site more: the next build runs out of space while writing the spare.
    remount(disk, f"size={used_bytes(disk) * 3 // 2}")
    edit(site)
    run = build_into(site, out)
    assert run.code == 1
    assert len(run.lines) == 2, run.err
    assert run.lines[0].startswith("error: cannot write the site: No space left on device: " + str(disk))
    assert run.lines[1] == f"build failed; {out}/ was left unchanged"
    assert tree(out) == before
    # Once there is room again, the next build is exactly a clean build.
    remount(disk, "size=20m")
    assert build_into(site, out).code == 0
    assert site_tree(out) == clean_build(site, tmp_path)


def test_a_read_only_output_folder_leaves_the_previous_site_intact(site, tmpfs):
    disk = tmpfs("20m")
    out = disk / "site"
    assert build_into(site, out).code == 0
    before = tree(out)
    remount(disk, "ro")
    edit(site)
    run = build_into(site, out)
    assert run.lines == [
        f"error: cannot write the site: Read-only file system: {disk / '.site.lock'}",
        f"build failed; {out}/ was left unchanged",
    ]
    assert run.code == 1
    assert tree(out) == before


class FailingWrites:
    """`open` for one module that fails the `fail_at`-th write with ENOSPC, like a full disk."""

    def __init__(self, fail_at: int):
        self.fail_at = fail_at
        self.writes = 0

    def __call__(self, file, mode="r", *args, **kwargs):
        if "w" in mode or "a" in mode:
            self.writes += 1
            if self.writes == self.fail_at:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(file))
        return builtins.open(file, mode, *args, **kwargs)


@pytest.mark.parametrize("fail_at", [1, 5, 15])
def test_a_failing_page_write_leaves_the_previous_site_intact(site, tmp_path, monkeypatch, fail_at):
    assert build(site).code == 0
    assert build(site).code == 0  # now there is a spare generation too
    before = tree(site / "site")
    edit(site)
    failing = FailingWrites(fail_at)
    monkeypatch.setattr(output, "open", failing, raising=False)
    run = build(site)
    assert failing.writes == fail_at
    assert run.code == 1
    assert run.lines[0].startswith("error: cannot write the site: No space left on device: ")
    assert run.lines[1:] == [f"build failed; {site / 'site'}/ was left unchanged"]
    assert tree(site / "site") == before
    monkeypatch.undo()
    assert build(site).code == 0
    assert site_tree(site / "site") == clean_build(site, tmp_path)


def test_a_failing_manifest_write_before_the_swap_leaves_the_previous_site_intact(site, tmp_path, monkeypatch):
    assert build(site).code == 0
    before = tree(site / "site")
    edit(site)
    real_save = output.Generations._save
    saves = []

    def save(self, manifests):
        saves.append(1)
        if len(saves) == 2:  # the first marks the spare dirty, the second says it is complete
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.manifest_path))
        real_save(self, manifests)

    monkeypatch.setattr(output.Generations, "_save", save)
    run = build(site)
    assert run.lines == [
        f"error: cannot write the site: No space left on device: {site / '.site.manifest'}",
        f"build failed; {site / 'site'}/ was left unchanged",
    ]
    assert tree(site / "site") == before
    monkeypatch.undo()
    assert build(site).code == 0
    assert site_tree(site / "site") == clean_build(site, tmp_path)


def test_a_cache_that_cannot_be_saved_is_a_warning_after_a_good_build(site, tmp_path, monkeypatch):
    assert build(site).code == 0
    edit(site)
    monkeypatch.setattr(build_cache, "open", FailingWrites(1), raising=False)
    run = build(site)
    # The site was swapped in before the cache is saved: the build succeeded, and says so.
    assert run.code == 0
    assert run.lines == [
        ".site.cache:1: warning: could not save the build cache (No space left on device); "
        "the next build starts from scratch"
    ]
    assert not (site / ".site.cache.tmp").exists()
    assert site_tree(site / "site") == clean_build(site, tmp_path)
    monkeypatch.undo()
    assert build(site).code == 0
    assert site_tree(site / "site") == clean_build(site, tmp_path)
