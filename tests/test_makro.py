"""The shared SQL macros (migration 011): present after migrating a new or an old database, seen by
cursors, and behaving as the filter clause and zone-move pair they replace."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from analytics import db, zona
from analytics.filters import Filter

MAKRO = {
    "dalam_wilayah": "macro",
    "kode_tingkat": "macro",
    "peringkat_zona": "macro",
    "di_wilayah": "table_macro",
    "bimtek_di_wilayah": "table_macro",
    "transisi_zona_koperasi": "table_macro",
}
VERSI_MAKRO = 11

# Places as (kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa); E is an SPPG-like row
# placed at kecamatan level only.
TEMPAT = {
    "A": ("18", "18.04", "18.04.04", "18.04.04.2001"),
    "B": ("18", "18.04", "18.04.08", "18.04.08.2003"),
    "C": ("18", "18.01", "18.01.05", "18.01.05.2001"),
    "D": ("52", "52.01", "52.01.01", "52.01.01.1001"),
    "E": ("18", "18.04", "18.04.04", None),
}
KINI, LALU = dt.date(2026, 11, 16), dt.date(2026, 11, 9)


def makro(con) -> dict[str, str]:
    rows = con.execute(
        "select function_name, function_type from duckdb_functions() where list_contains($nama, function_name)",
        {"nama": list(MAKRO)},
    ).fetchall()
    return dict(rows)


def test_a_new_database_has_every_macro_and_cursors_see_them(fresh_db):
    cur = fresh_db.cursor()
    try:
        assert makro(cur) == MAKRO
    finally:
        cur.close()


def test_a_database_from_before_the_macros_gets_them_and_keeps_its_zones(tmp_path, monkeypatch):
    path = tmp_path / "lama.duckdb"
    semua = db.migrations()
    monkeypatch.setattr(db, "migrations", lambda lake=False: [m for m in semua if m[0] < VERSI_MAKRO])
    con = duckdb.connect(str(path))
    assert db.migrate(con) == VERSI_MAKRO - 1
    assert makro(con) == {}
    isi_zona(con)
    con.close()
    monkeypatch.undo()

    con = db.connect(path)
    try:
        assert db.schema_version(con) >= VERSI_MAKRO
        assert makro(con) == MAKRO
        assert transisi(con, Filter()) == TRANSISI
    finally:
        con.close()
    con = duckdb.connect(str(path))  # persisted, not per connection
    try:
        assert makro(con) == MAKRO
    finally:
        con.close()


@pytest.mark.parametrize(
    "f, expected",
    [
        (Filter(), "ABCDE"),
        (Filter.from_code("18"), "ABCE"),
        (Filter.from_code("18.04"), "ABE"),
        (Filter.from_code("18.04.04"), "AE"),
        (Filter.from_code("18.04.04.2001"), "A"),
        (Filter.from_code("52"), "D"),
        (Filter(kabupaten="18.04"), "ABE"),
        (Filter(provinsi="52", kabupaten="18.04"), ""),
        (Filter("18' or 1=1 --"), ""),
    ],
)
def test_the_region_filter_keeps_the_rows_inside_every_level_given(fresh_db, f, expected):
    fresh_db.execute(
        "create temp table tempat (nama varchar, kode_provinsi varchar, kode_kabupaten varchar, "
        "kode_kecamatan varchar, kode_desa varchar)"
    )
    fresh_db.executemany("insert into tempat values (?, ?, ?, ?, ?)", [(k, *v) for k, v in TEMPAT.items()])
    rows = fresh_db.execute(
        "select nama from di_wilayah('tempat', $provinsi, $kabupaten, $kecamatan, $desa) order by nama",
        f.params(),
    ).fetchall()
    assert "".join(r[0] for r in rows) == expected


@pytest.mark.parametrize(
    "tingkat, expected",
    [
        ("provinsi", "18"),
        ("kabupaten", "18.04"),
        ("kecamatan", "18.04.04"),
        ("desa", "18.04.04.2001"),
        (None, None),
        ("negara", None),
    ],
)
def test_the_area_code_at_each_level(fresh_db, tingkat, expected):
    row = fresh_db.execute(
        "select kode_tingkat($t, $p, $k, $c, $d)", {"t": tingkat, **dict(zip("pkcd", TEMPAT["A"]))}
    ).fetchone()
    assert row[0] == expected


@pytest.mark.parametrize(
    "zona_, expected",
    [
        ("merah", 0),
        ("kuning", 1),
        ("hijau", 2),
        ("baru", None),
        ("hilang", None),
        (None, None),
    ],
)
def test_zones_rank_worst_first(fresh_db, zona_, expected):
    assert fresh_db.execute("select peringkat_zona($z)", {"z": zona_}).fetchone()[0] == expected


# --- the pair of weeks --------------------------------------------------------------------------

ZONA_KOPERASI = [  # (id, place, zone last week, zone this week); None: no row that week
    ("k1", "A", "merah", "kuning"),
    ("k2", "B", "hijau", "hijau"),
    ("k3", "C", "kuning", None),
    ("k4", "D", None, "merah"),
]
TRANSISI = {"k1": ("merah", "kuning"), "k2": ("hijau", "hijau"), "k3": ("kuning", "hilang"), "k4": ("baru", "merah")}


def isi_zona(con) -> None:
    rows = []
    for id_koperasi, tempat, lalu, kini in ZONA_KOPERASI:
        p, k, c, d = TEMPAT[tempat]
        rows += [(minggu, k, id_koperasi, z, p, c, d) for minggu, z in ((LALU, lalu), (KINI, kini)) if z]
    con.executemany(
        "insert into zona_koperasi (minggu, kode_kabupaten, id_koperasi, zona_hitung, aturan, kode_provinsi, "
        "kode_kecamatan, kode_desa) values (?, ?, ?, ?, [], ?, ?, ?)",
        rows,
    )


def transisi(con, f: Filter, minggu_lalu=LALU) -> dict:
    rows = con.execute(
        "select id_koperasi, dari, ke "
        "from transisi_zona_koperasi($kini, $lalu, $provinsi, $kabupaten, $kecamatan, $desa)",
        {"kini": KINI, "lalu": minggu_lalu, **f.params()},
    ).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


@pytest.mark.parametrize(
    "f, ids",
    [
        (Filter(), ["k1", "k2", "k3", "k4"]),
        (Filter.from_code("18"), ["k1", "k2", "k3"]),
        (Filter.from_code("18.04"), ["k1", "k2"]),
        (Filter.from_code("18.04.04.2001"), ["k1"]),
        (Filter.from_code("52"), ["k4"]),
        (Filter("18' or 1=1 --"), []),
    ],
)
def test_each_koperasi_of_the_filter_with_its_zone_last_week_and_this_week(fresh_db, f, ids):
    isi_zona(fresh_db)
    assert transisi(fresh_db, f) == {i: TRANSISI[i] for i in ids}


def test_without_a_previous_week_every_koperasi_is_new(fresh_db):
    isi_zona(fresh_db)
    assert transisi(fresh_db, Filter(), minggu_lalu=None) == {
        "k1": ("baru", "kuning"),
        "k2": ("baru", "hijau"),
        "k4": ("baru", "merah"),
    }


@pytest.mark.parametrize(
    "dari, ke, expected",
    [
        ("merah", "kuning", "naik"),
        ("kuning", "hijau", "naik"),
        ("merah", "hijau", "naik"),
        ("hijau", "merah", "turun"),
        ("hijau", "kuning", "turun"),
        ("kuning", "kuning", "tetap"),
        ("baru", "merah", "baru"),
        ("baru", "hijau", "baru"),
        ("merah", "hilang", None),
        ("hijau", "hilang", None),
    ],
)
def test_direction_of_a_zone_move(dari, ke, expected):
    assert zona.arah(dari, ke) == expected
