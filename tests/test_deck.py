"""The weekly deck (analytics.deck), its files (analytics.deck.ekspor), the `deck` CLI and the
Presentasi page: queries and sentences on the hand-written fixtures, the NTB demo deck as PPTX and
PDF (rendered to PNG with pdftoppm into tests/artifacts/), and the kept slide order.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import db, deck, demo, kamus, kualitas
from analytics.deck import ekspor
from analytics.filters import Filter
from conftest import ROOT, salin_demo

KINI, LALU = dt.date(2025, 10, 27), dt.date(2025, 10, 20)
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
PDFTOPPM = shutil.which("pdftoppm")
PDFINFO = shutil.which("pdfinfo")
NTB_JUDUL = [
    "Angka utama minggu ini",
    "Zona koperasi per kabupaten/kota",
    "Kecamatan dengan zona merah terbanyak",
    "Perlu intervensi minggu ini",
    "Lahan dan kendala",
    "SPPG: realisasi terhadap rencana",
    "Adopsi SIMKOPDES",
    "Pelatihan (bimtek)",
    "Kelengkapan laporan",
]


def _say(request, text: str) -> None:
    """Printed past pytest's capture, so a plain `pytest -q` shows it (as tests/test_demo.py does)."""
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print(f"\n{text}", flush=True)


@pytest.fixture(scope="module")
def fx(loaded_db_file, tmp_path_factory):
    """The hand-written fixtures: 4 weeks of koperasi in Lampung Barat and Lombok Barat, one of the rest."""
    path = tmp_path_factory.mktemp("deck") / "fx.duckdb"
    shutil.copy(loaded_db_file, path)
    con = db.connect(path)
    yield con
    con.close()


@pytest.fixture(scope="module")
def fx_deck(fx) -> deck.Deck:
    return deck.build(fx, Filter.from_code("18.04"), contoh=False)


@pytest.fixture(autouse=True)
def pilihan_file(tmp_path, monkeypatch) -> Path:
    """Every test keeps its slide choice in a file of its own, never in data/presentasi.json."""
    path = tmp_path / "presentasi.json"
    monkeypatch.setenv("KDKMP_PRESENTASI", str(path))
    return path


# --- queries ------------------------------------------------------------------------------------


def test_zone_moves_per_area_list_each_move_with_its_direction(fx):
    f = Filter.from_code("18")
    assert deck.deck_pindah_zona_per_wilayah(fx, f, "kecamatan", KINI, LALU).to_dict("records") == [
        {"kode": "18.04.04", "nama": "Balik Bukit", "dari": "kuning", "ke": "merah", "arah": "turun", "koperasi": 1},
        {"kode": "18.04.04", "nama": "Balik Bukit", "dari": "merah", "ke": "kuning", "arah": "naik", "koperasi": 1},
    ]
    assert deck.deck_pindah_zona_per_wilayah(fx, Filter(), "provinsi", KINI, LALU)[["nama", "arah"]].to_dict(
        "records"
    ) == [{"nama": "Lampung", "arah": "turun"}, {"nama": "Lampung", "arah": "naik"}]
    assert deck.deck_pindah_zona_per_wilayah(fx, Filter.from_code("52"), "kabupaten", KINI, LALU).empty


def test_worst_areas_rank_by_merah_with_last_week_and_moves(fx):
    rows = deck.deck_wilayah_terburuk(fx, Filter.from_code("18.04"), "kecamatan", KINI, LALU)
    assert rows.drop(columns=["lat", "lon"]).to_dict("records") == [
        {
            "kode": "18.04.04",
            "nama": "Balik Bukit",
            "induk": "Kab. Lampung Barat",
            "koperasi": 3,
            "merah": 1,
            "merah_lalu": 1,
            "turun": 1,
            "naik": 1,
        },
        {
            "kode": "18.04.08",
            "nama": "Sekincau",
            "induk": "Kab. Lampung Barat",
            "koperasi": 2,
            "merah": 1,
            "merah_lalu": 1,
            "turun": 0,
            "naik": 0,
        },
    ]
    desa = deck.deck_wilayah_terburuk(fx, Filter.from_code("18.04.04"), "desa", KINI, LALU)
    assert desa[["nama", "induk", "merah", "merah_lalu", "turun", "naik"]].to_dict("records") == [
        {"nama": "Gunung Sugih", "induk": "Balik Bukit", "merah": 1, "merah_lalu": 0, "turun": 1, "naik": 0},
        {"nama": "Pasar Liwa", "induk": "Balik Bukit", "merah": 0, "merah_lalu": 1, "turun": 0, "naik": 1},
        {"nama": "Sebarus", "induk": "Balik Bukit", "merah": 0, "merah_lalu": 0, "turun": 0, "naik": 0},
    ]
    with pytest.raises(ValueError):
        deck.deck_wilayah_terburuk(fx, Filter(), "kabupaten", KINI, LALU)


def test_area_name_is_the_filter_finest_first(fx):
    assert deck.deck_nama_wilayah(fx, Filter.from_code("18.04.08")) == "Kec. Sekincau · Kab. Lampung Barat · Lampung"
    assert deck.deck_nama_wilayah(fx, Filter()) == "Seluruh Indonesia"


# --- the deck as data ---------------------------------------------------------------------------


def test_every_slide_states_its_point_with_this_week_numbers(fx_deck):
    assert fx_deck.subjudul == "Kab. Lampung Barat · Lampung · Minggu 44 · 27 Okt–2 Nov 2025"
    assert fx_deck.pembanding == "Perubahan dibanding Minggu 43 · 20–26 Okt 2025"
    assert {s.id: s.kalimat for s in fx_deck.slides} == {
        "utama": "Dari 5 koperasi terdaftar, 2 masuk portal, 1 sedang dibangun dan 0 tidak dapat dibangun; "
        "gerai beroperasi tetap 1, SPPG beroperasi 1 dari 3 SPPG.",
        "zona": "Zona merah tetap 2 koperasi; 1 koperasi naik ke kuning, di Kec. Balik Bukit; "
        "1 koperasi turun ke merah, di Kec. Balik Bukit.",
        "terburuk": "Zona merah terbanyak di Kec. Balik Bukit dan Kec. Sekincau, masing-masing 1 koperasi; "
        "paling banyak turun zona: Kec. Balik Bukit, 1 koperasi.",
        "intervensi": "2 koperasi perlu intervensi minggu ini di 2 kecamatan (semuanya zona merah, termasuk "
        "1 turun zona dan 1 pembangunan macet); di Kec. Balik Bukit dan Kec. Sekincau.",
        "lahan": "Kendala terbanyak: cuaca dan tenaga kerja, masing-masing pada 2 koperasi, disusul administrasi (1); "
        "0 koperasi tidak dapat dibangun dan 0 belum punya lahan atau lahannya ditolak.",
        "sppg": "SPPG beroperasi 1 dari 3 SPPG (33,3%); yang beroperasi ada di Kec. Balik Bukit.",
        "simkopdes": "SIMKOPDES aktif pada 3 dari 5 koperasi (60,0%); 1 berkendala login/jaringan, di Kec. Sekincau.",
        "bimtek": "Bimtek minggu ini: 2 kegiatan, 20 peserta, terbanyak di Kec. Balik Bukit (12 peserta); "
        "20 peserta sejak awal pencatatan.",
        "kelengkapan": "1 dari 1 kabupaten/kota mengirim data koperasi minggu ini, 1 terlambat.",
    }


def test_tiles_carry_the_change_since_last_week_coloured_by_what_is_good(fx_deck):
    tiles = [(k.label, k.nilai_teks, k.perubahan, k.nada) for k in fx_deck.slide("utama").kpi]
    assert tiles == [
        ("Koperasi terdaftar", "5", "tetap", "netral"),
        ("Masuk portal", "2", "tetap", "netral"),
        ("Sedang dibangun", "1", "tetap", "netral"),
        ("Tidak dapat dibangun", "0", "turun 1", "baik"),
        ("Gerai beroperasi", "1", "tetap", "netral"),
        # One week of SPPG data only: no change to show.
        ("SPPG beroperasi", "1", "", "netral"),
        ("Total SPPG", "3", "", "netral"),
    ]
    assert [(k.label, k.nilai_teks, k.perubahan) for k in fx_deck.slide("zona").kpi] == [
        ("Merah", "2", "tetap"),
        ("Kuning", "2", "tetap"),
        ("Hijau", "1", "tetap"),
    ]
    assert [k.nilai_teks for k in fx_deck.slide("kelengkapan").kpi] == ["1 dari 1"] * 3


def test_slide_tables_hold_the_numbers_the_sentences_use(fx_deck):
    zona = fx_deck.slide("zona").tabel
    assert zona.kolom == ["Kecamatan", "Merah", "Kuning", "Hijau", "Naik", "Turun"]
    assert zona.baris == [
        ["Kec. Balik Bukit", "1 → 1", "1 → 1", "1 → 1", "1", "1"],
        ["Kec. Sekincau", "1 → 1", "1 → 1", "0 → 0", "0", "0"],
    ]
    intervensi = fx_deck.slide("intervensi").tabel
    # Inside one kabupaten its name on every row would say nothing: no Kab/kota column.
    assert intervensi.kolom == ["No", "Koperasi", "Kecamatan", "Zona", "Alasan", "Pendamping"]
    assert intervensi.baris == [
        ["1", "KDMP Gunung Sugih", "Balik Bukit", "Kuning → Merah", "Pembangunan macet", "Rina Marlina"],
        ["2", "KDMP Pampangan", "Sekincau", "Merah", "Belum berbadan hukum", "Agus Salim"],
    ]
    assert fx_deck.slide("sppg").tabel.baris == [
        ["Kec. Balik Bukit", "2", "1", "50,0%"],
        ["Kec. Sekincau", "1", "0", "0,0%"],
    ]
    assert fx_deck.slide("kelengkapan").tabel.baris == [["Kab. Lampung Barat", "Terlambat", "Terlambat", "Terlambat"]]
    # Downloads keep whole numbers, not text.
    assert fx_deck.slide("zona").tabel.data[["wilayah", "merah", "merah_lalu"]].to_dict("records") == [
        {"wilayah": "Kec. Balik Bukit", "merah": 1, "merah_lalu": 1},
        {"wilayah": "Kec. Sekincau", "merah": 1, "merah_lalu": 1},
    ]


def test_national_deck_names_the_parent_of_each_kecamatan(fx):
    d = deck.build(fx, Filter(), contoh=False)
    assert d.slide("terburuk").kalimat == (
        "Zona merah terbanyak di Kec. Balik Bukit (Kab. Lampung Barat) dan Kec. Sekincau (Kab. Lampung Barat), "
        "masing-masing 1 koperasi; paling banyak turun zona: Kec. Balik Bukit (Kab. Lampung Barat), 1 koperasi."
    )
    # Nothing assigned: every kabupaten/kota of the gazetteer is expected to report.
    assert d.slide("kelengkapan").kalimat == (
        "2 dari 514 kabupaten/kota mengirim data koperasi minggu ini, 2 terlambat; belum melapor: 512 kabupaten/kota."
    )
    # The map needs a province: nationally the slide says so instead of drawing 7,000 kecamatan.
    assert d.slide("terburuk").grafik is None
    assert "Peta tampil setelah provinsi dipilih." in d.slide("terburuk").catatan


def test_deck_without_koperasi_data_says_what_is_missing(fx):
    d = deck.build(fx, Filter.from_code("11"), contoh=False)
    assert d.minggu is None
    assert [s.id for s in d.slides] == list(deck.SLIDE_IDS)
    assert all(s.kosong == deck.KOSONG["koperasi"] for s in d.slides)


@pytest.mark.parametrize(
    ("kini", "lalu", "menjadi", "dari_menjadi"),
    [
        (29, 27, "bertambah 2 menjadi 29", "naik dari 27 menjadi 29"),
        (176, 212, "berkurang 36 menjadi 176", "turun dari 212 menjadi 176"),
        (1166, 1166, "tetap 1.166", "tetap 1.166"),
        (5, None, "5", "5"),
    ],
)
def test_change_phrases(kini, lalu, menjadi, dari_menjadi):
    assert deck.menjadi(kini, lalu) == menjadi
    assert deck.dari_menjadi(kini, lalu) == dari_menjadi


@pytest.mark.parametrize(
    ("names", "top", "total", "expected"),
    [
        (["Kab. Bima"], 1, 1, "di Kab. Bima"),
        (["Kab. Bima"], 4, 4, "semuanya di Kab. Bima"),
        (["Kec. A", "Kec. B", "Kec. C"], 1, 3, "di Kec. A, Kec. B dan Kec. C"),
        (["Kab. Bima"], 26, 120, "terbanyak di Kab. Bima (26)"),
        (["Kab. Bima", "Kota Bima"], 4, 13, "terbanyak di Kab. Bima dan Kota Bima (masing-masing 4)"),
        (["A", "B", "C", "D"], 1, 9, "tersebar di 9 kecamatan"),
    ],
)
def test_where_phrase_names_ties_and_never_says_most_of_one(names, top, total, expected):
    assert deck.lokasi(names, top, total, 9, "kecamatan", satuan="") == expected


def test_koperasi_names_use_the_programme_abbreviations():
    assert deck.singkat_koperasi("Koperasi Desa Merah Putih Banggo") == "KDMP Banggo"
    assert deck.singkat_koperasi("KOPERASI KELURAHAN MERAH PUTIH Rontu") == "KKMP Rontu"
    assert deck.singkat_koperasi("Koperasi Tani Makmur") == "Koperasi Tani Makmur"


# --- the kept choice ----------------------------------------------------------------------------


def test_kept_choice_reorders_hides_and_survives_a_broken_file(fx_deck, pilihan_file):
    assert deck.pilihan.baca_pilihan() == deck.pilihan.Pilihan()  # no file yet: every slide, default order
    p = deck.pilihan.Pilihan().geser("kelengkapan", -1).tampil("lahan", False).geser("utama", -1)
    deck.pilihan.simpan_pilihan(p)
    assert json.loads(pilihan_file.read_text(encoding="utf-8")) == {
        "urutan": [
            "utama",
            "target",
            "zona",
            "terburuk",
            "intervensi",
            "lahan",
            "sppg",
            "simkopdes",
            "kelengkapan",
            "bimtek",
        ],
        "sembunyi": ["lahan"],
    }
    assert [s.id for s in fx_deck.urut(deck.pilihan.baca_pilihan())] == [
        "utama",
        "zona",
        "terburuk",
        "intervensi",
        "sppg",
        "simkopdes",
        "kelengkapan",
        "bimtek",
    ]
    # Unknown ids are dropped, missing ones come back in the default order.
    assert deck.pilihan.Pilihan.from_json(
        {"urutan": ["sppg", "tidak_ada", "sppg"], "sembunyi": ["x", "zona"]}
    ) == deck.pilihan.Pilihan(
        ("sppg", "utama", "target", "zona", "terburuk", "intervensi", "lahan", "simkopdes", "bimtek", "kelengkapan"),
        frozenset({"zona"}),
    )
    pilihan_file.write_text("{ bukan json", encoding="utf-8")
    assert deck.pilihan.baca_pilihan() == deck.pilihan.Pilihan()
    everything_hidden = deck.pilihan.Pilihan(sembunyi=frozenset(deck.SLIDE_IDS))
    assert [s.id for s in fx_deck.urut(everything_hidden)] == ["utama"]


# --- files --------------------------------------------------------------------------------------


def _pptx_texts(data: bytes) -> list[dict]:
    from pptx import Presentation

    out = []
    for slide in Presentation(io.BytesIO(data)).slides:
        texts, tables, pictures = [], [], 0
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                tables.append([[c.text for c in row.cells] for row in shape.table.rows])
            if shape.shape_type == 13:  # MSO_SHAPE_TYPE.PICTURE
                pictures += 1
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        out.append({"title": title, "texts": texts, "tables": tables, "pictures": pictures, "notes": notes})
    return out


def test_pptx_has_a_title_slide_then_the_chosen_slides_as_editable_text(fx_deck):
    chosen = fx_deck.urut(deck.pilihan.Pilihan().tampil("lahan", False).geser("kelengkapan", -9))
    slides = _pptx_texts(ekspor.pptx_bytes(fx_deck, chosen))
    assert [s["title"] for s in slides] == ["Laporan Mingguan KDKMP & MBG"] + [s.judul for s in chosen]
    assert slides[1]["title"] == "Kelengkapan laporan"
    for built, drawn in zip(chosen, slides[1:]):
        assert built.kalimat in drawn["texts"]
        assert drawn["notes"].startswith(built.kalimat)
        if built.tabel is not None:
            assert drawn["tables"] == [[built.tabel.kolom] + built.tabel.baris]
        expected_pictures = 1 if built.grafik is not None and CHROMIUM else 0
        assert drawn["pictures"] == expected_pictures, built.id
    assert "1 dari 3" not in " ".join(slides[0]["texts"])  # the title slide carries no numbers


def _pdf_pages(pdf: Path, prefix: str, dpi: int = 50) -> list[Path]:
    for old in ARTIFACTS.glob(f"{prefix}-*.png"):
        old.unlink()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run([PDFTOPPM, "-r", str(dpi), "-png", str(pdf), str(ARTIFACTS / prefix)], check=True, timeout=120)
    return sorted(ARTIFACTS.glob(f"{prefix}-*.png"))


@pytest.mark.skipif(PDFTOPPM is None or PDFINFO is None, reason="poppler-utils (pdftoppm, pdfinfo) is not installed")
def test_pdf_has_one_16_by_9_page_per_slide_and_the_summary_one_a4_page(fx_deck, tmp_path):
    from PIL import Image

    slides = fx_deck.urut(deck.pilihan.Pilihan().tampil("sppg", False))
    pdf = ekspor.tulis(fx_deck, tmp_path / "deck.pdf", slides)
    pages = _pdf_pages(pdf, "deck_lampung_barat")
    assert len(pages) == len(slides) + 1  # the title page first
    w, h = Image.open(pages[1]).size
    assert abs(w / h - 16 / 9) < 0.01
    text = (
        subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        if shutil.which("pdftotext")
        else ""
    )
    if text:
        assert "Dari 5 koperasi terdaftar, 2 masuk portal" in " ".join(text.split())  # text stays text

    ringkasan = ekspor.tulis(fx_deck, tmp_path / "ringkasan.pdf", slides, ringkasan=True)
    info = subprocess.run([PDFINFO, str(ringkasan)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info
    assert "595.2" in info and "841.8" in info  # A4 portrait, in points
    _pdf_pages(ringkasan, "ringkasan_lampung_barat", dpi=70)


def test_write_refuses_other_file_types(fx_deck, tmp_path):
    with pytest.raises(ValueError):
        ekspor.tulis(fx_deck, tmp_path / "deck.docx")
    with pytest.raises(ValueError):
        ekspor.tulis(fx_deck, tmp_path / "ringkasan.pptx", ringkasan=True)


def test_tables_are_set_as_large_as_their_box_allows(fx_deck):
    t = fx_deck.slide("intervensi").tabel
    big = ekspor.ukur_tabel(t, ekspor.Kotak(0, 0, 12.3, 5.0))
    small = ekspor.ukur_tabel(t, ekspor.Kotak(0, 0, 8.0, 0.9))
    assert big.pt == 18 and small.pt < big.pt  # 18 pt: read from the back of a room
    assert abs(sum(big.lebar) - 12.3) < 1e-6


# --- the NTB demo deck --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_con(demo_db_file, tmp_path_factory):
    con = db.connect(salin_demo(demo_db_file, tmp_path_factory, "deck_demo"))
    yield con
    con.close()


def test_the_reporting_slide_names_the_open_quality_findings_where_there_are_some(demo_con):
    # The demo's planted findings (demo.KUALITAS_TERTANAM) are all in Kab. Lampung Selatan.
    kinds = [kualitas.load_aturan().by_id()[a].tingkat for a in demo.KUALITAS_TERTANAM]
    galat, peringatan = kinds.count("galat"), kinds.count("peringatan")
    sentence = (
        f" Temuan kualitas data belum dicek: {galat + peringatan} ({galat} galat, {peringatan} peringatan) "
        "di Kab. Lampung Selatan."
    )
    for f in (Filter(), Filter.from_code("18"), Filter.from_code("18.01")):
        assert deck.build(demo_con, f).slide("kelengkapan").kalimat.endswith(sentence), f
    # Where there is none, the sentence says nothing of quality.
    assert "kualitas" not in deck.build(demo_con, Filter.from_code("52")).slide("kelengkapan").kalimat


def test_ntb_demo_deck_exports_with_the_published_figures(demo_con, tmp_path, request):
    started = time.perf_counter()
    d = deck.build(demo_con, Filter.from_code("52"))
    built = time.perf_counter()
    pptx = ekspor.tulis(d, tmp_path / "ntb.pptx")
    written_pptx = time.perf_counter()
    pdf = ekspor.tulis(d, tmp_path / "ntb.pdf")
    done = time.perf_counter()
    _say(
        request,
        f"deck NTB: susun {built - started:.1f} s, PPTX {written_pptx - built:.1f} s "
        f"(gambar grafik dengan Chromium yang sudah menyala), PDF {done - written_pptx:.1f} s, total {done - started:.1f} s",
    )

    assert d.contoh and d.minggu == dt.date(2026, 11, 16)
    slides = _pptx_texts(pptx.read_bytes())
    assert [s["title"] for s in slides[1:]] == NTB_JUDUL
    headline = " ".join(slides[1]["texts"])
    for figure in ("1.166", "454", "249", "176"):
        assert figure in headline
    footer = "Nusa Tenggara Barat · Minggu 47 · 16–22 Nov 2026"
    assert footer in headline and "DATA CONTOH (SINTETIS)" in headline
    # The sentences say what the tiles and tables show.
    k = {t.label: t for t in d.slide("utama").kpi}
    assert d.slide("utama").kalimat.startswith(
        f"Dari {k['Koperasi terdaftar'].nilai_teks} koperasi terdaftar, {k['Masuk portal'].nilai_teks} masuk portal, "
        f"{k['Sedang dibangun'].nilai_teks} sedang dibangun dan {k['Tidak dapat dibangun'].nilai_teks} tidak dapat dibangun"
    )
    assert d.slide("utama").kalimat.startswith(
        "Dari 1.166 koperasi terdaftar, 454 masuk portal, 249 sedang dibangun dan 176 tidak dapat dibangun"
    )
    z = {t.label: t for t in d.slide("zona").kpi}
    assert d.slide("zona").kalimat.startswith(
        f"Zona merah {deck.dari_menjadi(z['Merah'].nilai, z['Merah'].lalu)} koperasi"
    )
    zona_tabel = d.slide("zona").tabel.data
    naik = d.slide("zona").kalimat.split("; ")[1]
    n_naik = int(naik.split(" ")[0].replace(".", ""))
    assert n_naik <= int(zona_tabel["naik"].sum())
    if PDFTOPPM:
        pages = _pdf_pages(pdf, "deck_ntb")
        assert len(pages) == len(NTB_JUDUL) + 1


def _pptx_ukuran_tabel(data: bytes) -> dict[int, list[float]]:
    """Slide number -> the size in pt of every text run in its tables."""
    from pptx import Presentation

    out: dict[int, list[float]] = {}
    for nomor, slide in enumerate(Presentation(io.BytesIO(data)).slides):
        for shape in slide.shapes:
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        for para in cell.text_frame.paragraphs:
                            out.setdefault(nomor, []).extend(r.font.size.pt for r in para.runs if r.text.strip())
    return out


def _pdf_ukuran_di(data: bytes, kotak: dict[int, ekspor.Kotak]) -> dict[int, list[float]]:
    """Page number -> the size in pt of every character drawn inside that page's box (inches from
    the top-left corner, as the layout is written)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTContainer

    def chars(item):
        if isinstance(item, LTChar):
            yield item
        elif isinstance(item, LTContainer):
            for child in item:
                yield from chars(child)

    out: dict[int, list[float]] = {}
    for nomor, page in enumerate(extract_pages(io.BytesIO(data))):
        box = kotak.get(nomor)
        if box is None:
            continue
        top = page.height
        for ch in chars(page):
            if not ch.get_text().strip():
                continue
            x, y = (ch.x0 + ch.x1) / 2 / 72, (top - (ch.y0 + ch.y1) / 2) / 72
            if box.x <= x <= box.x + box.w and box.y <= y <= box.y + box.h:
                out.setdefault(nomor, []).append(round(ch.size, 2))
    return out


@pytest.mark.parametrize("kode", ["52", "18.04"])
def test_every_table_of_the_demo_decks_is_set_at_18_pt_or_more_in_pptx_and_pdf(demo_con, kode):
    d = deck.build(demo_con, Filter.from_code(kode))
    with_table = {i: s for i, s in enumerate(d.slides, start=1) if s.tabel is not None}  # page 0: the title
    assert len(with_table) >= 5

    pptx = _pptx_ukuran_tabel(ekspor.pptx_bytes(d))
    assert sorted(pptx) == sorted(with_table)
    kecil = {d.slides[i - 1].id: min(sizes) for i, sizes in pptx.items() if min(sizes) < ekspor.TABEL_PT}
    assert kecil == {}, f"PPTX: tabel di bawah 18 pt: {kecil}"

    # The PDF: every character from the table's top edge down to the slide's note line.
    area = {}
    for i, s in with_table.items():
        t = ekspor.tata_letak(s).tabel
        area[i] = ekspor.Kotak(t.x, t.y, t.w, ekspor.CATATAN_Y - t.y)
    pdf = _pdf_ukuran_di(ekspor.pdf_bytes(d), area)
    assert sorted(pdf) == sorted(with_table)
    for i, sizes in pdf.items():
        # A table's cells are as many characters as its text has (less the spaces), none smaller.
        s = with_table[i]
        assert len(sizes) == sum(len("".join(c.split())) for c in s.tabel.kolom + sum(s.tabel.baris, [])), s.id
    kecil = {d.slides[i - 1].id: min(sizes) for i, sizes in pdf.items() if min(sizes) < ekspor.TABEL_PT - 0.01}
    assert kecil == {}, f"PDF: tabel di bawah 18 pt: {kecil}"


@pytest.mark.parametrize("kode", ["52", "18.04"])
def test_every_note_of_the_demo_decks_keeps_one_line_at_its_size_above_the_footer(demo_con, kode):
    d = deck.build(demo_con, Filter.from_code(kode))
    notes = {s.id: s.catatan for s in d.slides if s.catatan}
    assert "intervensi" in notes
    panjang = {
        i: n for i, n in notes.items() if ekspor.baris_teks(n, ekspor.tata_letak(d.slide(i)).catatan.w - 0.1, 11) > 1
    }
    assert ekspor.CATATAN_PT == 11 and panjang == {}


# --- the CLI ------------------------------------------------------------------------------------


def _cli(*args: str, db_file: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "analytics", "deck", *args, "--db", str(db_file)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_writes_the_deck_without_the_browser(loaded_db_file, tmp_path, pilihan_file, request):
    db_file = tmp_path / "cli.duckdb"
    shutil.copy(loaded_db_file, db_file)
    deck.pilihan.simpan_pilihan(deck.pilihan.Pilihan().tampil("simkopdes", False), pilihan_file)
    out = tmp_path / "lb.pptx"
    started = time.perf_counter()
    done = _cli("--kabupaten", "Lampung Barat", "--minggu", "2025-10-29", "--out", str(out), db_file=db_file)
    _say(request, f"python -m analytics deck (PPTX, Lampung Barat): {time.perf_counter() - started:.1f} s")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{out}: 8 slide, Kab. Lampung Barat · Lampung · Minggu 44")
    assert [s["title"] for s in _pptx_texts(out.read_bytes())][1:] == [
        "Angka utama minggu ini",
        "Zona koperasi per kecamatan",
        "Kecamatan dengan zona merah terbanyak",
        "Perlu intervensi minggu ini",
        "Lahan dan kendala",
        "SPPG: realisasi terhadap rencana",
        "Pelatihan (bimtek)",
        "Kelengkapan laporan",
    ]

    ringkasan = tmp_path / "ringkasan.pdf"
    done = _cli("--kabupaten", "18.04", "--semua-slide", "--ringkasan", "--out", str(ringkasan), db_file=db_file)
    assert done.returncode == 0, done.stderr
    assert ringkasan.read_bytes().startswith(b"%PDF") and "9 slide" in done.stdout

    assert _cli("--out", str(tmp_path / "x.docx"), db_file=db_file).returncode == 2
    assert _cli("--kabupaten", "Tidak Ada", "--out", str(out), db_file=db_file).returncode == 2
    empty = _cli("--provinsi", "11", "--out", str(tmp_path / "aceh.pdf"), db_file=db_file)
    assert empty.returncode == 1 and "Belum ada data koperasi" in empty.stderr


# --- the page -----------------------------------------------------------------------------------


@pytest.fixture
def at(loaded_store, monkeypatch):
    monkeypatch.setenv("KDKMP_DB", loaded_store)
    monkeypatch.chdir(ROOT)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.query_params.update({"provinsi": "18", "kabupaten": "18.04"})
    app.run()
    app.switch_page("pages/9_presentasi.py").run()
    assert not app.exception
    return app


def _texts(app) -> list[str]:
    return [m.value for m in app.markdown]


def test_presentasi_page_shows_a_slide_and_moves_with_the_buttons(at):
    assert "Angka utama minggu ini" in _texts(at)
    assert any(t.startswith("Dari 5 koperasi terdaftar") for t in _texts(at))
    assert "Salindia 1 dari 9" in _texts(at)
    assert {m.label: m.value for m in at.metric}["Koperasi terdaftar"] == "5"
    at.button(key="pres_berikutnya").click().run()
    assert not at.exception
    assert "Zona koperasi per kecamatan" in _texts(at) and "Salindia 2 dari 9" in _texts(at)
    assert at.table[0].value.iloc[0].tolist() == ["Kec. Balik Bukit", "1 → 1", "1 → 1", "1 → 1", "1", "1"]
    at.button(key="pres_sebelumnya").click().run()
    assert "Salindia 1 dari 9" in _texts(at)


def test_hiding_and_moving_slides_is_kept_in_the_file(at, pilihan_file):
    at.checkbox(key="pres_tampil_zona").uncheck().run()
    at.button(key="pres_naik_kelengkapan").click().run()
    assert not at.exception
    assert json.loads(pilihan_file.read_text(encoding="utf-8"))["sembunyi"] == ["zona"]
    assert "Salindia 1 dari 8" in _texts(at)
    at.button(key="pres_berikutnya").click().run()
    assert "Kecamatan dengan zona merah terbanyak" in _texts(at)
    at.button(key="pres_bawaan").click().run()
    assert json.loads(pilihan_file.read_text(encoding="utf-8")) == deck.pilihan.Pilihan().as_json()


def test_filter_change_rebuilds_the_deck_for_the_new_area(at):
    at.selectbox(key="w_kecamatan").set_value("18.04.08").run()
    assert not at.exception
    assert any(t.startswith("Dari 2 koperasi terdaftar") for t in _texts(at))
    at.toggle(key="pres_penuh").set_value(True).run()
    at.toggle(key="pres_otomatis").set_value(True).run()
    assert not at.exception
    assert at.number_input(key="pres_detik").value == 20


def test_chart_png_and_table_xlsx_helpers_produce_the_files(fx_deck):
    """ui.unduh: what the 'Unduh PNG' and 'Unduh XLSX' buttons of any page hand to the browser."""
    from openpyxl import load_workbook

    from ui import unduh

    png = unduh._png(fx_deck.slide("zona").grafik, 640, 360)()
    if CHROMIUM:
        assert png.startswith(b"\x89PNG")
    else:
        assert png.decode("utf-8").startswith("Grafik tidak dapat digambar")
    from analytics import export

    sheet = load_workbook(io.BytesIO(export.to_xlsx_bytes(fx_deck.slide("zona").tabel.data, "zona"))).active
    assert [c.value for c in sheet[1]][:3] == ["kode", "wilayah", "merah"]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed: no kept browser to close")
def test_the_kept_chromium_closes_when_idle_and_starts_again_for_the_next_image():
    """About 1 GB of memory per server is held only while exports are being made."""
    import time

    import plotly.graph_objects as go

    from analytics.deck import ekspor

    p = ekspor.Penggambar(tabs=1, diam_detik=1)
    try:
        first = p.png(go.Figure(go.Bar(x=["a"], y=[1])), 200, 100, skala=1)
        assert first.startswith(b"\x89PNG") and p.terbuka
        deadline = time.monotonic() + 30
        while p.terbuka and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not p.terbuka
        again = p.png(go.Figure(go.Bar(x=["b"], y=[2])), 200, 100, skala=1)
        assert again.startswith(b"\x89PNG") and p.terbuka
    finally:
        p.tutup()


# --- what the slides say and show ---------------------------------------------------------------

DECK_DEMO = {"nasional": None, "ntb": "52", "lampung_barat": "18.04", "balik_bukit": "18.04.04"}


def _legenda_di_luar(fig) -> bool:
    """Whether the figure's legend (when plotly draws one) lies outside the plot area: the axes'
    domain in paper coordinates, with plotly's defaults (x 1.02 left-anchored, y 1 top-anchored)."""
    lay = fig.layout
    named = [t for t in fig.data if t.showlegend is not False and t.name]
    if lay.showlegend is False or (lay.showlegend is None and len(named) < 2):
        return True
    lg = lay.legend
    x = 1.02 if lg.x is None else lg.x
    y = 1.0 if lg.y is None else lg.y
    xanchor = lg.xanchor if lg.xanchor not in (None, "auto") else ("left" if x >= 2 / 3 or x <= 1 / 3 else "center")
    yanchor = lg.yanchor if lg.yanchor not in (None, "auto") else ("top" if y >= 2 / 3 else "bottom")
    x0, x1 = lay.xaxis.domain or (0, 1)
    y0, y1 = lay.yaxis.domain or (0, 1)
    return (
        (y >= y1 and yanchor == "bottom")
        or (y <= y0 and yanchor == "top")
        or (x >= x1 and xanchor == "left")
        or (x <= x0 and xanchor == "right")
    )


def test_every_legend_of_every_deck_figure_lies_outside_its_plot_area(demo_con, fx_deck):
    decks = [fx_deck] + [deck.build(demo_con, Filter.from_code(c) if c else Filter()) for c in DECK_DEMO.values()]
    figures = [(d.wilayah, s.id, s.grafik) for d in decks for s in d.slides if s.grafik is not None]
    assert {s for _, s, _ in figures} >= {"zona", "terburuk", "lahan", "sppg", "simkopdes"}
    for wilayah, slide_id, fig in figures:
        assert _legenda_di_luar(fig), (wilayah, slide_id, fig.layout.legend)


def _ukuran_huruf(node, path="") -> dict[str, float]:
    """Every font size of a figure's JSON, by its path ('layout.legend.font.size', …)."""
    out: dict[str, float] = {}
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "size" and path.endswith("font") and isinstance(v, (int, float)):
                out[f"{path}.size"] = v
            else:
                out.update(_ukuran_huruf(v, f"{path}.{k}" if path else k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.update(_ukuran_huruf(v, f"{path}[{i}]"))
    return out


def test_chart_type_on_a_1080_screen_is_half_as_large_again_as_on_a_720_one(demo_con):
    from analytics.deck.grafik import skala_huruf, skala_layar

    assert skala_layar(None) == skala_layar(720) == 1.0
    d = deck.build(demo_con, Filter.from_code("52"))
    figures = [s.grafik for s in d.slides if s.grafik is not None]
    assert len(figures) >= 4
    for fig in figures:
        before = fig.to_plotly_json()
        kecil = _ukuran_huruf(before)
        besar = _ukuran_huruf(skala_huruf(fig, skala_layar(1080)).to_plotly_json())
        assert kecil and set(besar) == set(kecil)
        assert all(besar[k] == pytest.approx(v * 1.5, abs=0.1) for k, v in kecil.items()), (besar, kecil)
        assert fig.to_plotly_json() == before  # the deck's own figure is left as it was


def _angka(text: str) -> set[int]:
    """The whole numbers in a text in Indonesian format ('1.166' is one number)."""
    import re

    return {int(n.replace(".", "")) for n in re.findall(r"\d{1,3}(?:\.\d{3})+|\d+", text.replace(",", " "))}


def _tampil(s) -> dict[str, set[int]]:
    """What a slide shows, per area name: the numbers of its table row and of its chart bars."""
    out: dict[str, set[int]] = {}
    if s.tabel is not None:
        for row in s.tabel.baris:
            numbers = set().union(*(_angka(c) for c in row))
            for cell in row:
                out.setdefault(cell, set()).update(numbers)
    if s.grafik is not None:
        for trace in s.grafik.data:
            if trace.type == "bar" and trace.orientation == "h" and trace.y is not None:
                for label, value in zip(trace.y, trace.x):
                    out.setdefault(str(label), set()).add(int(value))
    return out


def _nama_wilayah(con, f: Filter) -> dict[str, str]:
    """Every area name a sentence of this filter's deck can use, as a sentence writes it -> as a
    table or chart may write it: kabupaten/kota by their short name, 'Kec. X', desa by name."""
    from analytics.wilayah import Gazetteer

    g = Gazetteer.load(con)
    prefix = f.code or ""
    rows = con.execute("select kode, nama_singkat from wilayah where tingkat = 'kabupaten'").fetchall()
    names = {n: n for k, n in rows if k.startswith(prefix[:5])}
    names.update({f"Kec. {n}": n for k, n in g.names["kecamatan"].items() if k.startswith(prefix[:8])})
    if f.level in ("kecamatan", "desa"):
        names.update({n: n for k, n in g.names["desa"].items() if k.startswith(f.code)})
    return names


def test_each_area_a_sentence_names_is_on_its_slide_with_the_same_number(demo_con):
    """Issue 15: the NTB deck named Kec. Kayangan (10) above a table without it. Each area a slide's
    sentence names (from the gazetteer, not from the slide) appears in that slide's table or chart,
    and a number written right after it ('Kec. X (4)', 'Kec. X: 10 dari 10') is in its row or bar."""
    import re

    named = with_number = 0
    for code in DECK_DEMO.values():
        f = Filter.from_code(code) if code else Filter()
        d = deck.build(demo_con, f)
        names = _nama_wilayah(demo_con, f)
        for s in d.slides:
            if s.id == "utama" or (s.tabel is None and s.grafik is None):
                continue
            shown = _tampil(s)
            found = [
                (m, sebut, pendek)
                for sebut, pendek in names.items()
                for m in re.finditer(r"(?<!\w)" + re.escape(sebut) + r"(?!\w)", s.kalimat)
            ]
            # 'Lampung Timur' inside 'Kab. Lampung Timur' is that one name, not two.
            found = [
                (m, sebut, pendek)
                for m, sebut, pendek in found
                if not any(o.start() <= m.start() and m.end() <= o.end() and o.span() != m.span() for o, _, _ in found)
            ]
            for m, sebut, pendek in found:
                where = (d.wilayah, s.id, sebut, s.kalimat)
                row = shown.get(sebut, set()) | shown.get(pendek, set())
                assert sebut in shown or pendek in shown, where
                named += 1
                after = re.match(r"(?: \((?:Kab\.|Kota)[^)]*\))?(?:: | \()(\d[\d.]*)", s.kalimat[m.end() :])
                if after:
                    assert int(after.group(1).replace(".", "")) in row, (where, row)
                    with_number += 1
    assert named >= 10 and with_number >= 3, (named, with_number)


def test_below_a_kecamatan_zones_are_a_list_of_desa_not_bars_of_one(fx):
    d = deck.build(fx, Filter.from_code("18.04.04"), contoh=False)
    zona = d.slide("zona")
    assert zona.grafik is None
    assert zona.tabel.kolom == ["Zona", "Desa/kel."]
    # Each zone or move with its desa: moves first (to the worst zone first), then the zones worst first.
    assert zona.tabel.baris == [
        ["Kuning → Merah (1)", "Gunung Sugih"],
        ["Merah → Kuning (1)", "Pasar Liwa"],
        ["Hijau (1)", "Sebarus"],
    ]
    # Every koperasi of Balik Bukit is active: no chart and nothing to list, the sentence says it.
    assert d.slide("simkopdes").grafik is None and d.slide("simkopdes").tabel is None
    # Sekincau: the desa whose koperasi has login or network problems or no account.
    simkopdes = deck.build(fx, Filter.from_code("18.04.08"), contoh=False).slide("simkopdes")
    assert simkopdes.grafik is None
    assert simkopdes.tabel.kolom == ["Desa/kel.", "Akun SIMKOPDES"]
    assert sorted(row[1] for row in simkopdes.tabel.baris) == [kamus.AKUN_LABEL["belum"], kamus.AKUN_LABEL["kendala"]]


def test_a_desa_without_sppg_has_no_sppg_slide(demo_con):
    """Pasar Liwa (demo): one koperasi, no SPPG in the desa although its kabupaten reports SPPG."""
    d = deck.build(demo_con, Filter.from_code("18.04.04.1001"))
    assert "sppg" not in [s.id for s in d.slides]
    assert d.slide("utama").kalimat.endswith("; belum ada data SPPG.")
    assert d.slide("zona").tabel.baris == [["Kuning (1)", "Pasar Liwa"]]
