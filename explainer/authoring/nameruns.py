"""The candidates for names in a report: its words (`Token`s, with where each sentence and
quotation starts) and the runs of capitalised words that may be a name, joined by the particles
inside one name ("Ministry of Culture", "Ana Ruiz de la Cruz").

A run ends at punctuation, at a new paragraph and after a possessive ("Bukele’s"); weekdays and
months are not names. `trim_run` drops what cannot start or end a name. What kind of thing a
run names is decided by `namefinder.RuleFinder`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explainer.authoring.gazetteer import country_named
from explainer.authoring.namecues import CONNECTORS, CONNECTORS_NEXT, CONNECTORS_START
from explainer.authoring.report import Report, Span
from explainer.core.dates import MONTHS

# Words that start a sentence without being a name.
FUNCTION_WORDS = set("""
a an the it its he she they we i you this that these those there here in on at by for from with
without but and or if as any not no under over after before when while since until what who why how
where each every all some many most much more less one two three asked according meanwhile however
also still yet so then than both either neither other another our your their his her my nothing
everyone everything someone something nobody none later earlier last next first second
""".split())
WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
MONTH_NAMES = set(MONTHS)

TOKEN_RE = re.compile(
    r"(?:[A-Z]\.){2,}|(?:Dr|Mr|Mrs|Ms|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Jr|Sr|Sra|Prof|Rev|Fr|Inc)\."
    r"|\w+(?:[-’']\w+)*"
)
OPEN_QUOTES = "“\"‘'(["


@dataclass
class Token:
    """A word of the body (an abbreviation such as "U.S." or "Dr." is one word)."""

    start: int
    end: int
    text: str
    initial: bool = False  # first word of a sentence or of a quotation
    paragraph: int = 0
    possessive: bool = False

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def word_tokens(report: Report, quotes: list[Span]) -> list[Token]:
    """The words of the body paragraphs, the dateline aside, with a possessive "’s" cut off."""
    text = report.text
    starts = {s.start for s in report.sentences} | {q.start for q in quotes}
    tokens: list[Token] = []
    for number, paragraph in enumerate(report.body_paragraphs):
        begin = paragraph.start
        if report.dateline and paragraph.start == report.dateline.span.start:
            begin = report.dateline.span.end
        for match in TOKEN_RE.finditer(text, begin, paragraph.end):
            word = match.group()
            end = match.end()
            possessive = word.endswith(("’s", "'s")) and len(word) > 2
            if possessive:
                word, end = word[:-2], end - 2
            # the first word of a sentence or quotation, behind any opening marks
            lead = match.start()
            initial = lead in starts or lead == begin
            while not initial and lead > begin and text[lead - 1] in OPEN_QUOTES:
                lead -= 1
                initial = lead in starts or lead == begin
            tokens.append(Token(match.start(), end, word, initial, number, possessive))
    return tokens


def gap_between(text: str, left: Token, right: Token) -> str:
    return text[left.end : right.start]


def capitalised_runs(report: Report, tokens: list[Token]) -> list[list[Token]]:
    """Maximal runs of capitalised words, joined by connectors ("Ministry of Culture")."""
    text = report.text
    runs: list[list[Token]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not token.capitalised or token.text in WEEKDAYS or token.text in MONTH_NAMES or token.text == "I":
            i += 1
            continue
        run = [token]
        j = i + 1
        while j < len(tokens):
            previous = run[-1]
            nxt = tokens[j]
            # punctuation between, a new paragraph, or a possessive ("Bukele’s") ends a name
            if gap_between(text, previous, nxt).strip() or previous.possessive or nxt.paragraph != previous.paragraph:
                break
            if nxt.capitalised and nxt.text not in WEEKDAYS and nxt.text not in MONTH_NAMES:
                run.append(nxt)
                j += 1
                continue
            # connectors: "of", "of the", "de la" between two capitalised words
            k = j
            chain: list[Token] = []
            while k < len(tokens) and tokens[k].text in (CONNECTORS_START if not chain else CONNECTORS_NEXT) and len(chain) < 2:
                if gap_between(text, tokens[k - 1], tokens[k]).strip():
                    break
                chain.append(tokens[k])
                k += 1
            if (
                chain and k < len(tokens) and tokens[k].capitalised
                and not gap_between(text, tokens[k - 1], tokens[k]).strip()
                and tokens[k].text not in MONTH_NAMES and tokens[k].text not in WEEKDAYS
            ):
                run.extend(chain)
                run.append(tokens[k])
                j = k + 1
                continue
            break
        runs.append(run)
        i = j
    return runs


def seen_inside(tokens: list[Token]) -> set[str]:
    """Capitalised words that occur somewhere other than the start of a sentence."""
    return {t.text for t in tokens if t.capitalised and not t.initial}


def trim_run(run: list[Token], seen: set[str]) -> list[Token]:
    """A run without what is not part of a name: its connectors at either end, and a sentence's
    first word, which is a name only when the text capitalises it elsewhere too (`seen`)."""
    while run and run[0].initial and (
        run[0].text.lower() in FUNCTION_WORDS
        or (len(run) == 1 and run[0].text not in seen and not run[0].possessive and not country_named(run[0].text))
    ):
        run = run[1:]
        if run:
            run[0] = Token(run[0].start, run[0].end, run[0].text, False)
    while run and run[0].text in CONNECTORS:
        run = run[1:]
    while run and run[-1].text in CONNECTORS:
        run = run[:-1]
    return run
