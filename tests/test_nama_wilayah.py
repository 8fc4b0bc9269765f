"""One name per area on one screen (issue 15): a kabupaten reads 'Kab. Lampung Barat' in the sidebar,
the heading, the breadcrumb, tables, charts and the deck alike, never 'Kabupaten Lampung Barat'
beside it. Every page at a kabupaten filter of the demo (AppTest), and the deck's text."""

from __future__ import annotations

import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from analytics import db, deck
from analytics.filters import Filter
from analytics.wilayah import Gazetteer
from conftest import ROOT, salin_demo

LAMPUNG_BARAT = Filter.from_code("18.04")
BENTUK = re.compile(r"\b(Kabupaten|Kab\.)\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)")
HALAMAN = sorted(p.name for p in (ROOT / "pages").glob("*.py") if p.name not in ("8_unggah.py", "10_audit.py"))


def bentuk_per_area(teks: str) -> dict[str, set[str]]:
    """'Kab. Bima … Kabupaten Bima' → {'Bima': {'Kab.', 'Kabupaten'}}."""
    out: dict[str, set[str]] = {}
    for awalan, nama in BENTUK.findall(teks):
        out.setdefault(nama, set()).add(awalan)
    return out


def test_the_two_forms_of_one_area_are_found():
    assert bentuk_per_area("Kab. Bima dan Kota Bima; Kabupaten Bima, Kab. Lampung Barat") == {
        "Bima": {"Kab.", "Kabupaten"},
        "Lampung Barat": {"Kab."},
    }
    assert bentuk_per_area("Kabupaten/Kota · Kab/kota melapor") == {}


@pytest.fixture(scope="module")
def demo_path(demo_db_file, tmp_path_factory):
    return salin_demo(demo_db_file, tmp_path_factory, "nama")


def test_display_names_are_the_short_form_tables_use(demo_path):
    con = db.connect(demo_path)
    try:
        g = Gazetteer.load(con)
    finally:
        con.close()
    assert g.name("kabupaten", "18.04") == "Kabupaten Lampung Barat"  # stored names stay official
    assert (g.nama_tampil("kabupaten", "18.04"), g.nama_tampil("kabupaten", "18.71")) == (
        "Kab. Lampung Barat",
        "Kota Bandar Lampung",
    )
    assert (g.nama_tampil("provinsi", "18"), g.nama_tampil("kecamatan", "18.04.04")) == ("Lampung", "Balik Bukit")


def _teks_halaman(at: AppTest) -> str:
    """Every text a leader reads on the page: headings, captions, widgets, tables and charts."""
    bagian: list[str] = []
    for jenis in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "success", "error"):
        bagian += [str(el.value) for el in at.get(jenis)]
    bagian += [m.label for m in at.metric] + [b.label for b in at.button] + [e.label for e in at.expander]
    for sb in at.selectbox:
        bagian += [sb.label, *map(str, sb.options)]
    for el in at.get("tabs"):
        bagian.append(str(el.label))
    for df in at.dataframe:
        bagian.append(df.value.to_string())
    for el in at.get("plotly_chart"):
        bagian.append(el.proto.spec)
    for el in at.get("download_button"):
        bagian.append(el.proto.label)
    return "\n".join(bagian)


@pytest.mark.parametrize("halaman", HALAMAN)
def test_a_page_at_a_kabupaten_filter_names_each_area_one_way(demo_path, tmp_path, monkeypatch, halaman):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_path, path)
    monkeypatch.setenv("KDKMP_DB", str(path))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update({"provinsi": "18", "kabupaten": "18.04"})
    at.run()
    at.switch_page(f"pages/{halaman}").run()
    assert not at.exception, at.exception
    teks = _teks_halaman(at)
    assert "Lampung Barat" in teks  # the filter is named on the page
    campur = {nama: b for nama, b in bentuk_per_area(teks).items() if len(b) > 1}
    assert campur == {}, halaman
    assert "Kabupaten Lampung Barat" not in teks


def test_the_deck_names_the_kabupaten_as_its_tables_do(demo_path):
    con = db.connect(demo_path)
    try:
        d = deck.build(con, LAMPUNG_BARAT, contoh=True)
    finally:
        con.close()
    teks = [d.subjudul]
    for s in d.slides:
        teks += [s.judul, s.kalimat, s.catatan, s.tabel_judul, s.grafik_alt]
        if s.tabel is not None:
            teks += [" ".join(r) for r in s.tabel.baris]
        if s.grafik is not None:
            teks.append(s.grafik.to_json())
    semua = "\n".join(teks)
    assert d.subjudul.startswith("Kab. Lampung Barat · Lampung · ")
    assert {nama: b for nama, b in bentuk_per_area(semua).items() if len(b) > 1} == {}
    assert "Kabupaten Lampung Barat" not in semua
