import datetime

import pytest

from explainer.core.dates import PartialDate, parse_date, range_label


@pytest.mark.parametrize(("value", "expected"), [
    ("2023", PartialDate(2023)),
    (2023, PartialDate(2023)),
    ("2025-02", PartialDate(2025, 2)),
    ("2025-02-03", PartialDate(2025, 2, 3)),
    (datetime.date(2025, 2, 3), PartialDate(2025, 2, 3)),
])
def test_parse_keeps_precision(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2025-13", "2025-02-30", "3 Feb 2025", "25", True, None, [2025],
                                   datetime.datetime(2025, 2, 3, 10, 0)])
def test_parse_rejects(value):
    assert parse_date(value) is None


def test_labels_show_precision():
    assert PartialDate(2023).label() == "2023"
    assert PartialDate(2025, 2).label() == "February 2025"
    assert PartialDate(2025, 2, 3).label() == "3 February 2025"


def test_coarser_dates_sort_first():
    dates = [PartialDate(2023, 5, 1), PartialDate(2023), PartialDate(2023, 5), PartialDate(2022, 12, 31)]
    assert sorted(dates) == [PartialDate(2022, 12, 31), PartialDate(2023), PartialDate(2023, 5), PartialDate(2023, 5, 1)]


def test_range_labels():
    assert range_label(PartialDate(2023), PartialDate(2025)) == "2023 – 2025"
    assert range_label(PartialDate(2025, 2, 3), PartialDate(2025, 2, 5)) == "3–5 February 2025"
    assert range_label(PartialDate(2025, 1, 30), PartialDate(2025, 2, 2)) == "30 January – 2 February 2025"
    assert range_label(PartialDate(2025, 2, 3), None) == "3 February 2025"
