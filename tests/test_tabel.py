"""Text that is cut off (issue 15): a table wider than its place gets narrower text columns that wrap,
numbers and headers keep their width, and the first column stays pinned when even that is too
wide; the sidebar week box holds its text. Rules on small frames, then the pages (AppTest)."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from conftest import ROOT
from ui import tabel

PANJANG = "Lahan tidak ada atau ditolak (status lahan ditolak) · Tidak dapat dibangun (tahap tidak dapat dibangun)"


def _intervensi(n: int = 3) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Kecamatan": ["Bandar Negeri Suoh"] * n,
            "Koperasi": ["Koperasi Desa Merah Putih Suka Damai"] * n,
            "Aturan yang terpenuhi": [PANJANG] * n,
            "Pendamping": ["Ahmad Fauzi Rahman"] * n,
            "Minggu di zona": list(range(n)),
        }
    )


def test_a_table_that_fits_is_left_as_it_is():
    kecil = pd.DataFrame({"Wilayah": ["Balik Bukit"], "Total": [3]})
    assert tabel.pas(kecil) == {}
    assert tabel.pas(kecil, {"Total": "Total SPPG"}) == {"column_config": {"Total": "Total SPPG"}}


def test_a_wide_table_wraps_its_long_text_into_the_page_width():
    df = _intervensi()
    args = tabel.pas(df, {"Minggu di zona": st.column_config.NumberColumn(format="%d")})
    lebar = {k: c["width"] for k, c in args["column_config"].items()}
    assert sum(lebar.values()) <= tabel.LEBAR_HALAMAN
    assert args["row_height"] > 64  # the grid wraps text only in rows taller than 4rem
    # The long rule text gives most; numbers and headers keep their one-line width.
    assert lebar["Aturan yang terpenuhi"] < tabel._lebar_teks(len(PANJANG))
    assert lebar["Minggu di zona"] == tabel._lebar_teks(len("Minggu di zona"))
    assert all(w >= tabel._lebar_teks(len(k)) for k, w in lebar.items())
    assert args["column_config"]["Minggu di zona"]["type_config"]["format"] == "%d"  # the caller's config is kept
    assert not any(c.get("pinned") for c in args["column_config"].values())


def test_a_wrapped_column_is_never_narrower_than_its_longest_word():
    df = _intervensi().assign(Kecamatan="Manggalewa")
    lebar = {k: c["width"] for k, c in tabel.pas(df)["column_config"].items()}
    assert lebar["Kecamatan"] >= tabel._lebar_teks(len("Manggalewa"))


def test_a_table_too_wide_even_wrapped_pins_what_the_row_is():
    args = tabel.pas(_intervensi(), lebar=tabel.LEBAR_HALAMAN // 3)
    assert args["column_config"]["Kecamatan"]["pinned"] is True
    assert [k for k, c in args["column_config"].items() if c.get("pinned")] == ["Kecamatan"]


def test_the_height_follows_the_row_height():
    assert tabel.tinggi(2, {}, 420) == 38 + 2 * 35
    assert tabel.tinggi(2, {"row_height": 68}, 420) == 38 + 2 * 68
    assert tabel.tinggi(100, {"row_height": 68}, 420) == 420


@pytest.fixture
def app(loaded_store, monkeypatch):
    monkeypatch.setenv("KDKMP_DB", loaded_store)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def test_every_option_of_the_week_box_fits_the_sidebar(app):
    # 1366×768: the box shows 'Minggu 44 · 26 Okt–1 Nov 2026' whole, 'Minggu terbaru dengan data (Mi' was cut.
    minggu = app.selectbox(key="w_minggu")
    assert minggu.options[0] == "Terbaru: Minggu 44"
    assert all(len(o) <= 29 for o in minggu.options), minggu.options
    assert "Minggu 44 · 27 Okt–2 Nov 2025" in minggu.help


def test_obstacles_read_in_words_from_a_list_or_a_joined_string():
    import numpy as np

    from analytics import kamus

    kata = kamus.KENDALA_LABEL
    assert tabel.kendala_dalam_kata("cuaca, tenaga_kerja") == f"{kata['cuaca']}, {kata['tenaga_kerja']}"
    assert tabel.kendala_dalam_kata(np.array(["teknis"])) == kata["teknis"]
    assert tabel.kendala_dalam_kata(None) == tabel.kendala_dalam_kata("") == kata["tidak_diisi"]
    assert tabel.kendala_dalam_kata(float("nan")) == kata["tidak_diisi"]


def test_quality_values_are_words_or_indonesian_numbers():
    assert tabel.kualitas_nilai("71.6") == "71,6"
    assert tabel.kualitas_nilai(1240) == "1.240"
    assert tabel.kualitas_nilai("12") == "12"
    assert tabel.kualitas_nilai(None) is None
    assert tabel.kualitas_nilai("pembangunan / ditolak") == "Pembangunan / Ditolak"
