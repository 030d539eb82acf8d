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
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from explainer.authoring.catalog import Catalog, load_catalog, name_key, names_of
from explainer.authoring.scaffold import yaml_value
from explainer.authoring.speech import trim_quote
from explainer.authoring.textscan import (
    INSTITUTIONS,
    PEOPLE,
    PLACES,
    DateFind,
    DateFinder,
    MentionFinder,
    NameGroup,
    QuoteFind,
    Reading,
    Span,
    analyse,
    find_dates,
    find_mentions,
)
from explainer.content.loader import SEEDS_DIR, read_text
from explainer.content.model import Entity, Quote
from explainer.content.schema import slugify
from explainer.core.dates import PartialDate, parse_date
from explainer.core.errors import Reporter
from explainer.site.verify import normalise_quote

NOTES_FILES = ("REVIEW.md", "alias-proposals.yaml")
TITLE_MAX = 100
EVENT_TITLE_MAX = 90
QUOTE_ID_WORDS = 3
_ID_STOPWORDS = set("""
a an the of to in on at by for from with and or but is are was were be been it its this that these
those we he she they i you our his her their them us him as not no so if than then there here
has have had will would can could should may might do does did
""".split())
_DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[-_ ]*")


class ExtractError(Exception):
    """Something the writer must fix before extraction can run; the message says what.

    `located` messages already read ``path:line: error: …``."""

    def __init__(self, message: str, located: bool = False):
        super().__init__(message)
        self.located = located


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


def _comment(text: str) -> str:
    return " ".join(text.split())


def from_line(sentence: str) -> str:
    return f'# from: "{_comment(sentence)}"'


def record_text(comments: list[str], fields: list[tuple[str, object]], extra: list[str] | None = None) -> str:
    lines = list(comments)
    for name, value in fields:
        if value is None or value == [] or value == "":
            continue
        shown = value.iso() if isinstance(value, PartialDate) else yaml_value(value)
        lines.append(f"{name}: {shown}")
    lines.extend(extra or [])
    return "\n".join(lines) + "\n"


class Planner:
    """Turns a reading of the document into proposal files, matching the existing content."""

    def __init__(self, reading: Reading, catalog: Catalog, seed: str, stem: str, review_dir: Path | None):
        self.reading = reading
        self.report = reading.report
        self.catalog = catalog
        self.seed = seed
        self.stem = stem
        self.taken: set[str] = set(catalog.entities)
        self.ids: dict[NameGroup, str] = {}  # record id, new or existing
        self.new_groups: list[NameGroup] = []
        self.aliases: dict[str, tuple[Entity, list[tuple[str, str]]]] = {}  # existing id -> (entity, [(alias, sentence)])
        self.notes = Notes()
        self.files: dict[str, str] = {}
        self.counts: dict[str, int] = {}
        date_prefix = _DATE_PREFIX.match(stem)
        file_date = parse_date("-".join(date_prefix.groups())) if date_prefix else None
        dateline = self.report.dateline
        self.date_origin = "the dateline" if dateline and dateline.date else "the file name"
        self.article_date_value: PartialDate | None = dateline.date if dateline and dateline.date else file_date
        self.article_date = self.article_date_value.iso() if self.article_date_value else None
        self.source_id, self.source_is_new = self._source_id()
        self.review_dir = review_dir or catalog.root / "review" / self.source_id

    # ids ------------------------------------------------------------------------------------
    def unique_id(self, wanted: str, what: str) -> str:
        wanted = wanted or "record"
        record_id, n = wanted, 2
        while record_id in self.taken:
            record_id = f"{wanted}-{n}"
            n += 1
        if record_id != wanted:
            clash = self.catalog.entities.get(wanted)
            where = f" ({self.catalog.where(clash)})" if clash else " (another proposal)"
            self.notes.unsure.append(f"{what}: id '{wanted}' is taken{where}, so it is '{record_id}'")
        self.taken.add(record_id)
        return record_id

    def _source_id(self) -> tuple[str, bool]:
        existing = self.catalog.source_files.get(self.seed)
        if existing:
            return existing, False
        return self.unique_id(slugify(self.stem), f"source for {self.seed}"), True

    # names ----------------------------------------------------------------------------------
    def match_existing(self, group: NameGroup) -> list[Entity]:
        found: dict[str, Entity] = {}
        for form in [group.name, *group.forms]:
            for use in self.catalog.name_uses(form):
                if use.entity.collection in (PEOPLE, INSTITUTIONS, PLACES):
                    found[use.entity.id] = use.entity
        if not found and len(group.name.split()) == 1 and group.kind in (None, PEOPLE):
            for entity in self.catalog.entities.values():
                name = getattr(entity, "name", "")
                if entity.collection == PEOPLE and group.name in name.split()[1:]:
                    found[entity.id] = entity
        return list(found.values())

    def plan_names(self) -> None:
        for group in [*self.reading.groups, *self.reading.unclassified]:
            matches = self.match_existing(group)
            sentence = self.report.sentence_text(group.first.start)
            if len(matches) > 1:
                names = ", ".join(f"{e.id} ({self.catalog.where(e)})" for e in matches)
                self.notes.not_proposed.append(f"“{group.name}”: could be any of {names} — from: “{sentence}”")
                continue
            if matches:
                entity = matches[0]
                self.ids[group] = entity.id
                group.kind = entity.collection
                known = {name_key(n) for n in self._names_of(entity)}
                new_forms = [f for f in [group.name, *group.forms] if name_key(f) not in known]
                for form in dict.fromkeys(new_forms):
                    where = next(
                        (m.start for m in group.mentions if name_key(m.text) == name_key(form)), group.first.start
                    )
                    self.aliases.setdefault(entity.id, (entity, []))[1].append((form, self.report.sentence_text(where)))
                self.notes.existing.append(
                    f"“{group.name}” is {entity.kind_label} `{entity.id}` ({self.catalog.where(entity)})"
                )
                continue
            if group.kind is None:
                why = "; ".join(group.notes) or "no title, institution word, country or context says what it is"
                self.notes.not_proposed.append(f"“{group.name}”: {why} — from: “{sentence}”")
                continue
            self.new_groups.append(group)
        for group in self.new_groups:
            self.ids[group] = self.unique_id(slugify(group.name), f"{group.name}")

    @staticmethod
    def _names_of(entity: Entity) -> list[str]:
        return [text for text, _, _ in names_of(entity)]

    def id_by_name(self, name: str | None) -> str | None:
        if not name:
            return None
        for group in [*self.reading.groups]:
            if name_key(group.name) == name_key(name) or any(name_key(f) == name_key(name) for f in group.forms):
                return self.ids.get(group)
        uses = self.catalog.name_uses(name)
        return uses[0].entity.id if len(uses) == 1 else None

    def write_names(self) -> None:
        for group in self.new_groups:
            record_id = self.ids[group]
            sentence = self.report.sentence_text(group.first.start)
            comments = [from_line(sentence)]
            cues = sorted({m.cue for m in group.mentions if m.cue and m.kind == group.kind})
            if cues:
                comments.append(f"# because of: {'; '.join(cues)}")
            comments.extend(f"# unsure: {note}" for note in group.notes)
            aliases = [f for f in group.forms if f != group.short_name]
            fields: list[tuple[str, object]] = [("name", group.name)]
            if group.kind == PEOPLE:
                role: dict[str, object] = {}
                if group.title:
                    role["title"] = group.title[:1].upper() + group.title[1:]
                    organization = self.id_by_name(group.title_org)
                    if organization:
                        role["organization"] = organization
                fields += [("aliases", aliases), ("roles", [role] if role else [])]
            elif group.kind == INSTITUTIONS:
                fields += [("short_name", group.short_name), ("aliases", aliases)]
            else:
                within = self.id_by_name(group.within) if group.within else None
                fields += [("aliases", aliases), ("kind", group.place_kind), ("within", within)]
            fields.append(("sources", [self.source_id]))
            self.files[f"{group.kind}/{record_id}.yaml"] = record_text(comments, fields)
            self.counts[group.kind] = self.counts.get(group.kind, 0) + 1
            for note in group.notes:
                self.notes.unsure.append(f"`{group.kind}/{record_id}.yaml`: {note}")

    # quotations -----------------------------------------------------------------------------
    def existing_quotes(self) -> dict[str, str]:
        """Quote id by its words, the sentence's closing comma or full stop aside."""
        quotes = {}
        for entity in self.catalog.entities.values():
            if isinstance(entity, Quote) and entity.source.id == self.source_id:
                quotes[normalise_quote(trim_quote(entity.text))] = entity.id
        return quotes

    def quote_id(self, quote: QuoteFind, speaker_id: str) -> str:
        words = [w for w in re.findall(r"[\w’']+", quote.text.lower()) if w not in _ID_STOPWORDS and len(w) > 2]
        speaker_word = speaker_id.rsplit("-", 1)[-1] if quote.speaker and quote.speaker.kind == PEOPLE else speaker_id
        return slugify(" ".join([speaker_word, *words[:QUOTE_ID_WORDS]]))

    def write_quotes(self) -> None:
        existing = self.existing_quotes()
        for quote in self.reading.quotes:
            sentence = self._quote_sentence(quote)
            shown = " ".join(trim_quote(quote.text).split())
            key = normalise_quote(shown)
            if key in existing:
                self.notes.existing.append(f"“{shown}” is already quote `{existing[key]}`")
                continue
            speaker_id = self.ids.get(quote.speaker) if quote.speaker else None
            if speaker_id is None:
                if quote.speaker is not None:
                    why = f"its speaker, “{quote.speaker.name}”, was not proposed"
                else:
                    why = quote.unsure or "the text does not say who said it"
                self.notes.not_proposed.append(f"quotation “{shown}”: {why} — from: “{sentence}”")
                continue
            record_id = self.unique_id(self.quote_id(quote, speaker_id), f"quotation “{shown[:40]}…”")
            comments = [from_line(sentence), f"# speaker from: {quote.how}"]
            if quote.unsure:
                comments.append(f"# unsure: {quote.unsure}")
                self.notes.unsure.append(f"`quotes/{record_id}.yaml`: speaker — {quote.unsure}")
            extra = []
            if self.article_date:
                extra.append(f"# date: {self.article_date}  # the article's date; the words may be older")
            fields: list[tuple[str, object]] = [("text", shown), ("speaker", speaker_id), ("source", self.source_id)]
            self.files[f"quotes/{record_id}.yaml"] = record_text(comments, fields, extra)
            self.counts["quotes"] = self.counts.get("quotes", 0) + 1
        for span, why in self.reading.skipped_quotes:
            words = self.report.snippet(span)
            if len(words) > 80:
                words = words[:79].rsplit(" ", 1)[0] + "…"
            self.notes.not_proposed.append(f"“{words}”: {why}")

    def _quote_sentence(self, quote: QuoteFind) -> str:
        first = self.report.sentence_of(max(quote.start - 1, 0))
        last = self.report.sentence_of(quote.end)
        start = first.start
        if self.report.dateline and first.start == self.report.dateline.span.end:
            start = self.report.dateline.span.start
        return self.report.snippet(Span(start, max(last.end, quote.end + 1)))

    # dates ----------------------------------------------------------------------------------
    def event_title(self, found: DateFind) -> str:
        sentence = self.report.sentence_of(found.start)
        text = self.report.text
        # the clause holding the date: between the commas, semicolons or dashes around it
        left = max(text.rfind(mark, sentence.start, found.start) for mark in (",", ";", "—", " – "))
        right_marks = [i for i in (text.find(mark, found.end, sentence.end) for mark in (",", ";", "—")) if i >= 0]
        begin = left + 1 if left >= sentence.start else sentence.start
        end = min(right_marks) if right_marks else sentence.end
        clause = " ".join(text[begin:end].split()).strip(" .“”\"")
        clause = re.sub(r"^(?:and|but|or|which|that|who)\s+", "", clause)
        if len(clause) > EVENT_TITLE_MAX:
            clause = clause[: EVENT_TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"
        return clause[:1].upper() + clause[1:]

    def write_events(self) -> None:
        existing = {}
        for entity in self.catalog.entities.values():
            if entity.collection == "events" and any(r.id == self.source_id for r in getattr(entity, "sources", ())):
                existing.setdefault(entity.date.iso(), entity)
        seen = set()
        for found in self.reading.dates:
            sentence = self.report.sentence_text(found.start)
            iso = found.date.iso()
            if (iso, sentence) in seen:
                continue
            seen.add((iso, sentence))
            if iso in existing:
                self.notes.existing.append(f"{iso} is probably event `{existing[iso].id}` already — “{sentence}”")
                continue
            title = self.event_title(found)
            words = " ".join(title.split()[:6])
            record_id = self.unique_id(slugify(f"{iso} {words}"), f"event of {iso}")
            span = self.report.sentence_of(found.start)
            named = [
                self.ids[g] for g in self.reading.groups
                if g in self.ids and any(span.start <= m.start < span.end for m in g.mentions)
            ]
            comments = [
                from_line(sentence),
                "# unsure: the title is the clause the date came from; say what happened",
            ]
            extra = [f"# participants: {yaml_value(named)}  # named in the sentence; keep those who took part"] if named else []
            fields: list[tuple[str, object]] = [
                ("date", found.date), ("title", title), ("sources", [self.source_id]),
            ]
            self.files[f"events/{record_id}.yaml"] = record_text(comments, fields, extra)
            self.counts["events"] = self.counts.get("events", 0) + 1
            self.notes.unsure.append(
                f"`events/{record_id}.yaml`: {found.date.label()} ({found.date.precision} precision); "
                "its title is the clause the date came from"
            )

    # the article and its source -------------------------------------------------------------
    def title(self) -> tuple[str, str]:
        """The article's title and where it came from."""
        report = self.report
        if report.headline:
            return report.snippet(report.headline), "the document's first line"
        if report.sentences:
            first = report.snippet(report.sentences[0])
            if len(first) <= TITLE_MAX:
                return first.rstrip("."), "the first sentence"
        words = _DATE_PREFIX.sub("", self.stem).replace("_", "-").split("-")
        words = [self._cased(w) for w in words if w]
        title = " ".join(words)
        return (title[:1].upper() + title[1:]) or self.stem, "the file name (check its capitals)"

    def _cased(self, word: str) -> str:
        """A file-name word as the text writes it mid-sentence ("us" → "U.S.", "el" → "El")."""
        starts = {s.start for s in self.report.sentences}
        after = self.report.dateline.span.end if self.report.dateline else 0
        for match in re.finditer(r"(?:[A-Z]\.){2,}|[\w’']+", self.report.text[after:]):
            found = match.group()
            if (
                found.replace(".", "").lower() == word.lower() and found[:1].isupper()
                and (len(found) < 2 or not found.isupper() or "." in found)
                and after + match.start() not in starts
            ):
                return found
        return word

    def write_article(self) -> None:
        cited = [
            e for e in self.catalog.entities.values()
            if e.collection in ("articles", "pages") and any(r.id == self.source_id for r in getattr(e, "sources", ()))
        ]
        if cited:
            self.notes.existing.append(
                f"the document is already cited by {cited[0].kind_label} `{cited[0].id}` ({self.catalog.where(cited[0])}); "
                "no article proposed"
            )
            return
        title, origin = self.title()
        base = _DATE_PREFIX.sub("", self.stem) or self.stem
        wanted = slugify(base)
        if wanted == self.source_id:
            wanted = f"{wanted}-article"
        article_id = self.unique_id(wanted, "the article")
        front = [
            "---",
            f"# title from {origin}",
            f"title: {yaml_value(title)}",
        ]
        if self.article_date:
            front.append(f"date: {self.article_date}  # from {self.date_origin}")
        front += [f"sources: [{self.source_id}]", "---", ""]
        body = "\n\n".join(escape_markdown(self.report.snippet(p)) for p in self.report.body_paragraphs)
        self.files[f"articles/{article_id}.md"] = "\n".join(front) + "\n" + body + "\n"
        self.counts["articles"] = 1
        self.notes.unsure.append(f"`articles/{article_id}.md`: title from {origin}")

    def write_source(self) -> None:
        if not self.source_is_new:
            source = self.catalog.entities[self.source_id]
            self.notes.existing.append(
                f"the document is already source `{self.source_id}` ({self.catalog.where(source)})"
            )
            return
        title, origin = self.title()
        comments = [f"# title from {origin}"]
        fields: list[tuple[str, object]] = [("title", title), ("date", self.article_date_value), ("file", self.seed)]
        self.files[f"sources/{self.source_id}.yaml"] = record_text(comments, fields)
        self.counts["sources"] = 1

    def write_aliases(self) -> None:
        if not self.aliases:
            return
        lines = [
            "# Names this document uses for records that already exist. Add the ones you agree with",
            "# to the record's aliases. This file is a note for you: do not move it into content/.",
        ]
        for record_id, (entity, forms) in self.aliases.items():
            lines.append(f"- record: {record_id}")
            lines.append(f"  file: {self.catalog.site_path(entity.path)}")
            lines.append(f"  aliases: {yaml_value([form for form, _ in forms])}")
            for form, sentence in forms:
                lines.append(f"  # from: \"{_comment(sentence)}\"  ({form})")
        self.files["alias-proposals.yaml"] = "\n".join(lines) + "\n"

    def plan(self) -> Extraction:
        self.plan_names()
        self.write_source()
        self.write_article()
        self.write_names()
        self.write_quotes()
        self.write_events()
        self.write_aliases()
        extraction = Extraction(self.seed, self.source_id, self.review_dir, self.files, self.notes, self.counts)
        self.files["REVIEW.md"] = review_text(extraction)
        return extraction


def escape_markdown(paragraph: str) -> str:
    """Plain text that Markdown shows as written: inline marks and block starts are escaped."""
    text = re.sub(r"([\\`*_\[\]|])", r"\\\1", paragraph).replace("<", "&lt;")
    text = re.sub(r"^(\d+)([.)]\s)", r"\1\\\2", text)  # "1. " would start a list
    return re.sub(r"^([#>+-])", r"\\\1", text)


SECTION_TITLES = {
    "people": "people", "institutions": "institutions", "places": "places", "quotes": "quotations",
    "events": "candidate events", "articles": "article", "sources": "source",
}


def review_text(extraction: Extraction) -> str:
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
