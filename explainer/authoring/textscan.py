"""Reading a news report: `analyse` runs the whole reading and gathers what it found.

Everything works on the plain text and keeps character offsets, so every finding can cite the
sentence it came from. The reading is rule-based and cautious: a capitalised run of words
becomes a name of a known kind only with evidence (a title such as "Secretary of State", an
institution word such as "Department" or "Watch", a country, a dateline, a role noun such as
"spokeswoman", an attribution verb); without evidence it is reported as unclassified rather
than guessed. Who said a quotation is decided from the attribution around it ("…,” Rubio said",
"said Bruce", "according to Human Rights Watch", "…, saying, “…”", "he wrote").

The steps, each in its own module: the document's structure (`report`: paragraphs, sentences,
headline, dateline), the candidates for names (`nameruns`) and what each names (`namefinder`,
with the word lists and cues of `namecues`), the mentions grouped into people, institutions and
places (`names`), the quotations and their speakers (`quotations`, with the verbs of saying of
`speech`), and the dates in running text (`textdates`).

The mention finder and the date finder are parameters, so another named-entity recogniser can
be compared with these rules on the same quotations, dates and grouping.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from explainer.authoring.namefinder import find_mentions
from explainer.authoring.namegroups import Mention, NameGroup, group_mentions
from explainer.authoring.quotations import QuoteFind, attribute, looks_like_name, quote_spans
from explainer.authoring.report import Report, Span
from explainer.authoring.textdates import DateFind, find_dates_in


@dataclass
class Reading:
    """Everything `analyse` found in one text."""

    report: Report
    groups: list[NameGroup]
    unclassified: list[NameGroup]
    quotes: list[QuoteFind]
    skipped_quotes: list[tuple[Span, str]]  # (span, why) for passages not proposed as quotes
    dates: list[DateFind]


def find_dates(report: Report) -> list[DateFind]:
    """The dates in the body paragraphs of `report`, the dateline aside."""
    found: list[DateFind] = []
    for paragraph in report.body_paragraphs:
        start = paragraph.start
        if report.dateline and report.dateline.span.start == paragraph.start:
            start = report.dateline.span.end
        found.extend(find_dates_in(report.text[start : paragraph.end], start))
    return found


MentionFinder = Callable[[Report, list[Span]], list[Mention]]
DateFinder = Callable[[Report], list[DateFind]]


def analyse(
    text: str, finder: MentionFinder = find_mentions, date_finder: DateFinder = find_dates
) -> Reading:
    """Read `text`: its structure, the names in it, who said each quotation, and its dates."""
    report = Report(text)
    skipped: list[tuple[Span, str]] = []
    spans = []
    found, unpaired = quote_spans(report)
    for paragraph in unpaired:
        skipped.append((paragraph, "straight quotation marks that do not pair up; no quotation taken from it"))
    for span in found:
        words = report.text[span.start : span.end]
        if not words.strip():
            continue
        if looks_like_name(words):
            skipped.append((span, "a name in quotation marks, not a quotation"))
            continue
        spans.append(span)
    mentions = finder(report, spans)
    groups, unclassified = group_mentions(mentions)
    quotes = attribute(report, groups, spans, unclassified)
    return Reading(report, groups, unclassified, quotes, skipped, date_finder(report))
