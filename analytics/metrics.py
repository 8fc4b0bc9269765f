"""Metrics defined once, as data: KPI tiles, the CLI summary and (later) the deck refer to them by name.

Each metric names the column of a query result that holds it (the SQL counts it once).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    name: str
    label: str
    source: str  # the query whose result has a column `column`
    column: str
    help: str = ""
    better: str = "naik"  # 'naik' when a rise is good, 'turun' when a fall is good


METRICS = {m.name: m for m in (
    Metric("terdaftar", "Koperasi terdaftar", "kpi_koperasi", "terdaftar", "Koperasi yang dilaporkan minggu ini."),
    Metric("badan_hukum", "Berbadan hukum", "kpi_koperasi", "badan_hukum", "Badan hukum disahkan AHU."),
    Metric("masuk_portal", "Masuk portal", "kpi_koperasi", "masuk_portal", "Terdaftar di portal pembangunan nasional."),
    Metric("lahan_terverifikasi", "Lahan terverifikasi", "kpi_koperasi", "lahan_terverifikasi"),
    Metric("tahap_pembangunan", "Sedang dibangun", "kpi_koperasi", "tahap_pembangunan", "Tahap fisik: pembangunan."),
    Metric("tahap_selesai", "Fisik selesai", "kpi_koperasi", "tahap_selesai"),
    Metric("tahap_tidak_dapat_dibangun", "Tidak dapat dibangun", "kpi_koperasi", "tahap_tidak_dapat_dibangun",
           "Lahan harus diselesaikan dulu.", better="turun"),
    Metric("gerai_beroperasi", "Gerai beroperasi", "kpi_koperasi", "gerai_beroperasi"),
    Metric("zona_hijau", "Zona hijau", "kpi_koperasi", "zona_hijau", "Siap."),
    Metric("zona_kuning", "Zona kuning", "kpi_koperasi", "zona_kuning", "Perlu pendampingan.", better="turun"),
    Metric("zona_merah", "Zona merah", "kpi_koperasi", "zona_merah", "Perlu intervensi serius.", better="turun"),
    Metric("simkopdes_aktif", "SIMKOPDES aktif", "kpi_koperasi", "simkopdes_aktif"),
    Metric("simkopdes_kendala", "SIMKOPDES kendala", "kpi_koperasi", "simkopdes_kendala",
           "Masalah login atau jaringan.", better="turun"),
    Metric("simkopdes_belum", "SIMKOPDES belum", "kpi_koperasi", "simkopdes_belum", better="turun"),
    Metric("sppg_beroperasi", "SPPG beroperasi", "kpi_sppg", "beroperasi"),
    Metric("sppg_total", "SPPG direncanakan", "kpi_sppg", "total", "Semua SPPG yang dilaporkan (rencana s.d. beroperasi)."),
    Metric("bimtek_peserta", "Peserta bimtek", "kpi_bimtek", "peserta"),
    Metric("kabupaten_melapor", "Kab/kota melapor", "kelengkapan_kabupaten", "melapor"),
)}

# The KDKMP funnel: columns of kpi_koperasi, each stage nested in the one before.
FUNNEL = (
    ("terdaftar", "Terdaftar"),
    ("badan_hukum", "Berbadan hukum"),
    ("corong_portal", "Masuk portal"),
    ("corong_lahan", "Lahan terverifikasi"),
    ("corong_pembangunan", "Pembangunan"),
    ("corong_selesai", "Fisik selesai"),
    ("corong_beroperasi", "Gerai beroperasi"),
)
