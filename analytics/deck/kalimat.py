"""Helpers for the auto-written Indonesian sentences: changes, lists of areas, ties, short names."""

from __future__ import annotations

import pandas as pd

from analytics.deck.teks import TINGKAT
from analytics.format import angka

# --- sentence helpers ---------------------------------------------------------------------------


def menjadi(kini: int, lalu: int | None) -> str:
    """'bertambah 2 menjadi 29', 'berkurang 3 menjadi 26', 'tetap 29', or '29' without last week."""
    if lalu is None:
        return angka(kini)
    if kini > lalu:
        return f"bertambah {angka(kini - lalu)} menjadi {angka(kini)}"
    if kini < lalu:
        return f"berkurang {angka(lalu - kini)} menjadi {angka(kini)}"
    return f"tetap {angka(kini)}"


def dari_menjadi(kini: int, lalu: int | None) -> str:
    """'turun dari 212 menjadi 176', 'naik dari 5 menjadi 9', 'tetap 176', or '176'."""
    if lalu is None:
        return angka(kini)
    if kini < lalu:
        return f"turun dari {angka(lalu)} menjadi {angka(kini)}"
    if kini > lalu:
        return f"naik dari {angka(lalu)} menjadi {angka(kini)}"
    return f"tetap {angka(kini)}"


def daftar(names: list[str]) -> str:
    """'A', 'A dan B', 'A, B dan C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " dan " + names[-1]


BATAS_SEIMBANG = 3  # areas tied at the top that a sentence still names


def teratas(df: pd.DataFrame, kolom: str, nama) -> tuple[list[str], int]:
    """The areas with the largest `kolom` (all of them when tied, by name) and that value."""
    top = int(df[kolom].max()) if len(df) else 0
    rows = df[df[kolom] == top].sort_values("nama")
    return [nama(r) for r in rows.to_dict("records")], top


def lokasi(names: list[str], top: int, total: int, jumlah_area: int, tingkat: str, satuan: str | None = None) -> str:
    """Where `total` things are, given the areas with the most (`names`, `top` in each):
    'di A', 'semuanya di A', 'di A, B dan C', 'terbanyak di A (26)', 'terbanyak di A dan B (masing-masing 4)',
    'tersebar di 9 kecamatan'. `satuan` (a unit, may be '') adds the count to 'terbanyak'."""

    def count(prefix: str = "") -> str:
        if satuan is None:
            return ""
        return f" ({prefix}{angka(top)}{' ' + satuan if satuan else ''})"

    if top * len(names) == total and len(names) <= BATAS_SEIMBANG:
        if len(names) == 1:
            return f"di {names[0]}" if total == 1 else f"semuanya di {names[0]}"
        return f"di {daftar(names)}" + (count("masing-masing ") if top > 1 else "")
    if len(names) == 1:
        return f"terbanyak di {names[0]}" + count()
    if len(names) <= BATAS_SEIMBANG:
        return f"terbanyak di {daftar(names)}" + count("masing-masing ")
    return f"tersebar di {angka(jumlah_area)} {TINGKAT[tingkat]}"


_SINGKATAN = (("koperasi desa merah putih", "KDMP"), ("koperasi kelurahan merah putih", "KKMP"))


def singkat_koperasi(nama: str) -> str:
    """'Koperasi Desa Merah Putih Banggo' -> 'KDMP Banggo' (the programme's own abbreviations)."""
    for panjang, pendek in _SINGKATAN:
        if nama.lower().startswith(panjang):
            return (pendek + nama[len(panjang) :]).strip()
    return nama


def pendek(text: str) -> str:
    """A rule's explanation cut to its headline: 'Tidak dapat dibangun (tahap …).' -> 'Tidak dapat dibangun'."""
    for stop in (" (", ":"):
        if stop in text:
            text = text.split(stop, 1)[0]
    return text.strip().rstrip(".")
