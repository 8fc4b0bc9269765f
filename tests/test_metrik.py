"""The metric registry: one definition per number. The SQL builder (no database), and on the demo
data for a national, a province, a kabupaten and a kecamatan filter: the value on the page
(AppTest), in `summary --json`, in the deck and the sum of the map's per-area values agree."""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import shutil
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from analytics import db, deck, ingest, metrik, peta, ringkasan, zona
from analytics.filters import LEVELS, Filter
from analytics.format import angka
from conftest import ROOT, salin_demo

SIMKOPDES = ROOT.parent / "shared" / "data" / "simkopdes"
NTB_DESA = SIMKOPDES / "kopdes_stats_village_ntb.csv"
DEMO_MINGGU = dt.date(2026, 11, 16)
FILTERS = {
    "nasional": Filter(),
    "ntb": Filter("52"),
    "lampung_barat": Filter("18", "18.04"),
    "balik_bukit": Filter("18", "18.04", "18.04.04"),
}
# The export's columns and the summary keys they are summed into (cli.md).
KOLOM_EKSPOR = {
    "koperasi": "cooperatives",
    "akun": "accounts_count",
    "npwp": "npwp_count",
    "nib": "nib_count",
    "rat": "rat_count",
    "volume_transaksi": "transaction_volume",
    "nilai_transaksi": "transaction_value",
}


# --- the builder, without a database -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sumber", "tingkat", "wanted", "unwanted"),
    [
        (
            "koperasi",
            None,
            [
                "from koperasi_zona",
                "dalam_wilayah(kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa, "
                "$provinsi, $kabupaten, $kecamatan, $desa)",
                "count(*) as terdaftar",
            ],
            ["group by"],
        ),
        ("koperasi", "kabupaten", ["kode_kabupaten as kode", "group by 1"], []),
        # Bimtek rows stop at kecamatan: no desa filter, and a desa grouping falls back to kecamatan.
        (
            "bimtek",
            "desa",
            ["kode_kecamatan as kode", "kode_kecamatan, null, $provinsi, $kabupaten, $kecamatan, null)"],
            ["$desa"],
        ),
        # Reporting is per kabupaten/kota, from the one view of who is expected.
        (
            "kelengkapan",
            None,
            ["from kabupaten_wajib_lapor", "count(*) filter (where melapor) as kabupaten_melapor"],
            ["$kecamatan", "$desa"],
        ),
        ("simkopdes_desa", "provinsi", ["kode_provinsi as kode", "coalesce(sum(rat), 0)::bigint as sd_rat"], []),
    ],
)
def test_one_statement_per_source_with_the_region_filter_written_once(sumber, tingkat, wanted, unwanted):
    sql = metrik.sql_nilai(sumber, tingkat)
    for text in wanted:
        assert text in sql
    for text in unwanted:
        assert text not in sql
    assert sql.count("minggu = $minggu") == (2 if sumber == "kelengkapan" else 1)


def test_an_unknown_level_is_refused():
    with pytest.raises(ValueError, match="tingkat tidak dikenal"):
        metrik.sql_nilai("koperasi", "rt")


def test_every_metric_is_complete_and_map_metrics_have_bands():
    for m in metrik.METRIK.values():
        assert m.sumber in metrik.SUMBER and m.label and m.ekspresi
        assert m.arah in ("naik", "turun", "") and m.format in ("angka", "rupiah")
        if m.penyebut:
            assert metrik.METRIK[m.penyebut].sumber == m.sumber
        if m.di_peta:
            assert m.label_peta and m.penjelasan_peta
            assert [b.bawah for b in m.pita] == sorted(b.bawah for b in m.pita)
    # Proof that a metric is one entry: the SIMKOPDES village totals, RAT among them, are map metrics.
    assert {"sd_rat", "sd_akun", "sd_nilai_transaksi"} <= set(metrik.PETA)


# --- the same number everywhere, on the demo data ----------------------------------------------------


@pytest.fixture(scope="module")
def demo_path(demo_db_file, tmp_path_factory):
    """The demo, plus the real SIMKOPDES village statistics of NTB for its latest week where present."""
    path = salin_demo(demo_db_file, tmp_path_factory, "metrik")
    con = db.connect(path)
    try:
        if NTB_DESA.is_file():
            prepared = ingest.prepare(con, NTB_DESA.read_bytes(), NTB_DESA.name, minggu=DEMO_MINGGU)
            ingest.commit(con, prepared, user="uji")
        else:
            print(f"\nstatistik desa SIMKOPDES tidak ada di {SIMKOPDES}: diuji tanpa data itu")
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def demo_con(demo_path):
    con = db.connect(demo_path)
    yield con
    con.close()


def _json_value(tree: dict, path: tuple[str, ...]):
    for key in path:
        tree = tree[key]
    return tree


def _summary_json(path, f: Filter) -> dict:
    args = [sys.executable, "-m", "analytics", "summary", "--json", "--db", str(path)]
    for level in ("provinsi", "kabupaten", "kecamatan"):
        if getattr(f, level):
            args += [f"--{level}", getattr(f, level)]
    out = subprocess.run(
        args, cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, "KDKMP_DB": str(path)}
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def copy_for_cli(demo_path, tmp_path_factory):
    """The CLI opens its own copy: the module's connection holds the demo file."""
    path = tmp_path_factory.mktemp("cli") / "demo.duckdb"
    shutil.copy(demo_path, path)
    return path


@pytest.mark.parametrize("nama", list(FILTERS))
def test_summary_json_prints_every_registry_metric_as_the_picture_has_it(demo_con, copy_for_cli, nama):
    f = FILTERS[nama]
    p = ringkasan.picture(demo_con, f)
    out = _summary_json(copy_for_cli, f)
    printed = [m for m in metrik.METRIK.values() if m.json]
    assert len(printed) > 40
    for m in printed:
        assert _json_value(out, m.json) == p[m.id], m.id
    has_ntb = NTB_DESA.is_file() and nama in ("nasional", "ntb")
    assert out["simkopdes_desa"]["minggu"] == (DEMO_MINGGU.isoformat() if has_ntb else None)


@pytest.mark.parametrize("nama", list(FILTERS))
def test_per_area_values_add_up_to_the_total(demo_con, nama):
    f = FILTERS[nama]
    p = ringkasan.picture(demo_con, f)
    for sumber, source in metrik.SUMBER.items():
        if LEVELS.index(f.group_level) > LEVELS.index(source.terhalus):
            continue  # areas finer than the source take their enclosing area's value
        minggu = p.minggu[ringkasan.minggu_sumber(sumber)]
        df = metrik.per_wilayah(demo_con, f, sumber, minggu)
        # A source outside the weekly picture (the quality score) against its own total.
        total = p.nilai if source.di_gambaran else metrik.nilai(demo_con, f, sumber, minggu)
        for m in metrik.dari_sumber(sumber):
            assert math.isclose(df[m.id].sum(), total[m.id]), (nama, m.id)


@pytest.mark.parametrize("nama", ["nasional", "ntb", "lampung_barat"])
def test_the_map_colours_each_area_by_the_registry_value(demo_con, nama):
    f = FILTERS[nama]
    p = ringkasan.picture(demo_con, f)
    rules = zona.aturan.load_rules()
    minggu = {k: p.minggu[k] for k in ("koperasi", "sppg", "lahan", "simkopdes_desa")}
    for mid in metrik.PETA:
        m = metrik.METRIK[mid]
        pm = peta.peta(demo_con, f, minggu, mid, {"wilayah"}, rules)
        if LEVELS.index(f.group_level) <= LEVELS.index(metrik.SUMBER[m.sumber].terhalus):
            source = metrik.SUMBER[m.sumber]
            total = (
                p[mid]
                if source.di_gambaran
                else metrik.nilai(demo_con, f, m.sumber, p.minggu[ringkasan.minggu_sumber(m.sumber)])[mid]
            )
            assert math.isclose(pm.wilayah[mid].sum(), total), (nama, mid)
        # The legend counts every area once.
        assert sum(n for _, _, n in pm.legenda) == len(pm.wilayah)


@pytest.mark.parametrize("nama", list(FILTERS))
def test_the_deck_states_the_registry_values(demo_con, nama):
    f = FILTERS[nama]
    p = ringkasan.picture(demo_con, f)
    d = deck.build(demo_con, f, contoh=True)
    utama = {k.label: (k.nilai, k.lalu) for k in d.slide("utama").kpi}
    for mid in ("terdaftar", "masuk_portal", "tahap_pembangunan", "tahap_tidak_dapat_dibangun", "gerai_beroperasi"):
        assert utama[metrik.METRIK[mid].label] == (p[mid], p.lalu(mid)), mid
    assert d.slide("utama").kalimat.startswith(
        f"Dari {angka(p['terdaftar'])} koperasi terdaftar, {angka(p['masuk_portal'])} masuk portal"
    )
    # One definition of "expected to report": the deck says what Ringkasan and the CLI say.
    assert d.slide("kelengkapan").kalimat.startswith(
        f"{angka(p['kabupaten_melapor'])} dari {angka(p['kabupaten_diharapkan'])} kabupaten/kota"
    )
    if p.minggu["simkopdes_desa"] is not None:
        kalimat = d.slide("simkopdes").kalimat
        for m in metrik.dari_sumber("simkopdes_desa"):
            assert f"{m.label} {m.teks(p[m.id])}" in kalimat


def test_demo_expects_reports_from_the_kabupaten_it_covers(demo_con):
    p = ringkasan.picture(demo_con, Filter())
    # NTB 10 + Lampung 15 + Kota Sungai Penuh: the demo assigns what it covers.
    assert (p["kabupaten_diharapkan"], p["kabupaten_melapor"]) == (26, 26)


# --- pages --------------------------------------------------------------------------------------


def _page(path, page: str, f: Filter, monkeypatch) -> dict[str, str]:
    monkeypatch.setenv("KDKMP_DB", str(path))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page(page).run()
    for level in ("provinsi", "kabupaten", "kecamatan"):
        if getattr(f, level):
            at.selectbox(key=f"w_{level}").set_value(getattr(f, level)).run()
    assert not at.exception, at.exception
    return {m.label: m.value for m in at.metric}


@pytest.fixture(scope="module")
def copy_for_pages(demo_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("halaman") / "demo.duckdb"
    shutil.copy(demo_path, path)
    return path


@pytest.mark.parametrize("nama", list(FILTERS))
def test_pages_show_the_registry_values(demo_con, copy_for_pages, monkeypatch, nama):
    f = FILTERS[nama]
    p = ringkasan.picture(demo_con, f)
    shown = _page(copy_for_pages, "pages/1_ringkasan.py", f, monkeypatch)
    for mid in (
        "terdaftar",
        "badan_hukum",
        "masuk_portal",
        "tahap_pembangunan",
        "tahap_tidak_dapat_dibangun",
        "gerai_beroperasi",
        "kabupaten_melapor",
        "kabupaten_diharapkan",
    ):
        m = metrik.METRIK[mid]
        assert shown[m.label] == m.teks(p[mid]), (nama, mid)
    if p.minggu["sppg"] is not None:
        for mid in ("sppg_beroperasi", "sppg_total"):
            assert shown[metrik.METRIK[mid].label] == angka(p[mid])
    shown = _page(copy_for_pages, "pages/5_digitalisasi.py", f, monkeypatch)
    if p.minggu["simkopdes_desa"] is not None:
        for m in metrik.dari_sumber("simkopdes_desa"):
            assert shown[m.label] == m.teks(p[m.id]), (nama, m.id)
    shown = _page(copy_for_pages, "pages/6_kelengkapan.py", f, monkeypatch)
    assert shown["Koperasi"] == f"{angka(p['kabupaten_melapor'])} dari {angka(p['kabupaten_diharapkan'])}"


# --- the real SIMKOPDES village statistics ------------------------------------------------------


def test_simkopdes_village_totals_equal_the_column_sums_of_the_export(tmp_path):
    if not NTB_DESA.is_file():
        pytest.skip(f"{NTB_DESA} tidak ada (data SIMKOPDES asli tidak disalin ke proyek)")
    with NTB_DESA.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    path = tmp_path / "ntb.duckdb"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "analytics",
            "ingest",
            str(NTB_DESA),
            "--minggu",
            "2026-11-16",
            "--db",
            str(path),
            "--json",
            "--partial",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    got = _summary_json(path, Filter("52"))["simkopdes_desa"]
    expected = {key: sum(float(r[col] or 0) for r in rows) for key, col in KOLOM_EKSPOR.items()}
    assert got["minggu"] == "2026-11-16"
    assert {k: got[k] for k in KOLOM_EKSPOR} == {
        k: (v if k == "nilai_transaksi" else int(v)) for k, v in expected.items()
    }
    assert got["desa"] == len({r["village_id"] for r in rows})


def test_every_metric_has_one_label_and_a_definition():
    """One word per concept: no two registry metrics share a label, and each says what it counts
    (the Definisi list on Ringkasan)."""
    labels = [m.label for m in metrik.METRIK.values()]
    assert sorted(label for label in set(labels) if labels.count(label) > 1) == []
    assert [m.id for m in metrik.METRIK.values() if not m.definisi] == []
    # Funnel stages are cumulative and say so; the SPPG total says it is a total.
    assert all(metrik.METRIK[c].label.startswith("Sudah sampai tahap") for c in metrik.CORONG[2:])
    assert metrik.METRIK["sppg_total"].label == "Total SPPG"
