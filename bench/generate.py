"""Deterministic synthetic explainer sites for the benchmark.

This module owns the generator: `python bench/generate.py --records N --out DIR [--seed S]` writes
a complete site root (DIR/content, DIR/seeds) that follows docs/content.md, with N records spread
over all eight collections, about N/10 articles, a few pages and one seed document per source.

The same arguments always give byte-identical output: every choice comes from one
`random.Random(seed)`, draws happen in a fixed order, and nothing iterates over a set.

What the generated content exercises:

- names from combinable syllables, some accented (José, Ñuñez, Øster), ~5 aliases per record,
  some aliases in the `{text, priority}` form; every name and alias is unique site-wide (ignoring
  case), so mention linking has no clashes to resolve;
- dates of year, month and day precision, quoted and unquoted, some events with an `end`;
  dates that never contradict each other (institutions are founded before 2010, events fall in
  2012-2018, articles in 2019-2025), so the date checks have nothing to warn about;
- refs between all collections, `[[id]]` and `[[id|text]]` links in Markdown, plain-text mentions
  of names and aliases in articles;
- quotes copied word for word from the seed documents of their sources (some with typographic
  apostrophes in the document and straight ones in the quote, some across a line break);
- every record is the target of at least one ref or `[[id]]` link, so a `--strict` build passes.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import string
import sys
import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import vocab

GENERATOR_VERSION = "3"
MARKER = ".bench-site.json"  # written at the site root; lets us overwrite our own output only

# Share of records per collection (sums to 1.0).
PROPORTIONS = {
    "people": 0.30,
    "institutions": 0.15,
    "places": 0.10,
    "agreements": 0.05,
    "events": 0.20,
    "glossary": 0.08,
    "quotes": 0.10,
    "sources": 0.02,
}
# Collections written as one file holding a list (content/<name>.yaml); the rest get a folder.
SINGLE_FILE_COLLECTIONS = ("glossary", "sources")
MIN_RECORDS = 20


# --- Small helpers --------------------------------------------------------------------------

_FOLD = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L",
                       "đ": "d", "Đ": "D", "ı": "i", "–": "-", "’": "'"})


def ascii_fold(text: str) -> str:
    """`text` without accents: "Ñuñez Øster" -> "Nunez Oster"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(text: str, max_words: int = 6) -> str:
    """An id-shaped slug: lowercase ASCII words joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", ascii_fold(text).lower())
    return "-".join(words[:max_words]) or "x"


def acronym(text: str) -> str:
    """Initials of the capitalised words: "National Migration Agency" -> "NMA"."""
    return "".join(w[0] for w in re.findall(r"[A-ZÀ-ÝØÑ][\w'-]*", text)).upper()


class Raw(str):
    """A scalar written to YAML unquoted (used for some dates: `2025-02-03`, not `"2025-02-03"`)."""


def yaml_scalar(value: object) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, int):
        return str(value)
    # A JSON string is a valid YAML double-quoted scalar, and json.dumps is fast.
    return json.dumps(value, ensure_ascii=False)


def yaml_key(key: str) -> str:
    return key if re.fullmatch(r"[a-z_]+", key) else yaml_scalar(key)


def yaml_lines(mapping: dict, indent: str = "") -> list[str]:
    """Block-style YAML for a mapping of scalars, lists (of scalars or mappings) and mappings."""
    lines: list[str] = []
    for key, value in mapping.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{yaml_key(key)}:")
            lines.extend(yaml_lines(value, indent + "  "))
        elif isinstance(value, list):
            lines.append(f"{indent}{yaml_key(key)}:")
            for item in value:
                if isinstance(item, dict):
                    sub = yaml_lines(item, indent + "    ")
                    sub[0] = f"{indent}  - {sub[0].lstrip()}"
                    lines.extend(sub)
                else:
                    lines.append(f"{indent}  - {yaml_scalar(item)}")
        else:
            lines.append(f"{indent}{yaml_key(key)}: {yaml_scalar(value)}")
    return lines


# --- The model ------------------------------------------------------------------------------

@dataclass
class Record:
    """One record: its collection, id, fields in output order, and how prose can name it."""

    collection: str
    id: str
    fields: dict = field(default_factory=dict)
    display: str = ""  # the name, title or term; empty for quotes
    mentions: list[str] = field(default_factory=list)  # display + alias texts, for prose

    def alias_texts(self) -> list[str]:
        return [a["text"] if isinstance(a, dict) else a for a in self.fields.get("aliases", [])]


@dataclass
class Document:
    """An article or page: front matter fields and a Markdown body."""

    kind: str  # "articles" or "pages"
    id: str
    front: dict
    body: str


class Site:
    """All generated content, built in memory in a fixed order and then written out."""

    def __init__(self, records: int, seed: int) -> None:
        if records < MIN_RECORDS:
            raise ValueError(f"--records must be at least {MIN_RECORDS}")
        self.rng = random.Random(seed)
        self.total = records
        self.counts = collection_counts(records)
        self.ids: set[str] = set(vocab.RESERVED_IDS)
        self.texts: set[str] = set()  # every name and alias, casefolded
        self.referenced: set[str] = set()
        self.records: dict[str, list[Record]] = {name: [] for name in PROPORTIONS}
        self.countries: list[Record] = []
        self.cities: list[Record] = []
        self.facilities: list[Record] = []
        self.documents: list[Document] = []
        self.seed_docs: dict[str, str] = {}  # seeds/doc-XXXX.txt -> text
        self.pending: dict[str, list[str]] = {}  # unreferenced ids that articles will link
        self.by_id: dict[str, Record] = {}

    # ids, names and refs

    def new_id(self, text: str) -> str:
        base = slugify(text)
        candidate, n = base, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{n}"
        self.ids.add(candidate)
        return candidate

    def claim(self, text: str) -> bool:
        """Reserve a name or alias; False if it (ignoring case) is taken."""
        key = " ".join(text.casefold().split())
        if key in self.texts:
            return False
        self.texts.add(key)
        return True

    def unique_name(self, draw: Callable[..., str], *args: object) -> str:
        """A name from `draw(*args)` that no other record uses; after 20 draws, "Name (2)" etc."""
        for _ in range(20):
            name = draw(*args)
            if self.claim(name):
                return name
        n = 2
        while not self.claim(f"{name} ({n})"):
            n += 1
        return f"{name} ({n})"

    def ref(self, record: Record) -> str:
        """`record`'s id, counted as referred to."""
        self.referenced.add(record.id)
        return record.id

    def link(self, record: Record, text: str | None = None) -> str:
        """A `[[id]]` or `[[id|text]]` link, counted as a reference."""
        self.referenced.add(record.id)
        return f"[[{record.id}|{text}]]" if text else f"[[{record.id}]]"

    def add(self, record: Record, candidates: list[str], low: int, high: int) -> Record:
        """File `record`, with between `low` and `high` aliases taken in order from `candidates`
        (skipping any another record has claimed); some get the `{text, priority}` form."""
        want = self.rng.randint(low, high)
        kept: list[str | dict] = []
        for text in candidates:
            if len(kept) == want:
                break
            if len(text) >= 3 and text != record.display and self.claim(text):
                kept.append({"text": text, "priority": 1} if self.rng.random() < 0.05 else text)
        if kept:
            record.fields["aliases"] = kept
        record.mentions = ([record.display] if record.display else []) + record.alias_texts()
        self.records[record.collection].append(record)
        return record

    # random draws

    def pick(self, collection: str, exclude: Record | None = None) -> Record:
        pool = self.records[collection]
        while True:
            choice = self.rng.choice(pool)
            if choice is not exclude or len(pool) == 1:
                return choice

    def sample(self, collection: str, k: int, exclude: Record | None = None) -> list[Record]:
        pool = self.records[collection]
        chosen: list[Record] = []
        for record in self.rng.sample(pool, min(len(pool), k + 1)):
            if record is not exclude and len(chosen) < k:
                chosen.append(record)
        return chosen

    def date_parts(self, lo: int = 2012, hi: int = 2025) -> tuple[int, int, int]:
        """(year, month, day) with month/day 0 for coarser precision: 20% year, 30% month, 50% day."""
        year = self.rng.randint(lo, hi)
        roll = self.rng.random()
        if roll < 0.2:
            return (year, 0, 0)
        month = self.rng.randint(1, 12)
        return (year, month, 0) if roll < 0.5 else (year, month, self.rng.randint(1, 28))

    def date(self, parts: tuple[int, int, int] | None = None) -> str:
        """A content date, quoted or not (the contract accepts both)."""
        year, month, day = parts or self.date_parts()
        text = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
        return Raw(text) if self.rng.random() < 0.5 else text

    def mention(self, record: Record) -> str:
        """How prose names `record`: mostly its display name, sometimes an alias."""
        if len(record.mentions) > 1 and self.rng.random() < 0.35:
            return self.rng.choice(record.mentions[1:])
        return record.mentions[0]


def collection_counts(total: int) -> dict[str, int]:
    counts = {name: max(1, int(total * share)) for name, share in PROPORTIONS.items()}
    counts["people"] += total - sum(counts.values())
    return counts


def a_or_an(word: str) -> str:
    return "An" if word[0] in "aeiou" else "A"


def when_label(parts: tuple[int, int, int]) -> str:
    year, month, day = parts
    if day:
        return f"{day} {vocab.MONTHS[month - 1]} {year}"
    if month:
        return f"{vocab.MONTHS[month - 1]} {year}"
    return str(year)


# --- Names ----------------------------------------------------------------------------------

def person_name(rng: random.Random) -> tuple[str, str]:
    """(given name, surname); a third of given names come from a fixed list with accents."""
    if rng.random() < 0.35:
        given = rng.choice(vocab.GIVEN_NAMES)
    else:
        given = rng.choice(vocab.GIVEN_START) + rng.choice(vocab.GIVEN_END)
    surname = syllable_word(rng, vocab.SURNAME_START, vocab.SURNAME_MIDDLE, vocab.SURNAME_END)
    if rng.random() < 0.12:
        other = syllable_word(rng, vocab.SURNAME_START, vocab.SURNAME_MIDDLE, vocab.SURNAME_END)
        surname = f"{surname}-{other}" if rng.random() < 0.5 else f"{surname} de {other}"
    return given, surname


def syllable_word(rng: random.Random, starts: tuple, middles: tuple, ends: tuple) -> str:
    word = rng.choice(starts) + rng.choice(middles) + rng.choice(ends)
    return word[0].upper() + word[1:].lower()


def place_word(rng: random.Random, ends: tuple) -> str:
    return syllable_word(rng, vocab.PLACE_START, vocab.PLACE_MIDDLE, ends)


def demonym(country: str) -> str:
    if country.endswith("a"):
        return country + "n"
    if country.endswith(("land", "stan")):
        return country + "i"
    return country + "ese"


# --- Collections ----------------------------------------------------------------------------

def build_places(site: Site) -> None:
    """Countries, then regions within countries, cities within regions, facilities within cities."""
    rng = site.rng
    total = site.counts["places"]
    n_countries = max(2, total // 12)
    n_regions = max(1, total // 5)
    n_cities = max(1, total // 3)
    regions: list[Record] = []
    for i in range(total):
        if i < n_countries:
            name = site.unique_name(place_word, rng, vocab.COUNTRY_END)
            record = Record("places", site.new_id(name), {"name": name, "kind": "country"}, name)
            people = demonym(name)
            site.add(record, [f"Republic of {name}", ascii_fold(name), f"Rep. of {name}",
                              f"the {people} state", f"{name} government",
                              f"the {people} Republic"], 3, 5)
            site.countries.append(record)
        elif i < n_countries + n_regions:
            country = rng.choice(site.countries)
            kind = rng.choice(vocab.REGION_KINDS)
            name = site.unique_name(region_name, rng)
            record = Record("places", site.new_id(name), {"name": name, "kind": kind}, name)
            record.fields["within"] = site.ref(country)
            site.add(record, [f"{name} {kind.title()}", ascii_fold(name), f"the {name} {kind}",
                              f"{name} of {country.display}", f"{country.display}'s {name}"], 3, 5)
            regions.append(record)
        elif i < n_countries + n_regions + n_cities:
            within = rng.choice(regions) if regions else rng.choice(site.countries)
            name = site.unique_name(place_word, rng, vocab.CITY_END)
            kind = "city" if rng.random() < 0.6 else "town"
            record = Record("places", site.new_id(name), {"name": name, "kind": kind}, name)
            record.fields["within"] = site.ref(within)
            site.add(record, [f"{name} City", ascii_fold(name), f"Greater {name}",
                              f"{name} metropolitan area", f"the city of {name}",
                              f"downtown {name}"], 3, 5)
            site.cities.append(record)
        else:
            for attempt in range(10**6):  # redraw the city and kind until the name is free
                city = rng.choice(site.cities or site.countries)
                kind, label = rng.choice(vocab.FACILITY_KINDS)
                name = f"{city.display} {label}" + (f" No. {attempt}" if attempt >= 20 else "")
                if site.claim(name):
                    break
            record = Record("places", site.new_id(name), {"name": name, "kind": kind}, name)
            record.fields["within"] = site.ref(city)
            site.add(record, [acronym(name), f"the {city.display} {kind}", ascii_fold(name),
                              f"{label} of {city.display}", f"the {kind} at {city.display}",
                              f"{city.display} {kind} complex"], 3, 5)
            site.facilities.append(record)


def region_name(rng: random.Random) -> str:
    return f"{rng.choice(vocab.REGION_WORDS)} {place_word(rng, ('', 'a', 'ia', 'o'))}"


def build_institutions(site: Site) -> None:
    rng = site.rng
    cities = site.cities or site.countries
    for _ in range(site.counts["institutions"]):
        country = rng.choice(site.countries)
        city = rng.choice(cities)
        kind, pattern = rng.choice(vocab.INSTITUTION_PATTERNS)
        fld = rng.choice(vocab.FIELDS)
        name = site.unique_name(institution_name, rng, pattern, fld, country, cities)
        record = Record("institutions", site.new_id(name), {"name": name}, name)
        short = acronym(name)
        if len(short) >= 3 and site.claim(short):
            record.fields["short_name"] = short
        record.fields["kind"] = kind
        record.fields["country"] = site.ref(country)
        earlier = site.records["institutions"]
        if earlier and rng.random() < 0.2:
            record.fields["parent"] = site.ref(rng.choice(earlier))
        if rng.random() < 0.7:
            record.fields["founded"] = site.date(site.date_parts(1950, 2009))
        if rng.random() < 0.5:
            labels = rng.sample(vocab.FACT_LABELS, rng.randint(1, 3))
            record.fields["facts"] = {label: fact_value(rng, label, city) for label in labels}
        adjective = demonym(country.display)
        site.add(record, [f"{country.display}'s {fld} {kind}", f"{name} of {country.display}",
                          f"the {fld} {kind} in {city.display}", ascii_fold(name),
                          f"{adjective} {fld.lower()} {kind}", f"{short} {country.display}",
                          f"the {kind} led by {person_name(rng)[1]}", f"{name} ({short})",
                          f"the {adjective} {name.removeprefix('The ')}"], 4, 8)


def institution_name(rng: random.Random, pattern: str, fld: str, country: Record,
                     cities: list[Record]) -> str:
    return pattern.format(
        field=fld, adj=demonym(country.display), city=rng.choice(cities).display,
        surname=person_name(rng)[1], party=rng.choice(vocab.PARTY_WORDS),
        paper=rng.choice(vocab.PAPER_WORDS), country=country.display,
        company=rng.choice(vocab.COMPANY_WORDS))


def fact_value(rng: random.Random, label: str, city: Record) -> str:
    if label == "Headquarters":
        return city.display
    if label == "Staff":
        return f"{rng.randint(12, 9000):,}"
    if label == "Annual budget":
        return f"${rng.randint(2, 900)} million"
    if label == "Website":
        return f"https://example.org/{rng.randint(100, 999)}"
    if label == "Head":
        return " ".join(person_name(rng))
    return rng.choice(("public body", "non-profit", "state-owned", "private company"))


def build_people(site: Site) -> None:
    rng = site.rng
    for _ in range(site.counts["people"]):
        given, surname = person_name(rng)
        while not site.claim(f"{given} {surname}"):  # the name space is ~10 million
            given, surname = person_name(rng)
        name = f"{given} {surname}"
        record = Record("people", site.new_id(name), {"name": name}, name)
        roles = []
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            role: dict = {"title": rng.choice(vocab.ROLE_TITLES)}
            if site.records["institutions"] and rng.random() < 0.85:
                role["organization"] = site.ref(site.pick("institutions"))
            if rng.random() < 0.6:
                start = site.date_parts(1995, 2022)
                role["start"] = site.date((start[0], start[1], 0))
                if rng.random() < 0.4:
                    role["end"] = site.date((start[0] + rng.randint(1, 3), 0, 0))
            roles.append(role)
        record.fields["roles"] = roles
        country = rng.choice(site.countries)
        if rng.random() < 0.8:
            record.fields["country"] = site.ref(country)
        if rng.random() < 0.3:
            record.fields["links"] = [{"title": "Official profile",
                                       "url": f"https://example.org/people/{record.id}"}]
        title = roles[0]["title"]
        prefix = vocab.TITLE_PREFIX.get(title, "Dr.")
        middle = rng.choice(vocab.GIVEN_NAMES)
        other_surname = person_name(rng)[1]
        site.add(record, [surname, f"{prefix} {surname}", f"{given[0]}. {surname}",
                          f"{given} {middle} {surname}", ascii_fold(name), f"{prefix} {name}",
                          f"{rng.choice(vocab.NICKNAMES)} {surname}", f"{title} {surname}",
                          f"{given[0]}. {middle[0]}. {surname}", f"{surname} {other_surname}",
                          f"{demonym(country.display)} {title} {surname}",
                          f"{title} {name}", f"{given} {other_surname} {surname}"], 5, 11)


def build_sources(site: Site) -> None:
    rng = site.rng
    width = max(4, len(str(site.counts["sources"])))
    for i in range(site.counts["sources"]):
        publisher = rng.choice(vocab.PUBLISHERS)
        parts = site.date_parts(2018, 2025)
        if not parts[2]:
            parts = (parts[0], parts[1] or 1, rng.randint(1, 28))
        subject = site.mention(site.pick("people"))
        title = site.unique_name(str.format, "{}: report on {} ({})", publisher, subject,
                                 when_label(parts))
        record = Record("sources", site.new_id(f"{publisher} {parts[0]:04d} {parts[1]:02d} {parts[2]:02d}"),
                        {"title": title, "publisher": publisher}, title)
        if rng.random() < 0.6:
            record.fields["url"] = f"https://example.org/{slugify(publisher)}/{record.id}"
        record.fields["date"] = site.date(parts)
        record.fields["file"] = f"seeds/doc-{i + 1:0{width}d}.txt"
        site.add(record, [f"the {publisher} report of {when_label(parts)}",
                          f"{publisher} document {i + 1}", f"{publisher} file {record.id}"], 1, 3)


def build_glossary(site: Site) -> None:
    rng = site.rng
    for _ in range(site.counts["glossary"]):
        term = site.unique_name(glossary_term, rng)
        record = Record("glossary", site.new_id(term), {"term": term}, term)
        abbreviation = acronym(term)
        if rng.random() < 0.6 and site.claim(abbreviation):
            record.fields["abbreviation"] = abbreviation
        site.add(record, [term + "s", term.replace(" ", "-", 1), f"the {term.lower()}",
                          f"{term} regime", f"{term.lower()} rules"], 2, 4)


def glossary_term(rng: random.Random) -> str:
    return " ".join((rng.choice(vocab.TERM_ADJECTIVES), rng.choice(vocab.TERM_NOUNS),
                     rng.choice(vocab.TERM_HEADS)))


def build_agreements(site: Site) -> None:
    rng = site.rng
    for _ in range(site.counts["agreements"]):
        for attempt in range(10**6):  # redraw everything until the title is free
            kind, pattern = rng.choice(vocab.AGREEMENT_KINDS)
            a, b = rng.sample(site.countries, 2)
            fld = rng.choice(vocab.FIELDS)
            city = rng.choice(site.cities or site.countries)
            title = pattern.format(field=fld, a=a.display, b=b.display, city=city.display)
            if attempt >= 5:
                title += f" of {rng.randint(1990, 2025)}"
            if attempt >= 20:
                title += f" ({attempt})"
            if site.claim(title):
                break
        record = Record("agreements", site.new_id(title), {"title": title, "kind": kind}, title)
        record.fields["status"] = rng.choice(vocab.AGREEMENT_STATUSES)
        parts = site.date_parts(2010, 2025)
        record.fields["date"] = site.date(parts)
        parties = [site.ref(a), site.ref(b)] + [site.ref(r) for r in site.sample("institutions", 1)]
        record.fields["parties"] = parties
        signatories = site.sample("people", rng.randint(1, 3))
        record.fields["signatories"] = [site.ref(p) for p in signatories]
        record.fields["terms"] = agreement_terms(site, signatories, rng.randint(2, 4))
        site.add(record, [acronym(title), f"the {city.display} deal",
                          f"the {a.display}–{b.display} deal", f"{fld} pact of {parts[0]}",
                          ascii_fold(title), f"the {a.display}–{b.display} {kind}",
                          f"the {parts[0]} {fld.lower()} {kind}"], 3, 5)


def agreement_terms(site: Site, signatories: list[Record], count: int) -> list[str]:
    rng = site.rng
    options = [
        f"Up to **{rng.randint(2, 400) * 100:,}** detainees may be transferred each year.",
        f"The receiving state is paid a fee of ${rng.randint(2, 90)} million a year.",
        f"Either party may end the agreement with {rng.randint(1, 12)} months' notice.",
        f"Disputes are settled by {site.link(rng.choice(signatories))} and a joint commission.",
        f"Reviewed every {rng.randint(1, 5)} years by {site.mention(site.pick('institutions'))}.",
    ]
    return rng.sample(options, count)


def build_events(site: Site) -> None:
    rng = site.rng
    for _ in range(site.counts["events"]):
        what, pattern = rng.choice(vocab.EVENT_PATTERNS)
        people = site.sample("people", 2)
        inst = site.pick("institutions")
        place = rng.choice(site.facilities or site.cities or site.countries)
        parts = site.date_parts(2012, 2018)
        title = site.unique_name(event_title, site, pattern, people, inst, place)
        record = Record("events", site.new_id(title), {"title": title, "date": site.date(parts)},
                        title)
        if rng.random() < 0.25:
            year, month, day = parts
            end = (year + rng.randint(0, 1), month and rng.randint(month, 12),
                   day and rng.randint(day, 28))
            record.fields["end"] = site.date(end)
        participants = people[: rng.randint(1, len(people))] + [inst]
        record.fields["participants"] = [site.ref(p) for p in participants]
        record.fields["place"] = site.ref(place)
        label = when_label(parts)
        site.add(record, [f"the {label} {what}", f"{title} ({parts[0]})", ascii_fold(title),
                          f"the {what} of {label} at {place.display}",
                          f"the {place.display} {what} of {label}",
                          f"the {parts[0]} {what} at {place.display}"], 3, 5)


def event_title(site: Site, pattern: str, people: list[Record], inst: Record,
                place: Record) -> str:
    rng = site.rng
    surname2 = people[1].display.split()[-1] if len(people) > 1 else "the envoy"
    return pattern.format(
        surname=people[0].display.split()[-1], surname2=surname2,
        city=rng.choice(site.cities or site.countries).display,
        inst=inst.fields.get("short_name", inst.display), field=rng.choice(vocab.FIELDS),
        agreement=site.pick("agreements").display, country=rng.choice(site.countries).display,
        facility=place.display, term=site.pick("glossary").display)


def build_quotes(site: Site) -> list[tuple[Record, str]]:
    """Quotes, each assigned to a source; returns (quote, text as the document prints it)."""
    rng = site.rng
    sources = site.records["sources"]
    in_document: list[tuple[Record, str]] = []
    for i in range(site.counts["quotes"]):
        speaker = site.pick("people")
        source = sources[i] if i < len(sources) else rng.choice(sources)  # every source gets one
        text = rng.choice(vocab.SPEECH_SENTENCES)
        if rng.random() < 0.4:
            text += ". " + rng.choice(vocab.SPEECH_SENTENCES)
        record = Record("quotes", site.new_id(f"{speaker.display.split()[-1]} {text}"))
        record.fields["text"] = text
        record.fields["speaker"] = site.ref(speaker)
        record.fields["source"] = site.ref(source)
        record.fields["date"] = source.fields["date"]
        if rng.random() < 0.5:
            record.fields["context"] = (f"Speaking about the {site.mention(site.pick('agreements'))}, "
                                        f"as reported by {site.link(source)}.")
        if rng.random() < 0.15:
            record.fields["reported_by"] = site.ref(site.pick("people", exclude=speaker))
        # The document uses typographic apostrophes half the time; verification ignores that.
        printed = text.replace("'", "\u2019") if rng.random() < 0.5 else text
        in_document.append((record, printed))
        site.records["quotes"].append(record)
        speaker.fields.setdefault("related", []).append(site.ref(record))
    return in_document


# --- Prose ----------------------------------------------------------------------------------

PLACEHOLDER_COLLECTION = {
    "person": "people", "person2": "people", "inst": "institutions", "place": "places",
    "term": "glossary", "event": "events", "agreement": "agreements",
}
_FIELDS_OF = {t: [f for _, f, _, _ in string.Formatter().parse(t) if f]
              for t in vocab.PROSE_SENTENCES + vocab.HEADLINES}


def sentence(site: Site, template: str, links: bool, forced: list[str] | None = None) -> str:
    """Fill a template with record names. With `links`, some become `[[id]]` / `[[id|text]]`;
    ids in `forced` (unreferenced so far) are linked first when their collection fits."""
    rng = site.rng
    values: dict[str, str] = {}
    for name in _FIELDS_OF[template]:
        if name in values:
            continue
        if name == "when":
            values[name] = when_label(site.date_parts())
        elif name == "number":
            values[name] = f"{rng.randint(2, 900):,}"
        else:
            collection = PLACEHOLDER_COLLECTION[name]
            pending = site.pending.get(collection) if forced is not None else None
            if pending and rng.random() < 0.5:
                record = site.by_id[pending.pop()]
                forced.append(record.id)
                values[name] = site.link(record, None if rng.random() < 0.5
                                         else site.mention(record))
                continue
            record = site.pick(collection)
            roll = rng.random() if links else 1.0
            if roll < 0.04:
                values[name] = site.link(record)
            elif roll < 0.08:
                values[name] = site.link(record, site.mention(record))
            else:
                values[name] = site.mention(record)
    text = template.format(**values)
    return text[0].upper() + text[1:]


def paragraphs(site: Site, count: tuple[int, int], links: bool,
               forced: list[str] | None = None) -> list[str]:
    rng = site.rng
    result = []
    for _ in range(rng.randint(*count)):
        sentences = [sentence(site, rng.choice(vocab.PROSE_SENTENCES), links, forced)
                     for _ in range(rng.randint(2, 5))]
        result.append(" ".join(sentences))
    return result


def build_summaries(site: Site) -> None:
    """A Markdown summary for most records, and a few `related` / `sources` refs."""
    rng = site.rng
    sources = site.records["sources"]
    for collection, records in site.records.items():
        for record in records:
            if collection == "glossary":
                record.fields["definition"] = definition(site, record)
                if len(records) > 1 and rng.random() < 0.4:
                    record.fields["see_also"] = [site.ref(r) for r in site.sample(
                        "glossary", rng.randint(1, 2), exclude=record)]
            elif collection != "quotes" and rng.random() < 0.85:
                record.fields["summary"] = summary(site, record)
            if rng.random() < 0.25:
                other = site.pick(rng.choice(("people", "institutions", "events", "agreements")),
                                  exclude=record)
                if other is not record:
                    record.fields.setdefault("related", []).append(site.ref(other))
            if collection not in ("sources", "quotes") and rng.random() < 0.3:
                record.fields["sources"] = [site.ref(rng.choice(sources))]
            if rng.random() < 0.2:
                record.fields["tags"] = rng.sample(vocab.TAGS, rng.randint(1, 3))


def summary(site: Site, record: Record) -> str:
    rng = site.rng
    f = record.fields
    if record.collection == "people":
        role = f["roles"][0]
        org = f" at {site.link(site.by_id[role['organization']])}" if "organization" in role else ""
        lead = f"{role['title']}{org}."
    elif record.collection == "institutions":
        lead = f"{a_or_an(f['kind'])} {f['kind']} in {site.mention(site.by_id[f['country']])}."
    elif record.collection == "places":
        lead = f"{a_or_an(f['kind'])} {f['kind']}" + (f" in {site.by_id[f['within']].display}." if "within" in f
                                   else ".")
    elif record.collection == "agreements":
        lead = f"{a_or_an(f['kind'])} {f['kind']}, {f['status']} as of {f['date']}."
    elif record.collection == "events":
        lead = f"Took place in {site.mention(site.by_id[f['place']])}."
    else:
        lead = f"Published by {f['publisher']}."
    extra = sentence(site, rng.choice(vocab.PROSE_SENTENCES), links=True)
    return f"{lead} {extra}"


def definition(site: Site, record: Record) -> str:
    rng = site.rng
    inst = site.pick("institutions")
    text = (f"A {rng.choice(('legal', 'administrative', 'diplomatic', 'judicial'))} "
            f"{rng.choice(('measure', 'status', 'procedure', 'arrangement'))} under which "
            f"{site.mention(inst)} may {rng.choice(('hold', 'transfer', 'release', 'screen'))} "
            f"people {rng.choice(('without trial', 'for up to a year', 'abroad', 'on request'))}.")
    if rng.random() < 0.3:
        text += f" Compare {site.link(site.pick('glossary', exclude=record))}."
    return text


def build_documents(site: Site) -> None:
    """About N/10 articles of ~1.5 KB prose, then a few pages. Articles link unreferenced records."""
    rng = site.rng
    n_articles = max(1, site.total // 10)
    byline_names = [" ".join(person_name(rng)) for _ in range(40)]
    # Records nobody refers to yet, per collection, handed out to articles as [[id]] links.
    for collection, records in site.records.items():
        site.pending[collection] = [r.id for r in reversed(records) if r.id not in site.referenced]
    for _ in range(n_articles):
        title = sentence(site, rng.choice(vocab.HEADLINES), links=False)
        forced: list[str] = []
        body = paragraphs(site, (3, 5), links=True, forced=forced)
        front = {"title": title,
                 "dek": rng.choice(vocab.DEKS).format(subject=site.mention(site.pick("agreements"))),
                 "date": site.date(site.date_parts(2019, 2025)),
                 "byline": f"By {rng.choice(byline_names)}",
                 "sources": [site.ref(s) for s in site.sample("sources", rng.randint(1, 3))]}
        site.documents.append(Document("articles", site.new_id(title), front, "\n\n".join(body)))
    pages = (("About this explainer", "about-this-explainer"), ("Methodology", "methodology"),
             ("Corrections", "corrections"), ("How to read this site", "how-to-read-this-site"))
    for title, page_id in pages:
        site.ids.add(page_id)
        body = paragraphs(site, (2, 4), links=True)
        body.append("Start with " + ", ".join(site.link(site.pick(c)) for c in
                                              ("people", "institutions", "agreements")) + ".")
        site.documents.append(Document("pages", page_id, {"title": title}, "\n\n".join(body)))


def cover_unreferenced(site: Site) -> None:
    """Records still nobody's target after the articles get a `related` ref from another record."""
    rng = site.rng
    for records in site.records.values():
        for record in records:
            if record.id not in site.referenced:
                other = site.pick(rng.choice(("people", "institutions", "events")), exclude=record)
                other.fields.setdefault("related", []).append(site.ref(record))


def build_seed_documents(site: Site, quotes: list[tuple[Record, str]]) -> None:
    """One plain-text document per source; its quotes appear in it word for word."""
    rng = site.rng
    by_source: dict[str, list[tuple[Record, str]]] = {}
    for quote, printed in quotes:
        by_source.setdefault(quote.fields["source"], []).append((quote, printed))
    for source in site.records["sources"]:
        paras = paragraphs(site, (4, 9), links=False)
        for quote, printed in by_source.get(source.id, []):
            speaker = site.by_id[quote.fields["speaker"]]
            line = f"\u201c{printed},\u201d {site.mention(speaker)} said."
            at = rng.randrange(len(paras))
            paras[at] = f"{paras[at]} {line}"
        # A third of the documents are hard-wrapped, so some quotes cross a line break.
        if rng.random() < 0.33:
            paras = [textwrap.fill(p, 78, break_on_hyphens=False) for p in paras]
        site.seed_docs[source.fields["file"]] = "\n\n".join(paras) + "\n"


def build_site(records: int, seed: int) -> Site:
    """Everything, in memory, in a fixed order."""
    site = Site(records, seed)
    build_places(site)
    build_institutions(site)
    build_people(site)
    build_sources(site)
    build_glossary(site)
    build_agreements(site)
    build_events(site)
    quotes = build_quotes(site)
    site.by_id = {r.id: r for rs in site.records.values() for r in rs}
    build_summaries(site)
    build_documents(site)
    cover_unreferenced(site)
    build_seed_documents(site, quotes)
    return site


# --- Output ---------------------------------------------------------------------------------

def write_site(site: Site, out: Path, records: int, seed: int) -> None:
    prepare_output(out)
    content = out / "content"
    content.mkdir(parents=True)
    write(content / "site.yaml", "\n".join(yaml_lines({
        "title": f"Synthetic explainer ({records:,} records)",
        "description": "A generated explainer for benchmarking: people, institutions, "
                       "agreements and the documents behind them.",
        "language": "en", "base_url": "/", "author": "Benchmark Desk",
        "link_mentions": "first-per-page",
        # Articles made of sentences full of names: the benchmark wants every link, not restraint.
        "max_linked_share": 1})) + "\n")
    for collection, items in site.records.items():
        if collection in SINGLE_FILE_COLLECTIONS:
            lines = []
            for record in items:
                item = yaml_lines({"id": record.id, **record.fields}, "  ")
                item[0] = "- " + item[0][2:]
                lines.extend(item)
            write(content / f"{collection}.yaml", "\n".join(lines) + "\n")
        else:
            folder = content / collection
            folder.mkdir()
            for record in items:
                write(folder / f"{record.id}.yaml", "\n".join(yaml_lines(record.fields)) + "\n")
    for kind in ("articles", "pages"):
        (content / kind).mkdir()
    for doc in site.documents:
        text = "---\n" + "\n".join(yaml_lines(doc.front)) + "\n---\n\n" + doc.body + "\n"
        write(content / doc.kind / f"{doc.id}.md", text)
    (out / "seeds").mkdir()
    for path, text in site.seed_docs.items():
        write(out / path, text)
    write(out / MARKER, json.dumps({"generator": GENERATOR_VERSION, "records": records,
                                    "seed": seed}) + "\n")


def write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def prepare_output(out: Path) -> None:
    """Make `out` empty of our own files; refuse to touch a folder we did not generate."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            raise SystemExit(f"error: {out} is not empty and was not made by this generator")
        for name in ("content", "seeds"):
            shutil.rmtree(out / name, ignore_errors=True)
        (out / MARKER).unlink()
    out.mkdir(parents=True, exist_ok=True)


def generate(records: int, out: Path, seed: int = 1) -> Site:
    """Generate a site root with `records` records into `out`; returns the in-memory model."""
    site = build_site(records, seed)
    write_site(site, out, records, seed)
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, required=True, help="number of records (>= 20)")
    parser.add_argument("--out", type=Path, required=True, help="site root to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    if args.records < MIN_RECORDS:
        parser.error(f"--records must be at least {MIN_RECORDS}")
    site = generate(args.records, args.out, args.seed)
    n_records = sum(len(r) for r in site.records.values())
    n_aliases = sum(len(r.fields.get("aliases", [])) for rs in site.records.values() for r in rs)
    print(f"wrote {args.out}: {n_records} records, {n_aliases} aliases, "
          f"{len(site.documents)} articles and pages, {len(site.seed_docs)} seed documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
