"""The weekly picture for a filter: every registry metric at its dataset's latest week and the
previous week with data. Ringkasan, the other pages' tiles, the deck and `summary --json` read it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from analytics import db, digitalisasi, kelengkapan, koperasi, lahan, metrik, periode
from analytics.filters import Filter
from analytics.ingest.schema import KENDALA, STATUS_VERIFIKASI, SUMBER_LAHAN

# The week of each registry source: kelengkapan counts the koperasi reports of the koperasi week.
_MINGGU_SUMBER = {"kelengkapan": "koperasi", "kualitas": "koperasi"}


@dataclass
class Picture:
    filter: Filter
    minggu: dict[str, dt.date | None]
    minggu_lalu: dict[str, dt.date | None]
    nilai: dict[str, int | float]  # every registry metric at its source's week
    nilai_lalu: dict[str, int | float | None]  # at the previous week with data (None: there is none)
    kendala: dict[str, int]
    pindah_zona: dict[str, int]
    lahan: pd.DataFrame
    kelengkapan: pd.DataFrame
    semua_minggu: list[dt.date] = field(default_factory=list)

    @property
    def kosong(self) -> bool:
        return all(v is None for v in self.minggu.values())

    def __getitem__(self, metrik_id: str) -> int | float:
        return self.nilai[metrik_id]

    def lalu(self, metrik_id: str) -> int | float | None:
        return self.nilai_lalu[metrik_id]

    # The values of one source, keyed by metric id (the deck and pages read them this way).
    def _dari(self, sumber: str, values: dict) -> dict:
        return {m.id: values[m.id] for m in metrik.dari_sumber(sumber)}

    @property
    def koperasi(self) -> dict:
        return self._dari("koperasi", self.nilai)

    @property
    def koperasi_lalu(self) -> dict | None:
        return self._dari("koperasi", self.nilai_lalu) if self.minggu_lalu["koperasi"] else None


def minggu_sumber(sumber: str) -> str:
    """The dataset whose week a registry source is read at."""
    return _MINGGU_SUMBER.get(sumber, sumber)


def picture(con, f: Filter, at=None) -> Picture:
    """Every headline number for the filter, for the latest week with data at or before `at`, read
    from one snapshot (in a lake another server may commit between two of its queries)."""
    with db.one_snapshot(con):
        return _picture(con, f, at)


def _picture(con, f: Filter, at) -> Picture:
    tersedia = periode.minggu_data(con, f)
    tersedia["simkopdes_desa"] = digitalisasi.minggu_simkopdes_desa(con, f)
    kini, lalu = {}, {}
    for dataset, ws in tersedia.items():
        kini[dataset], lalu[dataset] = periode.pilih_minggu(ws, at)
    nilai, nilai_lalu = {}, {}
    for sumber in (s for s, src in metrik.SUMBER.items() if src.di_gambaran):
        ds = minggu_sumber(sumber)
        nilai.update(metrik.nilai(con, f, sumber, kini[ds]))
        before = (
            metrik.nilai(con, f, sumber, lalu[ds])
            if lalu[ds]
            else dict.fromkeys((m.id for m in metrik.dari_sumber(sumber)), None)
        )
        nilai_lalu.update(before)
    k, kl = kini["koperasi"], lalu["koperasi"]
    return Picture(
        filter=f,
        minggu=kini,
        minggu_lalu=lalu,
        nilai=nilai,
        nilai_lalu=nilai_lalu,
        kendala=koperasi.kendala_koperasi(con, f, k),
        pindah_zona=koperasi.pindah_zona(con, f, k, kl),
        lahan=lahan.kpi_lahan(con, f, kini["lahan"]),
        kelengkapan=kelengkapan.kelengkapan_kabupaten(con, f, k),
        semua_minggu=periode.semua_minggu(tersedia),
    )


def _iso(d):
    return d.isoformat() if d else None


def _put(tree: dict, path: tuple[str, ...], value) -> None:
    for key in path[:-1]:
        tree = tree.setdefault(key, {})
    tree[path[-1]] = value


def as_json(p: Picture, kualitas: pd.DataFrame | None = None) -> dict:
    """The object `python -m analytics summary --json` prints (see shared spec cli.md): every
    registry metric with a `json` path, plus the per-category breakdowns that are not metrics.

    With `kualitas` (kualitas.per_aturan for the koperasi week) the key `kualitas` is added: the
    week, the previous week with data, and the findings per rule of data/kualitas.toml: all of them
    (`temuan`) and those not marked as checked (`terbuka`)."""
    out: dict = {
        "filter": {"provinsi": p.filter.provinsi, "kabupaten": p.filter.kabupaten, "kecamatan": p.filter.kecamatan}
    }
    for dataset in ("koperasi", "lahan", "sppg", "bimtek", "simkopdes_desa"):
        out[dataset] = {"minggu": _iso(p.minggu[dataset])}
    out["kelengkapan"] = {}
    for m in metrik.METRIK.values():
        if m.json:
            _put(out, m.json, p.nilai[m.id])
    out["koperasi"]["kendala"] = {name: p.kendala.get(name, 0) for name in KENDALA}
    out["koperasi"]["pindah_zona"] = p.pindah_zona
    status = {s: 0 for s in STATUS_VERIFIKASI}
    sumber = {s: 0 for s in SUMBER_LAHAN}
    for st_, src, n in zip(p.lahan["status_verifikasi"], p.lahan["sumber_lahan"], p.lahan["persil"]):
        status[st_] = status.get(st_, 0) + int(n)
        sumber[src] = sumber.get(src, 0) + int(n)
    out["lahan"]["status_verifikasi"] = status
    out["lahan"]["sumber_lahan"] = sumber
    if kualitas is not None:
        out["kualitas"] = {
            "minggu": _iso(p.minggu["koperasi"]),
            "minggu_lalu": _iso(p.minggu_lalu["koperasi"]),
            "temuan": {a: int(n) for a, n in zip(kualitas["aturan"], kualitas["temuan"])},
            "terbuka": {a: int(n) for a, n in zip(kualitas["aturan"], kualitas["terbuka"])},
        }
    return out
