"""Dates with the precision the writer gave: a year, a month, or a day.

"2023" stays a year: it is shown as "2023" and sorts before every dated day of 2023.
A value that is not a date is refused with the reason: not in the format, or a day or month
that does not exist.

Dates are shown to readers in the page's language from Babel's CLDR data, at their precision:
"2023", "February 2025", "February 3, 2025" in English; "2023", "febrero de 2025",
"3 de febrero de 2025" in Spanish. `MONTHS` (English) is for messages to writers and for reading
English text, never for pages.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
from typing import Literal, NamedTuple

from babel.dates import format_skeleton, get_month_names
from babel.dates import parse_pattern as _parse_pattern

from explainer.core.i18n import DEFAULT_LANGUAGE, locale_for

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class PartialDate(NamedTuple):
    """A date of year, month or day precision. Missing parts are 0, so coarser dates sort first.
    (A named tuple: a site has tens of thousands, which a cached build reads back in a third of
    a dataclass's time; it orders as (year, month, day), as the dataclass did.)"""

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """The date as written in content: ``2023``, ``2025-02`` or ``2025-02-03``."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def label(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The date for readers in `lang`: "2023", "February 2025", "February 3, 2025"."""
        return _label(self, lang)

    def month_label(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return month_name(self.month, lang) if self.month else ""

    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        return self.iso()


class DateError(ValueError):
    """Why a value is not a date, said to the writer after "invalid date '…': "."""


def read_date(value: object) -> PartialDate:
    """Parse a YAML value (string, int year, or date) into a PartialDate; DateError says why not."""
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    match = _DATE_RE.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise DateError("use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if year < 1:
        raise DateError("there is no year 0")
    if match.group(2) and not 1 <= month <= 12:
        raise DateError(f"there is no month {month}")
    if match.group(3):
        days = calendar.monthrange(year, month)[1]
        if day == 0:
            raise DateError("there is no day 0")
        if day > days:
            raise DateError(f"{MONTHS[month - 1]} {year} has {days} days")
    return PartialDate(year, month, day)


def parse_date(value: object) -> PartialDate | None:
    """The PartialDate of a YAML value, or None if it is not one (see read_date for why)."""
    try:
        return read_date(value)
    except DateError:
        return None


# The CLDR skeleton of each precision: the fields shown, in the order and words the language uses.
SKELETONS = {"year": "y", "month": "yMMMM", "day": "yMMMMd"}


@functools.cache
def _label(date: PartialDate, lang: str) -> str:
    return format_skeleton(SKELETONS[date.precision], date.first_day(), locale=locale_for(lang))


@functools.cache
def month_name(
    month: int, lang: str = DEFAULT_LANGUAGE, width: Literal["wide", "abbreviated", "narrow"] = "wide",
) -> str:
    """A month's name standing alone in `lang`: "February", "febrero"; `width` "abbreviated" or "narrow"."""
    return str(get_month_names(width, "stand-alone", locale=locale_for(lang))[month])


def _interval_patterns(skeleton: str, lang: str) -> dict[str, list[str]]:
    """CLDR's interval patterns for `skeleton`, keyed by the largest field that differs.

    A locale without patterns for full month names ("yMMMMd" in English) has them for
    abbreviated ones ("yMMMd"): CLDR's rule is to widen the month field, which Babel leaves out.
    """
    formats = locale_for(lang).interval_formats
    if skeleton in formats:
        return dict(formats[skeleton])
    short = skeleton.replace("MMMM", "MMM")
    if short in formats:
        return {field: [part.replace("MMM", "MMMM") for part in parts] for field, parts in formats[short].items()}
    return {}


def range_label(start: PartialDate, end: PartialDate | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A date range for readers in `lang`: "2023 – 2025", "February 3 – 5, 2025", "3–5 de febrero de 2025".

    Dates of one precision are joined as CLDR's interval formats say (the parts they share
    written once); dates of different precisions as the language's fallback, "{0} – {1}".
    """
    if end is None or end == start:
        return start.label(lang)
    locale = locale_for(lang)
    if start.precision == end.precision:
        patterns = _interval_patterns(SKELETONS[start.precision], lang)
        field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        parts = patterns.get(field)
        if parts:
            first, second = start.first_day(), end.first_day()
            return _parse_pattern(parts[0]).apply(first, locale) + _parse_pattern(parts[1]).apply(second, locale)
    fallback = locale.interval_formats.get(None) or "{0} – {1}"
    return fallback.replace("{0}", start.label(lang)).replace("{1}", end.label(lang))
