"""Colour has one meaning each: green/yellow/red are the zones, defined once in analytics/kamus.py;
the theme is the navy brand colour; categories are colour-blind safe and never a zone colour."""

import re
import tomllib

from analytics import kamus
from conftest import ROOT

ZONA_HEX = {h.lower() for h in kamus.ZONA_WARNA.values()}
KATEGORI = {
    "STATUS_SPPG_WARNA": kamus.STATUS_SPPG_WARNA,
    "AKUN_WARNA": kamus.AKUN_WARNA,
    "KENDALA_WARNA": kamus.KENDALA_WARNA,
    "STATUS_LAHAN_WARNA": kamus.STATUS_LAHAN_WARNA,
    "VERIFIKASI_WARNA": kamus.VERIFIKASI_WARNA,
    "KELENGKAPAN_WARNA": kamus.KELENGKAPAN_WARNA,
    "DATASET_WARNA": kamus.DATASET_WARNA,
    "KATEGORI_PESERTA_WARNA": kamus.KATEGORI_PESERTA_WARNA,
    "KELOMPOK_LAHAN": {k: v for k, (_, v) in kamus.KELOMPOK_LAHAN.items()},
}


def test_the_theme_is_the_navy_brand_colour_not_red():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["theme"]["primaryColor"].lower() == kamus.MEREK_WARNA.lower()
    r, g, b = kamus.rgb(kamus.MEREK_WARNA)
    assert b > r and b > g  # navy, not an alarm


def test_no_category_is_painted_in_a_zone_colour():
    for name, palette in KATEGORI.items():
        assert not {c.lower() for c in palette.values()} & ZONA_HEX, name
        # Okabe–Ito's green and yellow are left out of categories: they would read as zones.
        assert kamus.OKABE_ITO["hijau_kebiruan"] not in palette.values(), name
        assert kamus.OKABE_ITO["kuning"] not in palette.values(), name


def test_categories_that_share_a_chart_have_distinct_colours():
    for name, palette in KATEGORI.items():
        colours = list(palette.values())
        assert len(set(colours)) == len(colours), name


def test_zone_colours_are_written_in_one_module_only():
    pattern = re.compile("|".join(re.escape(h) for h in ZONA_HEX), re.IGNORECASE)
    offenders = []
    for folder in ("analytics", "ui", "pages"):
        for path in (ROOT / folder).rglob("*.py"):
            if path == ROOT / "analytics" / "kamus.py":
                continue
            if pattern.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
