"""The vocabulary of the programmes: the order, Indonesian labels and colours of every category
(zones, construction stages, land and verification status, SPPG stages, SIMKOPDES accounts,
obstacles, reporting status). Pages, charts, the map and the deck import them from here; nothing
else defines them. No Streamlit here: the CLI's deck uses them too."""

from __future__ import annotations

# The whole country, as every page, the deck and the sentences name it.
SELURUH_INDONESIA = "Seluruh Indonesia"


def nama_area(tingkat: str, nama: str) -> str:
    """An area's name in a sentence or a table: kabupaten names already read 'Kab. X'/'Kota X'
    (Gazetteer.nama_tampil); kecamatan get 'Kec.'."""
    return f"Kec. {nama}" if tingkat == "kecamatan" else nama


# Colour has one meaning each: green/yellow/red are the zones and nothing else; the brand colour
# (navy) is the theme and every neutral accent; categories take the Okabe–Ito palette, which stays
# distinct under the common colour-vision deficiencies (its bluish green and yellow are not used
# for categories, so they are never mistaken for a zone).
MEREK_WARNA = "#1f3a5f"  # = primaryColor in .streamlit/config.toml (tests/test_warna.py checks)
OKABE_ITO = {
    "oranye": "#e69f00",
    "biru_langit": "#56b4e9",
    "biru": "#0072b2",
    "jingga_merah": "#d55e00",
    "ungu": "#cc79a7",
    "hitam": "#000000",
    "hijau_kebiruan": "#009e73",
    "kuning": "#f0e442",
}
_O = OKABE_ITO
ABU_TUA, ABU, ABU_MUDA = "#6e6e6e", "#b3b3b3", "#dddddd"

# Zones, worst first where a list ranks them.
ZONA = ("hijau", "kuning", "merah")
ZONA_LABEL = {"hijau": "Hijau (siap)", "kuning": "Kuning (perlu pendampingan)", "merah": "Merah (perlu intervensi)"}
ZONA_PENDEK = {"merah": "Merah", "kuning": "Kuning", "hijau": "Hijau"}
ZONA_WARNA = {"hijau": "#1a9850", "kuning": "#f2b705", "merah": "#d73027"}
# An area, bar or point without data.
TANPA_DATA_WARNA = "#cdcdcd"
TANPA_DATA_LABEL = "Tidak ada data"

STATUS_SPPG_LABEL = {
    "rencana": "Rencana",
    "persiapan": "Persiapan",
    "beroperasi": "Beroperasi",
    "ditutup_sementara": "Ditutup sementara",
    "tidak_diisi": "Status tidak diisi",
}
# SPPG stages on their own scale (not the zone colours): grey → orange → blue, closed black.
STATUS_SPPG_WARNA = {
    "rencana": ABU,
    "persiapan": _O["oranye"],
    "beroperasi": _O["biru"],
    "ditutup_sementara": _O["hitam"],
    "tidak_diisi": ABU_MUDA,
}

AKUN_LABEL = {
    "aktif": "Aktif",
    "kendala": "Kendala (login/jaringan)",
    "belum": "Belum punya akun",
    "tidak_diisi": "Tidak diisi",
}
AKUN_WARNA = {"aktif": _O["biru"], "kendala": _O["jingga_merah"], "belum": ABU, "tidak_diisi": ABU_MUDA}

KENDALA_LABEL = {
    "lahan": "Lahan",
    "cuaca": "Cuaca",
    "tenaga_kerja": "Tenaga kerja",
    "teknis": "Teknis",
    "administrasi": "Administrasi",
    "pembiayaan": "Pembiayaan",
    "jaringan": "Jaringan",
    "lainnya": "Lainnya",
    "tidak_diisi": "Tidak diisi",
}
KENDALA_WARNA = {
    "lahan": _O["oranye"],
    "cuaca": _O["biru_langit"],
    "tenaga_kerja": _O["ungu"],
    "teknis": _O["biru"],
    "administrasi": _O["hitam"],
    "pembiayaan": _O["jingga_merah"],
    "jaringan": ABU_TUA,
    "lainnya": ABU,
    "tidak_diisi": ABU_MUDA,
}

# Land status of a koperasi (the weekly koperasi file).
STATUS_LAHAN_LABEL = {
    "tidak_ada": "Tidak ada",
    "ditolak": "Ditolak",
    "diajukan": "Diajukan",
    "verifikasi": "Verifikasi",
    "terverifikasi": "Terverifikasi",
    "tidak_diisi": "Tidak diisi",
}
STATUS_LAHAN_WARNA = {
    "tidak_ada": _O["ungu"],
    "ditolak": _O["jingga_merah"],
    "diajukan": _O["oranye"],
    "verifikasi": _O["biru_langit"],
    "terverifikasi": _O["biru"],
    "tidak_diisi": ABU_MUDA,
}

# Verification status of a land parcel (the lahan file and the SIMKOPDES land export), and the
# three groups the map draws them in.
VERIFIKASI_LABEL = {
    "terverifikasi": "Terverifikasi",
    "selesai": "Selesai",
    "sedang_diverifikasi": "Sedang diverifikasi",
    "dipertimbangkan": "Dipertimbangkan",
    "perlu_verifikasi_lanjutan": "Perlu verifikasi lanjutan",
    "diajukan": "Diajukan",
    "ditolak": "Ditolak",
    "tidak_ada_lahan": "Tidak ada lahan",
    "tidak_diisi": "Tidak diisi",
}
# Blues for verified, warm for on the way, purple/black for no land: colour-blind safe, and each
# segment carries its label too where it is wide enough (ui/charts.stacked_area_bars).
VERIFIKASI_WARNA = {
    "terverifikasi": _O["biru"],
    "selesai": _O["biru_langit"],
    "sedang_diverifikasi": _O["oranye"],
    "dipertimbangkan": "#f5c766",
    "perlu_verifikasi_lanjutan": _O["jingga_merah"],
    "diajukan": ABU,
    "ditolak": _O["ungu"],
    "tidak_ada_lahan": _O["hitam"],
    "tidak_diisi": ABU_MUDA,
}
VERIFIKASI_KELOMPOK = {
    "terverifikasi": "terverifikasi",
    "selesai": "terverifikasi",
    "diajukan": "proses",
    "sedang_diverifikasi": "proses",
    "dipertimbangkan": "proses",
    "perlu_verifikasi_lanjutan": "proses",
    "ditolak": "ditolak",
    "tidak_ada_lahan": "ditolak",
}
# Parcels still on their way through verification.
VERIFIKASI_PROSES = tuple(s for s, k in VERIFIKASI_KELOMPOK.items() if k == "proses")
KELOMPOK_LAHAN = {
    "terverifikasi": ("Terverifikasi atau selesai", _O["biru"]),
    "proses": ("Dalam proses verifikasi", _O["oranye"]),
    "ditolak": ("Ditolak atau tidak ada lahan", _O["ungu"]),
}

SUMBER_LAHAN_LABEL = {
    "tanah_kas_desa": "Tanah kas desa",
    "aset_pemkab": "Aset pemkab",
    "aset_pemkot": "Aset pemkot",
    "aset_pemprov": "Aset pemprov",
    "aset_pusat_bumn": "Aset pusat/BUMN",
    "hibah": "Hibah",
    "sewa": "Sewa",
    "lainnya": "Lainnya",
    "tidak_diisi": "Tidak diisi",
}

KELENGKAPAN_STATUS = {"tepat_waktu": "Tepat waktu", "terlambat": "Terlambat", "tidak_melapor": "Tidak melapor"}
KELENGKAPAN_WARNA = {"tepat_waktu": _O["biru"], "terlambat": _O["oranye"], "tidak_melapor": _O["jingga_merah"]}
# Targets and deadlines (analytics/target), worst first: the order the page sorts by.
TARGET_STATUS = ("terlambat", "berisiko", "sesuai_jalur", "tercapai")
TARGET_STATUS_LABEL = {
    "terlambat": "Terlambat",
    "berisiko": "Berisiko",
    "sesuai_jalur": "Sesuai jalur",
    "tercapai": "Tercapai",
}
TARGET_STATUS_WARNA = {
    "terlambat": _O["jingga_merah"],
    "berisiko": _O["oranye"],
    "sesuai_jalur": _O["biru_langit"],
    "tercapai": _O["biru"],
}
# Lines of the reporting-rate chart, one per dataset.
DATASET_WARNA = {"koperasi": _O["biru"], "lahan": _O["oranye"], "sppg": _O["ungu"], "bimtek": ABU_TUA}
# Participant categories of the bimtek chart.
KATEGORI_PESERTA_WARNA = {
    "ketua_koperasi": _O["biru"],
    "pengurus": _O["biru_langit"],
    "pengawas": _O["oranye"],
    "pendamping": _O["ungu"],
    "lainnya": ABU,
    "tidak_diisi": ABU_MUDA,
}
# The intervention list's two kinds beside the zone merah.
INTERVENSI_LAIN_WARNA = _O["oranye"]


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
