"""Does a change leave the output alone? Build every site at a git revision and here, and compare.

    python bench/same_output.py REV [--base-url /explainers/cecot/]

Builds the default site and every fixture site under tests/sites/ twice, once with the engine as
it was at REV (checked out into a temporary worktree) and once with the working tree, without
search (Pagefind's index is not ours to compare), and compares the two output trees byte for byte.
Prints one line per site and exits 1 if any file differs. A refactoring must print `same` for all.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def sites(repo: Path) -> dict[str, Path]:
    """The content folders to build: the default story and every fixture site."""
    found = {"default": repo / "content"}
    for fixture in sorted((repo / "tests" / "sites").iterdir()):
        if (fixture / "content").is_dir():
            found[fixture.name] = fixture / "content"
    return found


def build(engine: Path, content: Path, out: Path, base_url: str | None) -> None:
    command = [sys.executable, str(engine / "build.py"), "--content", str(content), "--out", str(out), "--no-search"]
    if base_url:
        command += ["--base-url", base_url]
    subprocess.run(command, check=True, capture_output=True, cwd=engine)


def differences(left: Path, right: Path) -> list[str]:
    """Files that are only on one side or differ, relative to the roots."""
    found: list[str] = []

    def walk(comparison: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + name for name in comparison.left_only + comparison.right_only)
        _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in sorted(comparison.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the git revision to compare against, e.g. main or HEAD~3")
    parser.add_argument("--base-url", help="build both under this base URL too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        old = Path(scratch) / "old"
        subprocess.run(["git", "worktree", "add", "--detach", str(old), args.rev], check=True, cwd=REPO,
                       capture_output=True)
        try:
            failed = False
            for name, content in sites(REPO).items():
                # Both engines build the same content: this tree's.
                before, after = Path(scratch) / f"{name}-before", Path(scratch) / f"{name}-after"
                try:
                    build(old, content, before, args.base_url)
                except subprocess.CalledProcessError:  # content only this tree can build (a new feature)
                    print(f"{name}: not built at {args.rev}, not compared")
                    continue
                build(REPO, content, after, args.base_url)
                changed = differences(before, after)
                print(f"{name}: " + ("same" if not changed else f"{len(changed)} files differ: {', '.join(changed[:5])}"))
                failed |= bool(changed)
                shutil.rmtree(before)
                shutil.rmtree(after)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=REPO, capture_output=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
