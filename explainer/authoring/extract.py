"""`build.py extract seeds/FILE.txt`: a first draft of the content for a new source document.

Reads the document (`textscan` does the reading), matches every name against the records that
already exist, and writes proposals into a review folder laid out like a content folder
(`review/<source-id>/` by default; never into `content/`): the article, its source record, the
people, institutions and places it names, its quotations with their speakers, and the dates it
states as candidate events. Every proposal cites the sentence it came from (`# from: "…"`);
anything uncertain carries `# unsure: …` and is listed in REVIEW.md, as is everything the text
suggests but the extractor would not guess (unclassified names, quotations without a speaker).
A name an existing record already goes by is not proposed again: new spellings of it are
proposed as aliases in `alias-proposals.yaml`.

This module is the command: it checks the document, runs the reading and the `planner`, and
writes the folder (whose files' text is `reviewfiles`), refusing to replace anything but an
earlier review folder.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import replace
from pathlib import Path

from explainer.authoring.catalog import load_catalog
from explainer.authoring.namefinder import find_mentions
from explainer.authoring.planner import Planner
from explainer.authoring.reviewfiles import SECTION_TITLES, Extraction
from explainer.authoring.textscan import DateFinder, MentionFinder, analyse, find_dates
from explainer.content.loader import SEEDS_DIR, read_text
from explainer.core.errors import Reporter


class ExtractError(Exception):
    """Something the writer must fix before extraction can run; the message says what.

    `located` messages already read ``path:line: error: …``."""

    def __init__(self, message: str, located: bool = False):
        super().__init__(message)
        self.located = located


def plan_extraction(
    seed: Path, content_dir: Path, review_dir: Path | None = None,
    finder: MentionFinder = find_mentions, date_finder: DateFinder = find_dates,
) -> Extraction:
    """Read `seed` and decide every proposal file; writes nothing. `finder` and `date_finder`
    let an evaluation swap in another named-entity recogniser."""
    root = content_dir.resolve().parent
    seeds = (root / SEEDS_DIR).resolve()
    resolved = seed.resolve()
    if not resolved.is_file():
        raise ExtractError(f"{seed}: no such file")
    if not resolved.is_relative_to(seeds):
        raise ExtractError(
            f"{seed} is not in the site's {SEEDS_DIR}/ folder ({seeds}); copy it there first, "
            "so that its source record can point at it"
        )
    reporter = Reporter(root)
    text = read_text(resolved, root, reporter)
    if text is None:
        raise ExtractError("\n".join(str(d) for d in reporter.errors), located=True)
    if not text.strip():
        raise ExtractError(f"{seed} is empty: there is nothing to extract")
    relative = resolved.relative_to(root).as_posix()
    catalog = load_catalog(content_dir)
    reading = analyse(text, finder, date_finder)
    planner = Planner(reading, catalog, relative, resolved.stem, review_dir)
    if catalog.errors:
        count = len(catalog.errors)
        first = catalog.errors[0]  # named from the site root, as every path in the review folder is
        first = replace(first, path=catalog.site_path(first.path))
        planner.notes.unsure.append(
            f"the content has {count} error{'s' if count != 1 else ''} (the first: {first}); "
            "names were matched against the records that loaded"
        )
    return planner.plan()


def write_extraction(extraction: Extraction, force: bool = False) -> None:
    folder = extraction.review_dir
    if folder.exists():
        if not force:
            raise ExtractError(f"{folder} already exists; move it away or pass --force to replace it")
        if not (folder / "REVIEW.md").is_file():
            raise ExtractError(f"{folder} exists and is not a review folder (no REVIEW.md); not replacing it")
        shutil.rmtree(folder)
    for relative, text in sorted(extraction.files.items()):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def add_command(commands: argparse._SubParsersAction) -> None:
    """Register `extract` on the command line's sub-parsers."""
    parser = commands.add_parser(
        "extract", help="propose records for a new source document, for review",
        description="Read a document in seeds/ and propose its article, source, people, institutions, "
                    "places, quotations and dates into a review folder (never into content/).",
    )
    parser.add_argument("seed", metavar="SEED", help="the document, e.g. seeds/report.txt")
    parser.add_argument("--content", default="content", metavar="DIR",
                        help="the content folder to match names against (default: content)")
    parser.add_argument("--review", metavar="DIR",
                        help="where to write the proposals (default: review/<source-id>/ in the site root)")
    parser.add_argument("--force", action="store_true", help="replace an earlier review folder")


def run(args: argparse.Namespace) -> int:
    """`build.py extract`: 0 written, 1 refused."""
    try:
        extraction = plan_extraction(Path(args.seed), Path(args.content), Path(args.review) if args.review else None)
        write_extraction(extraction, args.force)
    except ExtractError as exc:
        print(exc if exc.located else f"error: {exc}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{n} {SECTION_TITLES[k]}" for k, n in extraction.counts.items() if n)
    print(f"wrote {extraction.review_dir}/: {counts or 'nothing to propose'}")
    unsure = len(extraction.notes.unsure) + len(extraction.notes.not_proposed)
    print(f"check {extraction.review_dir / 'REVIEW.md'}: {unsure} item{'s' if unsure != 1 else ''} to review")
    return 0
