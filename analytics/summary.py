"""The weekly picture for a filter: what Ringkasan shows and `summary --json` prints."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from analytics import bimtek, kelengkapan, koperasi, lahan, periode, sppg
from analytics.filters import Filter
from analytics.ingest.schema import AKUN_SIMKOPDES, KENDALA, STATUS_LAHAN, STATUS_SPPG, STATUS_VERIFIKASI, SUMBER_LAHAN, TAHAP_FISIK


@dataclass
class Picture:
    filter: Filter
    minggu: dict[str, dt.date | None]
    minggu_lalu: dict[str, dt.date | None]
    koperasi: dict
    koperasi_lalu: dict
    kendala: dict[str, int]
    pindah_zona: dict[str, int]
    sppg: dict
    sppg_lalu: dict
    lahan: pd.DataFrame
    bimtek: dict
    bimtek_lalu: dict
    kelengkapan: pd.DataFrame
    kelengkapan_lalu: pd.DataFrame
    semua_minggu: list[dt.date] = field(default_factory=list)

    @property
    def kosong(self) -> bool:
        return all(v is None for v in self.minggu.values())


def picture(con, f: Filter, at=None) -> Picture:
    """Every headline number for the filter, for the latest week with data at or before `at`."""
    tersedia = periode.minggu_data(con, f)
    kini, lalu = {}, {}
    for dataset, ws in tersedia.items():
        kini[dataset], lalu[dataset] = periode.pilih_minggu(ws, at)
    k, kl = kini["koperasi"], lalu["koperasi"]
    return Picture(
        filter=f,
        minggu=kini,
        minggu_lalu=lalu,
        koperasi=koperasi.kpi_koperasi(con, f, k),
        koperasi_lalu=koperasi.kpi_koperasi(con, f, kl),
        kendala=koperasi.kendala_koperasi(con, f, k),
        pindah_zona=koperasi.pindah_zona(con, f, k, kl),
        sppg=sppg.kpi_sppg(con, f, kini["sppg"]),
        sppg_lalu=sppg.kpi_sppg(con, f, lalu["sppg"]),
        lahan=lahan.kpi_lahan(con, f, kini["lahan"]),
        bimtek=bimtek.kpi_bimtek(con, f, kini["bimtek"]),
        bimtek_lalu=bimtek.kpi_bimtek(con, f, lalu["bimtek"]),
        kelengkapan=kelengkapan.kelengkapan_kabupaten(con, f, k),
        kelengkapan_lalu=kelengkapan.kelengkapan_kabupaten(con, f, kl),
        semua_minggu=periode.semua_minggu(tersedia),
    )


def _iso(d):
    return d.isoformat() if d else None


def as_json(p: Picture) -> dict:
    """The object `python -m analytics summary --json` prints (see shared spec cli.md)."""
    k = p.koperasi
    lahan_df = p.lahan
    status = {s: 0 for s in STATUS_VERIFIKASI}
    sumber = {s: 0 for s in SUMBER_LAHAN}
    for st_, src, n in zip(lahan_df["status_verifikasi"], lahan_df["sumber_lahan"], lahan_df["persil"]):
        status[st_] = status.get(st_, 0) + int(n)
        sumber[src] = sumber.get(src, 0) + int(n)
    return {
        "filter": {"provinsi": p.filter.provinsi, "kabupaten": p.filter.kabupaten, "kecamatan": p.filter.kecamatan},
        "koperasi": {
            "minggu": _iso(p.minggu["koperasi"]),
            "terdaftar": k["terdaftar"], "badan_hukum": k["badan_hukum"], "npwp": k["npwp"], "nib": k["nib"],
            "masuk_portal": k["masuk_portal"], "gerai_beroperasi": k["gerai_beroperasi"],
            "tahap_fisik": {**{t: k[f"tahap_{t}"] for t in TAHAP_FISIK}, "tidak_diisi": k["tahap_tidak_diisi"]},
            "status_lahan": {**{s: k[f"lahan_{s}"] for s in STATUS_LAHAN}, "tidak_diisi": k["lahan_tidak_diisi"]},
            "akun_simkopdes": {**{a: k[f"simkopdes_{a}"] for a in AKUN_SIMKOPDES}, "tidak_diisi": k["simkopdes_tidak_diisi"]},
            "kendala": {name: p.kendala.get(name, 0) for name in KENDALA},
            "zona": {"hijau": k["zona_hijau"], "kuning": k["zona_kuning"], "merah": k["zona_merah"]},
            "pindah_zona": p.pindah_zona,
        },
        "lahan": {
            "minggu": _iso(p.minggu["lahan"]),
            "persil": int(lahan_df["persil"].sum()) if len(lahan_df) else 0,
            "status_verifikasi": status,
            "sumber_lahan": sumber,
        },
        "sppg": {
            "minggu": _iso(p.minggu["sppg"]),
            "total": p.sppg["total"],
            "status": {s: p.sppg[s] for s in STATUS_SPPG},
        },
        "bimtek": {"minggu": _iso(p.minggu["bimtek"]), "kegiatan": p.bimtek["kegiatan"], "peserta": p.bimtek["peserta"]},
        "kelengkapan": {
            "kabupaten_diharapkan": int(len(p.kelengkapan)),
            "kabupaten_melapor": int(p.kelengkapan["melapor"].sum()) if len(p.kelengkapan) else 0,
        },
    }
