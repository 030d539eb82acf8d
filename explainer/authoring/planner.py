"""The planner of `extract`'s proposals: which records a reading of the document becomes.

Every name the reading found is matched against the records that already exist: a name an
existing record goes by is not proposed again (a new spelling of it becomes an alias proposal),
a name that could be more than one record or whose kind the text does not show is only listed,
and the rest become new people, institutions and places with ids that clash with nothing.
Quotations whose speaker has a record become quotes, dates become candidate events, and the
document gets its source record and an article unless content already has them. Each proposal
records why it was made and what is unsure; the text of the files is `reviewfiles`.
"""

from __future__ import annotations

import re
from pathlib import Path

from explainer.authoring.catalog import Catalog, name_key, names_of
from explainer.authoring.namegroups import INSTITUTIONS, PEOPLE, PLACES, NameGroup
from explainer.authoring.quotations import QuoteFind
from explainer.authoring.report import Span
from explainer.authoring.reviewfiles import (
    Extraction,
    Notes,
    alias_proposals_text,
    article_text,
    from_line,
    record_text,
    review_text,
)
from explainer.authoring.scaffold import yaml_value
from explainer.authoring.speech import trim_quote
from explainer.authoring.textscan import Reading
from explainer.authoring.titles import DATE_PREFIX, article_title, event_title
from explainer.content.ids import slugify
from explainer.content.model import Entity, Event, Quote
from explainer.core.dates import PartialDate, parse_date
from explainer.site.verify import normalise_quote

QUOTE_ID_WORDS = 3
_ID_STOPWORDS = set("""
a an the of to in on at by for from with and or but is are was were be been it its this that these
those we he she they i you our his her their them us him as not no so if than then there here
has have had will would can could should may might do does did
""".split())


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
        date_prefix = DATE_PREFIX.match(stem)
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
            kind = group.kind
            assert kind is not None  # plan_names proposes only the names whose kind it knows
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
            self.counts[kind] = self.counts.get(kind, 0) + 1
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
    def write_events(self) -> None:
        existing: dict[str, Event] = {}
        for entity in self.catalog.entities.values():
            if isinstance(entity, Event) and any(r.id == self.source_id for r in entity.sources):
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
            title = event_title(self.report, found)
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
        title, origin = article_title(self.report, self.stem)
        base = DATE_PREFIX.sub("", self.stem) or self.stem
        wanted = slugify(base)
        if wanted == self.source_id:
            wanted = f"{wanted}-article"
        article_id = self.unique_id(wanted, "the article")
        paragraphs = [self.report.snippet(p) for p in self.report.body_paragraphs]
        self.files[f"articles/{article_id}.md"] = article_text(
            title, origin, self.article_date, self.date_origin, self.source_id, paragraphs
        )
        self.counts["articles"] = 1
        self.notes.unsure.append(f"`articles/{article_id}.md`: title from {origin}")

    def write_source(self) -> None:
        if not self.source_is_new:
            source = self.catalog.entities[self.source_id]
            self.notes.existing.append(
                f"the document is already source `{self.source_id}` ({self.catalog.where(source)})"
            )
            return
        title, origin = article_title(self.report, self.stem)
        comments = [f"# title from {origin}"]
        fields: list[tuple[str, object]] = [("title", title), ("date", self.article_date_value), ("file", self.seed)]
        self.files[f"sources/{self.source_id}.yaml"] = record_text(comments, fields)
        self.counts["sources"] = 1

    def write_aliases(self) -> None:
        if not self.aliases:
            return
        self.files["alias-proposals.yaml"] = alias_proposals_text([
            (record_id, self.catalog.site_path(entity.path), forms)
            for record_id, (entity, forms) in self.aliases.items()
        ])

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
