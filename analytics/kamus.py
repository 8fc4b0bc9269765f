"""The vocabulary of the programmes: the order, Indonesian labels and colours of every category
(zones, construction stages, land and verification status, SPPG stages, SIMKOPDES accounts,
obstacles, reporting status). Pages, charts, the map and the deck import them from here; nothing
else defines them. No Streamlit here: the CLI's deck uses them too."""

from __future__ import annotations

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
# SPPG stages on their own scale (not the zone colours): grey → orange → blue, closed dark.
STATUS_SPPG_WARNA = {
    "rencana": "#9e9e9e",
    "persiapan": "#fb8c00",
    "beroperasi": "#1565c0",
    "ditutup_sementara": "#212121",
    "tidak_diisi": "#d9d9d9",
}

AKUN_LABEL = {
    "aktif": "Aktif",
    "kendala": "Kendala (login/jaringan)",
    "belum": "Belum punya akun",
    "tidak_diisi": "Tidak diisi",
}
AKUN_WARNA = {"aktif": "#1a9850", "kendala": "#d73027", "belum": "#f2b705", "tidak_diisi": "#bdbdbd"}

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
    "lahan": "#8c510a",
    "cuaca": "#4393c3",
    "tenaga_kerja": "#d6604d",
    "teknis": "#762a83",
    "administrasi": "#f1a340",
    "pembiayaan": "#1b7837",
    "jaringan": "#35978f",
    "lainnya": "#878787",
    "tidak_diisi": "#cccccc",
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
    "tidak_ada": "#d73027",
    "ditolak": "#7f0000",
    "diajukan": "#fdae61",
    "verifikasi": "#fee08b",
    "terverifikasi": "#1a9850",
    "tidak_diisi": "#cccccc",
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
VERIFIKASI_WARNA = {
    "terverifikasi": "#1a9850",
    "selesai": "#006837",
    "sedang_diverifikasi": "#fee08b",
    "dipertimbangkan": "#fdae61",
    "perlu_verifikasi_lanjutan": "#f46d43",
    "diajukan": "#abd9e9",
    "ditolak": "#a50026",
    "tidak_ada_lahan": "#d73027",
    "tidak_diisi": "#cccccc",
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
    "terverifikasi": ("Terverifikasi atau selesai", "#2e7d32"),
    "proses": ("Dalam proses verifikasi", "#f9a825"),
    "ditolak": ("Ditolak atau tidak ada lahan", "#c62828"),
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
KELENGKAPAN_WARNA = {"tepat_waktu": "#1a9850", "terlambat": "#f2b705", "tidak_melapor": "#d73027"}


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
