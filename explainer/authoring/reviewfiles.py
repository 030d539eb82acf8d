"""The files of a review folder, as text: what `extract` proposes, and its notes for the writer.

A proposed record is YAML that cites the sentence it came from in a `# from: "…"` comment
(`record_text`); a proposed article is front matter and the document's paragraphs, escaped so
that Markdown shows them as written (`article_text`). Two files are notes, not content:
REVIEW.md, which lists by section what is unsure, what the text suggests but was not proposed,
and what is already in content (`review_text`); and `alias-proposals.yaml`, the new names the
document uses for existing records (`alias_proposals_text`). Which records are proposed is
decided by `planner.Planner`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from explainer.authoring.scaffold import yaml_value
from explainer.core.dates import PartialDate

NOTES_FILES = ("REVIEW.md", "alias-proposals.yaml")
SECTION_TITLES = {
    "people": "people", "institutions": "institutions", "places": "places", "quotes": "quotations",
    "events": "candidate events", "articles": "article", "sources": "source",
}


@dataclass
class Notes:
    """What REVIEW.md lists, by section."""

    unsure: list[str] = field(default_factory=list)
    not_proposed: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


@dataclass
class Extraction:
    """Every file the review folder will hold (relative path → text), and the notes."""

    seed: str  # relative to the site root
    source_id: str
    review_dir: Path
    files: dict[str, str] = field(default_factory=dict)
    notes: Notes = field(default_factory=Notes)
    counts: dict[str, int] = field(default_factory=dict)


def one_line(text: str) -> str:
    """`text` on one line, for a comment."""
    return " ".join(text.split())


def from_line(sentence: str) -> str:
    """The comment that cites the sentence a proposal came from."""
    return f'# from: "{one_line(sentence)}"'


def record_text(comments: list[str], fields: list[tuple[str, object]], extra: list[str] | None = None) -> str:
    """A proposed record as YAML: its `comments`, each of its `fields` that has a value (a date
    in ISO form), then the `extra` lines."""
    lines = list(comments)
    for name, value in fields:
        if value is None or value == [] or value == "":
            continue
        shown = value.iso() if isinstance(value, PartialDate) else yaml_value(value)
        lines.append(f"{name}: {shown}")
    lines.extend(extra or [])
    return "\n".join(lines) + "\n"


def escape_markdown(paragraph: str) -> str:
    """Plain text that Markdown shows as written: inline marks and block starts are escaped."""
    text = re.sub(r"([\\`*_\[\]|])", r"\\\1", paragraph).replace("<", "&lt;")
    text = re.sub(r"^(\d+)([.)]\s)", r"\1\\\2", text)  # "1. " would start a list
    return re.sub(r"^([#>+-])", r"\\\1", text)


def article_text(
    title: str, origin: str, date: str | None, date_origin: str, source_id: str, paragraphs: list[str]
) -> str:
    """A proposed article: front matter that says where its title and date came from, and the
    document's `paragraphs` as Markdown that shows them as written."""
    front = [
        "---",
        f"# title from {origin}",
        f"title: {yaml_value(title)}",
    ]
    if date:
        front.append(f"date: {date}  # from {date_origin}")
    front += [f"sources: [{source_id}]", "---", ""]
    body = "\n\n".join(escape_markdown(p) for p in paragraphs)
    return "\n".join(front) + "\n" + body + "\n"


def alias_proposals_text(proposals: list[tuple[str, str, list[tuple[str, str]]]]) -> str:
    """`alias-proposals.yaml`: for each existing record (id, its file), the new names the
    document uses for it, each with the sentence it came from."""
    lines = [
        "# Names this document uses for records that already exist. Add the ones you agree with",
        "# to the record's aliases. This file is a note for you: do not move it into content/.",
    ]
    for record_id, file, forms in proposals:
        lines.append(f"- record: {record_id}")
        lines.append(f"  file: {file}")
        lines.append(f"  aliases: {yaml_value([form for form, _ in forms])}")
        for form, sentence in forms:
            lines.append(f"  # from: \"{one_line(sentence)}\"  ({form})")
    return "\n".join(lines) + "\n"


def review_text(extraction: Extraction) -> str:
    """REVIEW.md: what was proposed, what to do with it, and the notes by section."""
    notes = extraction.notes
    counts = ", ".join(f"{n} {SECTION_TITLES[k]}" for k, n in extraction.counts.items() if n)
    lines = [
        f"# Review: {extraction.seed}",
        "",
        f"Proposed: {counts or 'nothing'}.",
        "",
        "Nothing here is in `content/` yet. Check every file (each cites the sentence it came from",
        "in a `# from:` comment), fix or delete what is wrong, then move the folders (`articles/`,",
        "`people/`, `quotes/`, …) into `content/`. This file and `alias-proposals.yaml` are notes,",
        "not content: leave them here.",
        "",
    ]
    sections = (
        ("Unsure: check these first", notes.unsure),
        ("Not proposed: the text suggests these, but not clearly enough", notes.not_proposed),
        ("Already in content", notes.existing),
    )
    for heading, items in sections:
        if items:
            lines += [f"## {heading}", ""] + [f"- {item}" for item in items] + [""]
    if "alias-proposals.yaml" in extraction.files:
        lines += ["## New names for existing records", "", "See `alias-proposals.yaml`.", ""]
    return "\n".join(lines)
