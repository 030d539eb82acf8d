"""Dates with the precision the writer gave: a year, a month, or a day.

"2023" stays a year: it is shown as "2023" and sorts before every dated day of 2023.
"""

from __future__ import annotations

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


def parse_date(value: object) -> PartialDate | None:
    """Parse a YAML value (string, int year, or date) into a PartialDate; None if it is not one."""
    if isinstance(value, _dt.datetime):
        return None
    if isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None
    match = _DATE_RE.match(value.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if month and not 1 <= month <= 12:
        return None
    if day:
        try:
            _dt.date(year, month, day)
        except ValueError:
            return None
    if year < 1:
        return None
    return PartialDate(year, month, day)


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
