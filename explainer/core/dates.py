"""Dates with the precision the writer gave: a year, a month, or a day.

"2023" stays a year: it is shown as "2023" and sorts before every dated day of 2023.
A value that is not a date is refused with the reason: not in the format, or a day or month
that does not exist.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date of year, month or day precision. Missing parts are 0, so coarser dates sort first."""

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

    def label(self) -> str:
        """The date for readers: "2023", "February 2025", "3 February 2025"."""
        if self.day:
            return f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    def month_label(self) -> str:
        return MONTHS[self.month - 1] if self.month else ""

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


def range_label(start: PartialDate, end: PartialDate | None) -> str:
    """A date range for readers: "2023 – 2025", "3–5 February 2025", "30 January – 2 February 2025"."""
    if end is None or end == start:
        return start.label()
    if start.precision == end.precision == "day" and start.year == end.year:
        if start.month == end.month:
            return f"{start.day}–{end.day} {MONTHS[start.month - 1]} {start.year}"
        return f"{start.day} {MONTHS[start.month - 1]} – {end.label()}"
    if start.precision == end.precision == "month" and start.year == end.year:
        return f"{MONTHS[start.month - 1]} – {end.label()}"
    return f"{start.label()} – {end.label()}"
