"""The titles `extract` proposes, taken from the document's own words.

An article's title is the document's first line when that is a headline, else its first
sentence when it is short, else the file name with its words in the text's own capitals
("us" → "U.S."). A candidate event's title is the clause holding its date, for the writer to
turn into what happened.
"""

from __future__ import annotations

import re

from explainer.authoring.report import Report
from explainer.authoring.textdates import DateFind

TITLE_MAX = 100
EVENT_TITLE_MAX = 90
# A file name's leading date: "2025-02-03-el-salvador-offers…"
DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[-_ ]*")


def article_title(report: Report, stem: str) -> tuple[str, str]:
    """The article's title and where it came from; `stem` is the document's file name without
    its suffix."""
    if report.headline:
        return report.snippet(report.headline), "the document's first line"
    if report.sentences:
        first = report.snippet(report.sentences[0])
        if len(first) <= TITLE_MAX:
            return first.rstrip("."), "the first sentence"
    words = DATE_PREFIX.sub("", stem).replace("_", "-").split("-")
    words = [_cased(report, w) for w in words if w]
    title = " ".join(words)
    return (title[:1].upper() + title[1:]) or stem, "the file name (check its capitals)"


def _cased(report: Report, word: str) -> str:
    """A file-name word as the text writes it mid-sentence ("us" → "U.S.", "el" → "El")."""
    starts = {s.start for s in report.sentences}
    after = report.dateline.span.end if report.dateline else 0
    for match in re.finditer(r"(?:[A-Z]\.){2,}|[\w’']+", report.text[after:]):
        found = match.group()
        if (
            found.replace(".", "").lower() == word.lower() and found[:1].isupper()
            and (len(found) < 2 or not found.isupper() or "." in found)
            and after + match.start() not in starts
        ):
            return found
    return word


def event_title(report: Report, found: DateFind) -> str:
    """The clause of its sentence that holds the date `found`, capitalised and cut to length."""
    sentence = report.sentence_of(found.start)
    text = report.text
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
