import datetime

import pytest

from explainer.core.dates import DateError, PartialDate, parse_date, range_label, read_date


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


@pytest.mark.parametrize(("value", "reason"), [
    ("2025-02-30", "February 2025 has 28 days"),
    ("2023-02-29", "February 2023 has 28 days"),
    ("2024-02-30", "February 2024 has 29 days"),
    ("1900-02-29", "February 1900 has 28 days"),
    ("2025-04-31", "April 2025 has 30 days"),
    ("2025-01-32", "January 2025 has 31 days"),
    ("2025-01-00", "there is no day 0"),
    ("2025-13", "there is no month 13"),
    ("2025-13-01", "there is no month 13"),
    ("2025-00", "there is no month 0"),
    ("2025-00-10", "there is no month 0"),
    ("0000", "there is no year 0"),
    ("0000-02-30", "there is no year 0"),
])
def test_read_date_says_what_does_not_exist(value, reason):
    with pytest.raises(DateError) as refused:
        read_date(value)
    assert str(refused.value) == reason


@pytest.mark.parametrize("value", ["3 Feb 2025", "25", 0, "2025-2-3", "2025-02-03T10:00", "", True, None, [2025],
                                   datetime.datetime(2025, 2, 3, 10, 0)])
def test_read_date_asks_for_the_format_when_the_value_is_not_in_it(value):
    with pytest.raises(DateError) as refused:
        read_date(value)
    assert str(refused.value) == "use YYYY, YYYY-MM or YYYY-MM-DD"


def test_read_date_accepts_the_last_day_of_each_month():
    assert read_date("2024-02-29") == PartialDate(2024, 2, 29)
    assert read_date("2000-02-29") == PartialDate(2000, 2, 29)
    assert read_date(" 2025-12-31 ") == PartialDate(2025, 12, 31)


def test_labels_show_precision():
    assert PartialDate(2023).label() == "2023"
    assert PartialDate(2025, 2).label() == "February 2025"
    assert PartialDate(2025, 2, 3).label() == "February 3, 2025"  # CLDR's English


def test_coarser_dates_sort_first():
    dates = [PartialDate(2023, 5, 1), PartialDate(2023), PartialDate(2023, 5), PartialDate(2022, 12, 31)]
    assert sorted(dates) == [PartialDate(2022, 12, 31), PartialDate(2023), PartialDate(2023, 5), PartialDate(2023, 5, 1)]


def test_range_labels():
    # CLDR's interval formats: the shared parts once, thin spaces around the dash.
    assert range_label(PartialDate(2023), PartialDate(2025)) == "2023\u2009–\u20092025"
    assert range_label(PartialDate(2025, 2, 3), PartialDate(2025, 2, 5)) == "February 3\u2009–\u20095, 2025"
    assert range_label(PartialDate(2025, 1, 30), PartialDate(2025, 2, 2)) == "January 30\u2009–\u2009February 2, 2025"
    assert range_label(PartialDate(2025, 2, 3), None) == "February 3, 2025"
