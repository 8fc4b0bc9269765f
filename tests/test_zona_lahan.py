"""Zona & Intervensi and Lahan & Kendala: every query with whole expected results, the printable
list, and both pages through AppTest.

The database is the shared fixture data (Lampung Barat and Lombok Barat, four weeks) plus
tests/fixtures/zona_lahan/: Kabupaten Lampung Selatan in the last two weeks, written so that each
kind of zone move (worse, better, new, gone) and each reason for intervention occurs.
"""

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics import db, lahan, zona
from analytics.filters import Filter
from conftest import FIXTURES, KOPERASI_FILES, ROOT, ingest_file

W1, W2, W3, W4 = (dt.date(2025, 10, 6), dt.date(2025, 10, 13), dt.date(2025, 10, 20), dt.date(2025, 10, 27))
LAMPUNG = Filter("18")
LAMPUNG_BARAT = Filter("18", "18.04")
LAMPUNG_SELATAN = Filter("18", "18.01")
OWN_FILES = sorted((FIXTURES / "zona_lahan").glob("*.csv"))

HAJIMENA = "Koperasi Desa Merah Putih Hajimena Maju & Jaya"
NATAR = "Koperasi Desa Merah Putih Natar"
MERAK_BATIN = "Koperasi Desa Merah Putih Merak Batin"
SIDOSARI = "Koperasi Desa Merah Putih Sidosari"
GUNUNG_SUGIH = "Koperasi Desa Merah Putih Gunung Sugih"
PAMPANGAN = "Koperasi Desa Merah Putih Pampangan"


@pytest.fixture(scope="module")
def zl_db_file(loaded_db_file, tmp_path_factory, gazetteer) -> Path:
    path = tmp_path_factory.mktemp("zona_lahan") / "zona_lahan.duckdb"
    shutil.copy(loaded_db_file, path)
    con = db.connect(path)
    for f in OWN_FILES:
        ingest_file(con, f, gazetteer)
    con.close()
    return path


@pytest.fixture(scope="module")
def con(zl_db_file):
    """One connection for the read-only query tests of this module."""
    c = db.connect(zl_db_file)
    yield c
    c.close()


def records(df: pd.DataFrame, columns=None) -> list[dict]:
    """Rows as dicts with missing values as None (NaN never equals NaN)."""
    df = df[columns] if columns else df
    return df.astype(object).where(df.notna(), None).to_dict("records")


# --- zone moves ---------------------------------------------------------------------------------


def test_zone_moves_count_every_cell_including_new_and_gone(con):
    grid = zona.transisi_zona(con, LAMPUNG_SELATAN, W4, W3)
    assert grid.to_dict("index") == {
        "merah": {"merah": 1, "kuning": 0, "hijau": 0, "hilang": 0},  # Natar stays merah
        "kuning": {"merah": 0, "kuning": 1, "hijau": 0, "hilang": 1},  # Way Urang stays; Sidosari not reported
        "hijau": {"merah": 0, "kuning": 1, "hijau": 0, "hilang": 0},  # Hajimena: SIMKOPDES now kendala
        "baru": {"merah": 1, "kuning": 0, "hijau": 0, "hilang": 0},  # Merak Batin first reported
    }


def test_zone_moves_use_the_previous_week_with_data_of_the_filter(con):
    # Lampung Barat week 3 against week 2: Waspada is new, Sebarus finished (kuning → hijau).
    grid = zona.transisi_zona(con, LAMPUNG_BARAT, W3, W2)
    assert grid.to_dict("index") == {
        "merah": {"merah": 2, "kuning": 0, "hijau": 0, "hilang": 0},
        "kuning": {"merah": 0, "kuning": 1, "hijau": 1, "hilang": 0},
        "hijau": {"merah": 0, "kuning": 0, "hijau": 0, "hilang": 0},
        "baru": {"merah": 0, "kuning": 1, "hijau": 0, "hilang": 0},
    }


@pytest.mark.parametrize(
    "dari, ke, expected",
    [
        (
            "hijau",
            "kuning",
            [
                {
                    "nama_koperasi": HAJIMENA,
                    "desa": "Hajimena",
                    "kecamatan": "Natar",
                    "kabupaten": "Kab. Lampung Selatan",
                    "zona_lalu": "hijau",
                    "zona_kini": "kuning",
                    "aturan": ["K2"],
                    "pendamping": "Sari Dewi",
                }
            ],
        ),
        # Gone this week: the reasons are last week's.
        (
            "kuning",
            "hilang",
            [
                {
                    "nama_koperasi": SIDOSARI,
                    "desa": "Sidosari",
                    "kecamatan": "Natar",
                    "kabupaten": "Kab. Lampung Selatan",
                    "zona_lalu": "kuning",
                    "zona_kini": "hilang",
                    "aturan": ["K1", "K4"],
                    "pendamping": "Sari Dewi",
                }
            ],
        ),
        (
            "baru",
            "merah",
            [
                {
                    "nama_koperasi": MERAK_BATIN,
                    "desa": "Merak Batin",
                    "kecamatan": "Natar",
                    "kabupaten": "Kab. Lampung Selatan",
                    "zona_lalu": "baru",
                    "zona_kini": "merah",
                    "aturan": ["M1", "M2"],
                    "pendamping": "Sari Dewi",
                }
            ],
        ),
        ("merah", "kuning", []),
    ],
)
def test_koperasi_of_one_cell_with_place_and_rules(con, dari, ke, expected):
    df = zona.koperasi_transisi(con, LAMPUNG_SELATAN, W4, W3, dari, ke)
    assert records(df.drop(columns="id_koperasi")) == expected


# --- intervention -------------------------------------------------------------------------------

INTERVENSI_KOLOM = [
    "kabupaten",
    "kecamatan",
    "desa",
    "nama_koperasi",
    "zona",
    "zona_lalu",
    "merah",
    "turun",
    "macet",
    "minggu_tanpa_progres",
    "aturan",
    "pendamping",
    "minggu_di_zona",
]


def test_intervention_lists_merah_worse_and_stalled_by_kabupaten_and_kecamatan(con):
    df = zona.perlu_intervensi(con, LAMPUNG, W4, W3)
    assert records(df, INTERVENSI_KOLOM) == [
        # Gunung Sugih: kuning last week, stalled for 3 weeks of data now, so merah by rule M4.
        {
            "kabupaten": "Kab. Lampung Barat",
            "kecamatan": "Balik Bukit",
            "desa": "Gunung Sugih",
            "nama_koperasi": GUNUNG_SUGIH,
            "zona": "merah",
            "zona_lalu": "kuning",
            "merah": True,
            "turun": True,
            "macet": True,
            "minggu_tanpa_progres": 3,
            "aturan": ["M4"],
            "pendamping": "Rina Marlina",
            "minggu_di_zona": 1,
        },
        # Pampangan: merah in all four weeks of data.
        {
            "kabupaten": "Kab. Lampung Barat",
            "kecamatan": "Sekincau",
            "desa": "Pampangan",
            "nama_koperasi": PAMPANGAN,
            "zona": "merah",
            "zona_lalu": "merah",
            "merah": True,
            "turun": False,
            "macet": False,
            "minggu_tanpa_progres": 0,
            "aturan": ["M3"],
            "pendamping": "Agus Salim",
            "minggu_di_zona": 4,
        },
        # Natar: merah in both weeks; no pendamping given.
        {
            "kabupaten": "Kab. Lampung Selatan",
            "kecamatan": "Natar",
            "desa": "Natar",
            "nama_koperasi": NATAR,
            "zona": "merah",
            "zona_lalu": "merah",
            "merah": True,
            "turun": False,
            "macet": False,
            "minggu_tanpa_progres": 0,
            "aturan": ["M1"],
            "pendamping": None,
            "minggu_di_zona": 2,
        },
        # Merak Batin: new this week, already merah.
        {
            "kabupaten": "Kab. Lampung Selatan",
            "kecamatan": "Natar",
            "desa": "Merak Batin",
            "nama_koperasi": MERAK_BATIN,
            "zona": "merah",
            "zona_lalu": None,
            "merah": True,
            "turun": False,
            "macet": False,
            "minggu_tanpa_progres": 0,
            "aturan": ["M1", "M2"],
            "pendamping": "Sari Dewi",
            "minggu_di_zona": 1,
        },
        # Hajimena: only worse (hijau → kuning), not merah.
        {
            "kabupaten": "Kab. Lampung Selatan",
            "kecamatan": "Natar",
            "desa": "Hajimena",
            "nama_koperasi": HAJIMENA,
            "zona": "kuning",
            "zona_lalu": "hijau",
            "merah": False,
            "turun": True,
            "macet": False,
            "minggu_tanpa_progres": 0,
            "aturan": ["K2"],
            "pendamping": "Sari Dewi",
            "minggu_di_zona": 1,
        },
    ]


def test_weeks_in_zone_count_weeks_of_data_up_to_the_chosen_week(con):
    df = zona.perlu_intervensi(con, LAMPUNG_BARAT, W3, W2)
    assert records(df, ["nama_koperasi", "zona", "minggu_di_zona"]) == [
        {"nama_koperasi": "Koperasi Kelurahan Merah Putih Pasar Liwa", "zona": "merah", "minggu_di_zona": 3},
        {"nama_koperasi": PAMPANGAN, "zona": "merah", "minggu_di_zona": 3},
    ]


def test_stalled_construction_is_listed_even_when_the_rules_do_not_make_it_merah(loaded_db, tmp_path):
    path = tmp_path / "zona.toml"
    path.write_text(
        """
[[aturan]]
id = "X1"
zona = "merah"
penjelasan = "Belum berbadan hukum."
kondisi = { kolom = "badan_hukum", sama_dengan = false }
""",
        encoding="utf-8",
    )
    zona.aturan.ensure_current(loaded_db, zona.aturan.load_rules(path))
    df = zona.perlu_intervensi(loaded_db, Filter(), W4, W3)
    assert records(df, ["nama_koperasi", "zona", "zona_lalu", "merah", "turun", "macet", "aturan"]) == [
        {
            "nama_koperasi": GUNUNG_SUGIH,
            "zona": "kuning",
            "zona_lalu": "kuning",
            "merah": False,
            "turun": False,
            "macet": True,
            "aturan": ["BAWAAN"],
        },
        {
            "nama_koperasi": PAMPANGAN,
            "zona": "merah",
            "zona_lalu": "merah",
            "merah": True,
            "turun": False,
            "macet": False,
            "aturan": ["X1"],
        },
    ]


def test_intervention_without_a_previous_week_lists_merah_and_stalled_only(con):
    df = zona.perlu_intervensi(con, LAMPUNG_BARAT, W1, None)
    assert records(df, ["nama_koperasi", "turun", "minggu_di_zona"]) == [
        {"nama_koperasi": "Koperasi Kelurahan Merah Putih Pasar Liwa", "turun": False, "minggu_di_zona": 1},
        {"nama_koperasi": PAMPANGAN, "turun": False, "minggu_di_zona": 1},
    ]


def test_intervention_counts_per_kecamatan_most_first(con):
    per = zona.intervensi_per_kecamatan(zona.perlu_intervensi(con, LAMPUNG, W4, W3))
    assert per.to_dict("records") == [
        {"kode": "18.01.04", "nama": "Natar", "kabupaten": "Kab. Lampung Selatan", "merah": 2, "lainnya": 1},
        {"kode": "18.04.04", "nama": "Balik Bukit", "kabupaten": "Kab. Lampung Barat", "merah": 1, "lainnya": 0},
        {"kode": "18.04.08", "nama": "Sekincau", "kabupaten": "Kab. Lampung Barat", "merah": 1, "lainnya": 0},
    ]
    assert zona.intervensi_per_kecamatan(zona.perlu_intervensi(con, LAMPUNG, W4, W3).head(0)).empty


def test_reasons_are_the_sentences_of_the_rules_file():
    rules = zona.aturan.load_rules()
    assert zona.alasan(["M1", "M2"], rules) == (
        "Tidak dapat dibangun (tahap fisik: tidak dapat dibangun). Lahan tidak ada atau ditolak."
    )
    assert zona.alasan(["BAWAAN"], rules) == "Belum memenuhi semua syarat zona hijau."
    assert zona.alasan(None, rules) == ""


def test_search_matches_koperasi_desa_or_pendamping_ignoring_case(con):
    df = zona.perlu_intervensi(con, LAMPUNG, W4, W3)
    assert list(zona.cari(df, "  hajimena ")["nama_koperasi"]) == [HAJIMENA]
    assert list(zona.cari(df, "SARI DEWI")["nama_koperasi"]) == [MERAK_BATIN, HAJIMENA]
    assert list(zona.cari(df, "sekincau")["nama_koperasi"]) == []  # kecamatan is not searched
    assert list(zona.cari(df, "pampangan")["nama_koperasi"]) == [PAMPANGAN]
    assert len(zona.cari(df, "")) == 5


def test_printable_list_groups_by_kecamatan_on_a4_and_escapes_every_name():
    daftar = pd.DataFrame(
        {
            "kelompok": ["Natar", "Balik <b>Bukit</b>", "Natar"],
            "nama_koperasi": ["Maju & Jaya", "Sebarus", "<script>alert(1)</script>"],
            "minggu_di_zona": [2, 4, 1],
        }
    )
    page = zona.daftar_cetak(
        daftar,
        "Perlu intervensi — Lampung & sekitarnya",
        "Minggu 44",
        {"nama_koperasi": "Koperasi", "minggu_di_zona": "Minggu"},
        kelompok="kelompok",
        kelompok_label=lambda first, n: f"Kec. {first['kelompok']} ({n})",
        catatan="Catatan <kaki>",
        lebar={"nama_koperasi": 80, "minggu_di_zona": 20},
    )
    assert "size: A4" in page and "@media print" in page
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Maju &amp; Jaya" in page and "Lampung &amp; sekitarnya" in page and "Catatan &lt;kaki&gt;" in page
    # Groups in order of first appearance, each with its rows together and its own header row.
    assert (
        page.index("<h2>Kec. Natar (2)</h2>")
        < page.index("Maju &amp; Jaya")
        < page.index("&lt;script&gt;")
        < page.index("<h2>Kec. Balik &lt;b&gt;Bukit&lt;/b&gt; (1)</h2>")
        < page.index("Sebarus")
    )
    assert page.count("<th>Koperasi</th>") == 2
    assert '<td class="num">4</td>' in page
    # The same column widths in every group's table, so they line up on paper.
    assert page.count('<colgroup><col style="width:80%"><col style="width:20%"></colgroup>') == 2


# --- kendala and lahan --------------------------------------------------------------------------


def test_kendala_trend_has_every_week_and_kendala_with_zeros(con):
    df = lahan.kendala_per_minggu(con, LAMPUNG_SELATAN, W4)
    rows = [(r["minggu"].date(), r["kendala"], r["koperasi"]) for r in df.to_dict("records")]
    assert rows == [
        (W3, "cuaca", 1),
        (W3, "jaringan", 0),
        (W3, "lahan", 2),
        (W3, "pembiayaan", 1),
        (W3, "tenaga_kerja", 0),
        (W4, "cuaca", 1),
        (W4, "jaringan", 1),
        (W4, "lahan", 1),
        (W4, "pembiayaan", 1),
        (W4, "tenaga_kerja", 1),
    ]


def test_kendala_trend_ends_at_the_chosen_week_and_keeps_the_latest_weeks(con):
    df = lahan.kendala_per_minggu(con, LAMPUNG_BARAT, W3, jumlah_minggu=2)
    rows = [(r["minggu"].date(), r["kendala"], r["koperasi"]) for r in df.to_dict("records")]
    assert rows == [
        (W2, "administrasi", 1),
        (W2, "cuaca", 0),
        (W2, "lahan", 1),
        (W2, "tenaga_kerja", 1),
        (W3, "administrasi", 1),
        (W3, "cuaca", 2),
        (W3, "lahan", 1),
        (W3, "tenaga_kerja", 2),
    ]


def test_land_status_of_koperasi_per_kecamatan_without_land_first(con):
    assert records(lahan.status_lahan_per_wilayah(con, LAMPUNG_SELATAN, W4)) == [
        {
            "kode": "18.01.04",
            "nama": "Natar",
            "tidak_ada": 1,
            "diajukan": 0,
            "verifikasi": 0,
            "terverifikasi": 2,
            "ditolak": 0,
            "tidak_diisi": 0,
            "koperasi": 3,
        },
        {
            "kode": "18.01.06",
            "nama": "Kalianda",
            "tidak_ada": 0,
            "diajukan": 0,
            "verifikasi": 1,
            "terverifikasi": 0,
            "ditolak": 0,
            "tidak_diisi": 0,
            "koperasi": 1,
        },
    ]
    assert records(lahan.status_lahan_per_wilayah(con, LAMPUNG, W4)) == [
        {
            "kode": "18.01",
            "nama": "Kab. Lampung Selatan",
            "tidak_ada": 1,
            "diajukan": 0,
            "verifikasi": 1,
            "terverifikasi": 2,
            "ditolak": 0,
            "tidak_diisi": 0,
            "koperasi": 4,
        },
        {
            "kode": "18.04",
            "nama": "Kab. Lampung Barat",
            "tidak_ada": 0,
            "diajukan": 2,
            "verifikasi": 1,
            "terverifikasi": 2,
            "ditolak": 0,
            "tidak_diisi": 0,
            "koperasi": 5,
        },
    ]


def test_parcels_under_1000_m2_smallest_first_and_1000_is_not_flagged(con):
    assert records(lahan.lahan_sempit(con, LAMPUNG, W4)) == [
        {
            "id_lahan": "LS-003",
            "nama_koperasi": NATAR,
            "kabupaten": "Kab. Lampung Selatan",
            "kecamatan": "Natar",
            "desa": "Natar",
            "sumber_lahan": "sewa",
            "luas_m2": 400.0,
            "status_verifikasi": "diajukan",
            "verifikator": "TNI",
            "keterangan": None,
        },
        {
            "id_lahan": "LB-002",
            "nama_koperasi": "Koperasi Kelurahan Merah Putih Pasar Liwa",
            "kabupaten": "Kab. Lampung Barat",
            "kecamatan": "Balik Bukit",
            "desa": "Pasar Liwa",
            "sumber_lahan": "aset_pemkab",
            "luas_m2": 800.0,
            "status_verifikasi": "sedang_diverifikasi",
            "verifikator": "TNI",
            "keterangan": "Lahan sempit",
        },
        {
            "id_lahan": "LS-002",
            "nama_koperasi": MERAK_BATIN,
            "kabupaten": "Kab. Lampung Selatan",
            "kecamatan": "Natar",
            "desa": "Merak Batin",
            "sumber_lahan": "hibah",
            "luas_m2": 950.0,
            "status_verifikasi": "ditolak",
            "verifikator": None,
            "keterangan": "Hibah dibatalkan",
        },
    ]


def test_parcels_per_verifier_busiest_first_with_the_missing_verifier_named(con):
    assert records(lahan.lahan_per_verifikator(con, LAMPUNG, W4)) == [
        {"verifikator": "TNI", "status_verifikasi": "diajukan", "persil": 1},
        {"verifikator": "TNI", "status_verifikasi": "sedang_diverifikasi", "persil": 2},
        {"verifikator": "Agrinas", "status_verifikasi": "terverifikasi", "persil": 2},
        {"verifikator": "Pemda", "status_verifikasi": "sedang_diverifikasi", "persil": 1},
        {"verifikator": "tidak_diisi", "status_verifikasi": "ditolak", "persil": 1},
    ]


def test_parcels_by_source_and_status_for_a_kabupaten(con):
    assert records(lahan.kpi_lahan(con, LAMPUNG_SELATAN, W4)) == [
        {"status_verifikasi": "diajukan", "sumber_lahan": "sewa", "persil": 1},
        {"status_verifikasi": "ditolak", "sumber_lahan": "hibah", "persil": 1},
        {"status_verifikasi": "sedang_diverifikasi", "sumber_lahan": "aset_pemkab", "persil": 1},
        {"status_verifikasi": "terverifikasi", "sumber_lahan": "tanah_kas_desa", "persil": 1},
    ]


def test_lahan_queries_are_empty_for_a_week_without_lahan(con):
    assert lahan.lahan_sempit(con, LAMPUNG, W3).empty
    assert lahan.lahan_per_verifikator(con, LAMPUNG, None).empty


def test_cannot_be_built_per_area_and_main_kendala(con):
    assert records(lahan.tidak_dapat_dibangun_per_wilayah(con, LAMPUNG, W4)) == [
        {"kode": "18.01", "nama": "Kab. Lampung Selatan", "kendala_utama": "pembiayaan", "koperasi": 1},
        {"kode": "18.01", "nama": "Kab. Lampung Selatan", "kendala_utama": "tidak_diisi", "koperasi": 1},
    ]
    # Week 3: Pasar Liwa (Lampung Barat, kendala lahan) could not be built either.
    assert records(lahan.tidak_dapat_dibangun_per_wilayah(con, LAMPUNG, W3)) == [
        {"kode": "18.04", "nama": "Kab. Lampung Barat", "kendala_utama": "lahan", "koperasi": 1},
        {"kode": "18.01", "nama": "Kab. Lampung Selatan", "kendala_utama": "pembiayaan", "koperasi": 1},
    ]


def test_cannot_be_built_list_with_main_and_all_kendala(con):
    df = lahan.koperasi_tidak_dapat_dibangun(con, LAMPUNG_SELATAN, W4)
    assert records(df.drop(columns="id_koperasi")) == [
        {
            "kabupaten": "Kab. Lampung Selatan",
            "kecamatan": "Natar",
            "desa": "Merak Batin",
            "nama_koperasi": MERAK_BATIN,
            "kendala_utama": "tidak_diisi",
            "kendala": None,
            "status_lahan": "tidak_ada",
            "pendamping": "Sari Dewi",
            "keterangan": None,
        },
        {
            "kabupaten": "Kab. Lampung Selatan",
            "kecamatan": "Natar",
            "desa": "Natar",
            "nama_koperasi": NATAR,
            "kendala_utama": "pembiayaan",
            "kendala": ["pembiayaan", "lahan"],
            "status_lahan": "terverifikasi",
            "pendamping": None,
            "keterangan": "Dana belum cair",
        },
    ]


def test_area_values_are_bound_not_spliced(con):
    hostile = Filter("18' or 1=1 --")
    assert zona.perlu_intervensi(con, hostile, W4, W3).empty
    assert lahan.status_lahan_per_wilayah(con, hostile, W4).empty
    assert int(zona.transisi_zona(con, hostile, W4, W3).to_numpy().sum()) == 0


# --- pages (AppTest) ----------------------------------------------------------------------------


def start(db_file: Path, tmp_path, monkeypatch, page: str, **query) -> AppTest:
    copy = tmp_path / "app.duckdb"
    shutil.copy(db_file, copy)
    monkeypatch.setenv("KDKMP_DB", str(copy))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(query)
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def narrow(at: AppTest, *codes: str) -> None:
    for level, code in zip(("provinsi", "kabupaten", "kecamatan"), codes):
        at.selectbox(key=f"w_{level}").set_value(code).run()
    assert not at.exception


def table(at: AppTest, first_column: str) -> pd.DataFrame:
    """The st.dataframe whose first column is `first_column`."""
    found = [d.value for d in at.dataframe if list(d.value.columns)[:1] == [first_column]]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def test_zona_page_lists_intervention_and_moves_for_the_chosen_kabupaten(zl_db_file, tmp_path, monkeypatch):
    at = start(zl_db_file, tmp_path, monkeypatch, "pages/2_zona.py")
    assert at.title[0].value == "Zona & Intervensi"
    # The action first: who needs help, who moved, then the zones per area.
    assert [s.value for s in at.subheader][:3] == [
        "Perlu intervensi minggu ini",
        "Perpindahan zona",
        "Zona per provinsi",
    ]
    assert table(at, "Kabupaten/Kota")["Koperasi"].tolist() == [GUNUNG_SUGIH, PAMPANGAN, NATAR, MERAK_BATIN, HAJIMENA]

    narrow(at, "18", "18.01")
    assert at.subheader[2].value == "Zona per kecamatan"
    daftar = table(at, "Kecamatan")
    assert daftar.to_dict("records")[-1] == {
        "Kecamatan": "Natar",
        "Desa/Kelurahan": "Hajimena",
        "Koperasi": HAJIMENA,
        "Zona": "Kuning",
        "Masuk daftar karena": "turun dari hijau",
        "Aturan yang terpenuhi": "Akun SIMKOPDES belum aktif atau berkendala.",
        "Pendamping": "Sari Dewi",
        "Minggu di zona ini": 1,
    }
    assert daftar["Koperasi"].tolist() == [NATAR, MERAK_BATIN, HAJIMENA]
    assert daftar["Pendamping"].tolist()[0] == "belum diketahui"
    assert any("3 koperasi di 1 kecamatan — 2 merah, 1 turun zona, 0 macet." in m.value for m in at.markdown)

    # Zone moves: the worse move is offered first; choosing the 'gone' cell lists Sidosari.
    cell = at.selectbox(key="sel_transisi")
    assert cell.options[:3] == [
        "Hijau → Kuning (1 koperasi)",
        "Kuning → Hilang (1 koperasi)",
        "Baru → Merah (1 koperasi)",
    ]
    cell.set_value("kuning>hilang").run()
    moves = table(at, "Koperasi")
    assert moves[["Koperasi", "Zona lalu → kini", "Alasan (aturan yang terpenuhi)"]].to_dict("records") == [
        {
            "Koperasi": SIDOSARI,
            "Zona lalu → kini": "Kuning → Hilang",
            "Alasan (aturan yang terpenuhi)": "Lahan belum terverifikasi (masih diajukan atau diverifikasi). "
            "Pembangunan fisik belum selesai.",
        }
    ]

    # Search narrows the list; the downloads follow it.
    at.text_input(key="cari_intervensi").input("merak").run()
    assert table(at, "Kecamatan")["Koperasi"].tolist() == [MERAK_BATIN]


def test_zona_page_explains_the_rules_as_configured(zl_db_file, tmp_path, monkeypatch):
    at = start(zl_db_file, tmp_path, monkeypatch, "pages/2_zona.py")
    rules = table(at, "Kode")
    assert rules["Kode"].tolist() == ["M1", "M2", "M3", "M4", "H1", "K1", "K2", "K3", "K4"]
    assert rules["Zona"].tolist()[:5] == ["Merah", "Merah", "Merah", "Merah", "Hijau"]
    assert any("**merah › hijau › kuning**" in m.value for m in at.markdown)


def test_zona_page_for_a_kecamatan_without_anyone_to_help(zl_db_file, tmp_path, monkeypatch):
    at = start(zl_db_file, tmp_path, monkeypatch, "pages/2_zona.py", provinsi="18", kabupaten="18.01")
    narrow(at, "18", "18.01", "18.01.06")
    assert at.subheader[2].value == "Zona per desa/kelurahan"
    assert at.success[0].value.startswith("Tidak ada koperasi yang perlu intervensi di Kec. Kalianda")


def test_lahan_page_shows_parcels_and_what_cannot_be_built_for_the_filter(zl_db_file, tmp_path, monkeypatch):
    at = start(zl_db_file, tmp_path, monkeypatch, "pages/3_lahan.py")
    assert at.title[0].value == "Lahan & Kendala"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Persil dilaporkan": "7", "Persil terverifikasi": "2", "Di bawah 1.000 m²": "3"}

    narrow(at, "18", "18.01")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Persil dilaporkan": "4", "Persil terverifikasi": "1", "Di bawah 1.000 m²": "2"}
    small = table(at, "ID lahan")
    assert small[["ID lahan", "Luas (m²)", "Verifikator"]].to_dict("records") == [
        {"ID lahan": "LS-003", "Luas (m²)": 400.0, "Verifikator": "TNI"},
        {"ID lahan": "LS-002", "Luas (m²)": 950.0, "Verifikator": "Tidak diisi"},
    ]
    cannot = table(at, "Kecamatan")
    assert cannot[["Koperasi", "Kendala utama", "Semua kendala", "Pendamping"]].to_dict("records") == [
        {
            "Koperasi": MERAK_BATIN,
            "Kendala utama": "Tidak diisi",
            "Semua kendala": "Tidak diisi",
            "Pendamping": "Sari Dewi",
        },
        {
            "Koperasi": NATAR,
            "Kendala utama": "Pembiayaan",
            "Semua kendala": "Pembiayaan, Lahan",
            "Pendamping": "belum diketahui",
        },
    ]
    status = table(at, "Wilayah")
    assert status["Wilayah"].tolist() == ["Natar", "Kalianda"]


def test_lahan_page_says_what_is_missing_without_lahan_data(empty_db_file, gazetteer, tmp_path, monkeypatch):
    path = tmp_path / "tanpa_lahan.duckdb"
    shutil.copy(empty_db_file, path)
    c = db.connect(path)
    ingest_file(c, KOPERASI_FILES[-1], gazetteer)
    c.close()
    copy_dir = tmp_path / "salinan"
    copy_dir.mkdir()
    at = start(path, copy_dir, monkeypatch, "pages/3_lahan.py")
    assert [i.value for i in at.info] == [
        "Baru ada satu minggu data koperasi; tren tampil setelah minggu berikutnya diunggah.",
        "Belum ada data lahan untuk filter ini. Unggah file lahan di halaman Unggah Data.",
    ]
    # The koperasi parts still work: the kendala of the week are ranked.
    assert [s.value for s in at.subheader][:3] == [
        "Koperasi tidak dapat dibangun",
        "Kendala koperasi",
        "Status lahan koperasi per provinsi",
    ]


def test_both_pages_say_what_is_missing_on_an_empty_database(empty_db_file, tmp_path, monkeypatch):
    for page in ("pages/2_zona.py", "pages/3_lahan.py"):
        folder = tmp_path / Path(page).stem
        folder.mkdir()
        at = start(empty_db_file, folder, monkeypatch, page)
        assert "Belum ada data koperasi" in at.info[0].value
