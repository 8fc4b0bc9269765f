"""Week logic, Indonesian number formats and the filter's bound parameters (no database)."""

import datetime as dt

import pytest

from analytics import format as fmt
from analytics import periode
from analytics.filters import Filter


@pytest.mark.parametrize(
    "day, monday",
    [
        ("2025-10-20", dt.date(2025, 10, 20)),
        ("2025-10-26", dt.date(2025, 10, 20)),
        ("2025-10-27", dt.date(2025, 10, 27)),
        ("2026-01-01", dt.date(2025, 12, 29)),
    ],
)
def test_monday_of_the_iso_week(day, monday):
    assert periode.monday(day) == monday


@pytest.mark.parametrize(
    "minggu, text",
    [
        ("2025-10-20", "Minggu 43 · 20–26 Okt 2025"),
        ("2025-09-29", "Minggu 40 · 29 Sep–5 Okt 2025"),
        ("2025-12-29", "Minggu 1 · 29 Des 2025–4 Jan 2026"),
    ],
)
def test_week_label_in_indonesian(minggu, text):
    assert periode.label(minggu) == text


def test_latest_and_previous_week_with_data():
    data = [dt.date(2025, 10, 6), dt.date(2025, 10, 20), dt.date(2025, 10, 27)]
    assert periode.latest_at_or_before(data) == dt.date(2025, 10, 27)
    assert periode.latest_at_or_before(data, "2025-10-26") == dt.date(2025, 10, 20)
    assert periode.latest_at_or_before(data, "2025-10-01") is None
    assert periode.previous(data, dt.date(2025, 10, 20)) == dt.date(2025, 10, 6)
    assert periode.previous(data, dt.date(2025, 10, 6)) is None


@pytest.mark.parametrize("value, text", [(1166, "1.166"), (83762, "83.762"), (0, "0"), (None, "–")])
def test_numbers_in_indonesian_format(value, text):
    assert fmt.angka(value) == text


def test_percent_and_rupiah_in_indonesian_format():
    assert fmt.persen(0.452) == "45,2%"
    assert fmt.rupiah(1_200_000_000) == "Rp1,2 M"
    assert fmt.selisih(-3) == "▼ 3"


@pytest.mark.parametrize(
    "f, params, level, group",
    [
        (Filter(), {"provinsi": None, "kabupaten": None, "kecamatan": None, "desa": None}, None, "provinsi"),
        (Filter("52"), {"provinsi": "52", "kabupaten": None, "kecamatan": None, "desa": None}, "provinsi", "kabupaten"),
        (
            Filter.from_code("18.04"),
            {"provinsi": "18", "kabupaten": "18.04", "kecamatan": None, "desa": None},
            "kabupaten",
            "kecamatan",
        ),
        (
            Filter.from_code("18.04.04"),
            {"provinsi": "18", "kabupaten": "18.04", "kecamatan": "18.04.04", "desa": None},
            "kecamatan",
            "desa",
        ),
        (
            Filter.from_code("18.04.04.2005"),
            {"provinsi": "18", "kabupaten": "18.04", "kecamatan": "18.04.04", "desa": "18.04.04.2005"},
            "desa",
            "desa",
        ),
    ],
)
def test_filter_parameters_and_grouping_level(f, params, level, group):
    assert (f.params(), f.level, f.group_level) == (params, level, group)


@pytest.mark.parametrize(
    "given, kept",
    [
        (Filter("52", "18.04"), Filter("52")),
        (Filter(None, "18.04"), Filter("18", "18.04")),
        (Filter("18", "18.04", "18.04.04"), Filter("18", "18.04", "18.04.04")),
        (Filter("18", "18.4"), Filter("18")),
        (Filter("' or 1=1 --"), Filter()),
    ],
)
def test_inconsistent_filters_from_a_url_are_cut_back(given, kept):
    assert given.consistent() == kept


def test_breadcrumb_parent():
    assert Filter.from_code("18.04.04").up() == Filter("18", "18.04")
    assert Filter().up() == Filter()
