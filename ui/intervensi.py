"""The Zona page's intervention list as it is shown: the week's answer with its reasons in words.

Built once per question and data version (through `Context.tanya`) and shared by every session: the
national list has thousands of rows, and wording each one took longer than the rest of the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from analytics import kamus, zona
from analytics.filters import Filter
from analytics.zona.aturan import Rules
from ui import teks


@dataclass(frozen=True)
class Intervensi:
    tampil: pd.DataFrame  # one row per koperasi, with zona_label, sebab, alasan and pendamping in words
    per_kecamatan: pd.DataFrame  # counts per kecamatan (zona.intervensi_per_kecamatan)
    merah: int
    turun: int
    macet: int


def penjelas(rules: Rules):
    """`aturan` (the rule ids that fired) → the rules' own sentences; a list repeats few combinations."""
    found: dict[tuple, str] = {}

    def explain(aturan) -> str:
        key = tuple(aturan if aturan is not None else ())
        if key not in found:
            found[key] = zona.alasan(aturan, rules)
        return found[key]

    return explain


def _sebab(merah: bool, turun: bool, macet: bool, zona_lalu, minggu_tanpa_progres) -> str:
    found = [teks.INTERVENSI_SEBAB_MERAH] if merah else []
    if turun:
        found.append(teks.INTERVENSI_SEBAB_TURUN.format(zona=kamus.ZONA_PENDEK[zona_lalu].lower()))
    if macet:
        found.append(teks.INTERVENSI_SEBAB_MACET.format(n=int(minggu_tanpa_progres)))
    return ", ".join(found)


def intervensi(con, f: Filter, kini: dt.date, lalu: dt.date | None, rules: Rules) -> Intervensi:
    daftar = zona.perlu_intervensi(con, f, kini, lalu, rules)
    explain = penjelas(rules)
    tampil = daftar.assign(
        zona_label=daftar["zona"].map(kamus.ZONA_PENDEK),
        sebab=[
            _sebab(*row)
            for row in zip(
                daftar["merah"], daftar["turun"], daftar["macet"], daftar["zona_lalu"], daftar["minggu_tanpa_progres"]
            )
        ],
        alasan=daftar["aturan"].map(explain),
        pendamping=daftar["pendamping"].fillna(teks.INTERVENSI_PENDAMPING_KOSONG),
    )
    return Intervensi(
        tampil,
        zona.intervensi_per_kecamatan(daftar),
        int(daftar["merah"].sum()),
        int(daftar["turun"].sum()),
        int(daftar["macet"].sum()),
    )
