"""Dates written out in running text: "February 3, 2025", "3 February 2025", "August 2023", and
a year after a preposition ("in 2023", "since 1998"), each at the precision it is written.

`find_dates_in` reads any stretch of text (the date of a dateline as well as a paragraph) and
keeps character offsets, so every date found can cite its sentence; which paragraphs of a report
are read is `textscan.find_dates`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explainer.core.dates import MONTHS, PartialDate

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
DATE_PATTERNS = (
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? {_MONTH},? (?P<year>\d{{4}})\b"),
    re.compile(rf"\b{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<year>\d{{4}})\b"),
    re.compile(rf"\b{_MONTH},? (?P<year>\d{{4}})\b"),
    re.compile(
        r"\b(?:[Ii]n|[Ss]ince|by|[Uu]ntil|till|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter|of|early|late|"
        r"mid-|between|around|throughout)\s+(?P<year>1\d{3}|20\d{2})\b(?![,.]?\d)"
    ),
)


@dataclass(frozen=True)
class DateFind:
    """A date the text states, where it stands."""

    start: int
    end: int
    date: PartialDate


def _month_number(word: str) -> int:
    word = word.rstrip(".")[:3].lower()
    return [m[:3].lower() for m in MONTHS].index(word) + 1


def find_dates_in(text: str, offset: int = 0) -> list[DateFind]:
    """Dates written out in `text`: "February 3, 2025" (a day), "August 2023" (a month) and a year
    after a preposition ("in 2023"); each at the precision written."""
    taken: list[tuple[int, int]] = []
    found: list[DateFind] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            span = match.span("year") if "month" not in pattern.groupindex else match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            year = int(match.group("year"))
            month = _month_number(match.group("month")) if "month" in pattern.groupindex else 0
            day = int(match.group("day")) if "day" in pattern.groupindex else 0
            try:
                date = PartialDate(year, month, day)
                date.first_day()
            except ValueError:
                continue
            taken.append(match.span())
            found.append(DateFind(offset + span[0], offset + span[1], date))
    return sorted(found, key=lambda d: d.start)
