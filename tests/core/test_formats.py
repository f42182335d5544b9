"""Vietnamese formats: money 8.500.000 ₫, dates dd/mm/yyyy, times in UTC+7."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from portal.i18n import (
    format_date,
    format_datetime,
    format_money,
    format_number,
    parse_date,
    to_local,
)


def test_money_uses_dot_grouping_and_dong_sign_after_a_non_breaking_space() -> None:
    assert format_money(8500000) == "8.500.000\u00a0₫"
    assert format_money(Decimal("12000000")) == "12.000.000\u00a0₫"
    assert format_money(0) == "0\u00a0₫"
    assert format_money(950) == "950\u00a0₫"
    assert format_money(None) == ""


def test_numbers_use_dot_for_thousands_and_comma_for_decimals() -> None:
    assert format_number(1234567) == "1.234.567"
    assert format_number(1234567.8, decimals=1) == "1.234.567,8"
    assert format_number(Decimal("0.5"), decimals=2) == "0,50"
    assert format_number(-4500) == "-4.500"
    assert format_number(None) == ""


def test_dates_are_day_month_year() -> None:
    assert format_date(dt.date(2025, 7, 1)) == "01/07/2025"
    assert format_date(dt.date(1999, 12, 31)) == "31/12/1999"
    assert format_date(None) == ""


def test_stored_utc_times_are_shown_in_vietnam_time() -> None:
    # 20:30 UTC on 30 June is already 03:30 on 1 July in Hải Dương (UTC+7, no summer time).
    evening_utc = dt.datetime(2025, 6, 30, 20, 30, tzinfo=dt.UTC)
    assert format_datetime(evening_utc) == "01/07/2025 03:30"
    assert format_date(evening_utc) == "01/07/2025"
    local = to_local(evening_utc)
    assert local.utcoffset() == dt.timedelta(hours=7)
    assert local == evening_utc  # the same instant


def test_naive_datetimes_are_taken_as_utc() -> None:
    assert format_datetime(dt.datetime(2025, 1, 1, 17, 0)) == "02/01/2025 00:00"


def test_times_in_other_zones_are_converted() -> None:
    paris = dt.timezone(dt.timedelta(hours=2))
    assert format_datetime(dt.datetime(2025, 7, 1, 9, 0, tzinfo=paris)) == "01/07/2025 14:00"


@pytest.mark.parametrize(
    "text", ["01/07/2025", "1/7/2025", "2025-07-01", "01-07-2025", "01.07.2025", " 01/07/2025 "]
)
def test_parse_date_accepts_vietnamese_and_browser_forms(text: str) -> None:
    assert parse_date(text) == dt.date(2025, 7, 1)


@pytest.mark.parametrize("text", ["", "31/02/2025", "07/2025", "hôm nay"])
def test_parse_date_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)
