"""The deck's words and limits: slide titles, level names, empty-slide texts, and what fits on a
slide read from the back of a room. Here, not in ui/teks.py, because the CLI builds the deck too."""

from __future__ import annotations

from analytics import kamus

# --- texts --------------------------------------------------------------------------------------

JUDUL_DECK = "Laporan Mingguan KDKMP & MBG"
DATA_CONTOH = "Data contoh (sintetis)"
# The headline's two groups of tiles (page, PPTX and PDF).
KELOMPOK_KOPERASI = "Koperasi Desa/Kelurahan Merah Putih"
KELOMPOK_SPPG = "SPPG (Makan Bergizi Gratis)"
SELURUH_INDONESIA = kamus.SELURUH_INDONESIA
SLIDE_JUDUL = {
    "utama": "Angka utama minggu ini",
    "target": "Target & tenggat",
    "zona": "Zona koperasi per {tingkat}",
    "terburuk": "{Tingkat} dengan zona merah terbanyak",
    "intervensi": "Perlu intervensi minggu ini",
    "lahan": "Lahan dan kendala",
    "sppg": "SPPG: realisasi terhadap rencana",
    "simkopdes": "Adopsi SIMKOPDES",
    "bimtek": "Pelatihan (bimtek)",
    "kelengkapan": "Kelengkapan laporan",
}
TINGKAT = {"provinsi": "provinsi", "kabupaten": "kabupaten/kota", "kecamatan": "kecamatan", "desa": "desa/kelurahan"}
TINGKAT_KOLOM = {"provinsi": "Provinsi", "kabupaten": "Kab/kota", "kecamatan": "Kecamatan", "desa": "Desa/kel."}
# Zone, obstacle and status words come from the vocabulary (analytics/kamus.py); a sentence uses
# obstacles in lower case ("tenaga kerja").
KENDALA_NAMA = {k: v.lower() for k, v in kamus.KENDALA_LABEL.items()}
DATASET_LAPOR = {"koperasi": "Koperasi", "lahan": "Lahan", "sppg": "SPPG"}
# Where the whole intervention list is, in the browser and in a PPTX/PDF alike.
DAFTAR_LENGKAP_INTERVENSI = "daftar lengkap di halaman Zona & Intervensi"
KOSONG = {
    "koperasi": "Belum ada data koperasi untuk filter ini. Unggah file koperasi di halaman Unggah Data.",
    "sppg": "Belum ada data SPPG untuk filter ini. Unggah file SPPG di halaman Unggah Data.",
    "lahan": "Belum ada data lahan untuk filter ini. Unggah file lahan di halaman Unggah Data.",
}
# The slide of a dataset is left out when the filter has no data of it (the headline says so).
SLIDE_DATASET = {"sppg": "sppg", "bimtek": "bimtek"}

# --- limits: what fits on a slide read from the back of a room ----------------------------------

# Rows of a table on a slide: eight rows at 18 pt or more fill a 16:9 slide under a title, a
# sentence and a row of tiles. Longer lists are cut to the first eight; the slide's data
# download ("Data salindia ini") holds the whole list.
BATAS_BARIS = 8
BATAS_WILAYAH = BATAS_BARIS  # areas in a chart or table
BATAS_INTERVENSI = 6  # its rows wrap (reasons, pendamping): six fill the slide at 18 pt
BATAS_TERBURUK = BATAS_BARIS
BATAS_TARGET_WILAYAH = 5  # under the target's own row, beside its burn-up and four tiles: 18 pt
BATAS_TABEL_LAPOR = BATAS_BARIS
BATAS_PETA = 400  # polygons drawn in the map of the worst areas
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
UKURAN_HURUF = 20  # px in a figure of about 1000 px: about 15 pt on a 13.3-inch slide

SLIDE_IDS = ("utama", "target", "zona", "terburuk", "intervensi", "lahan", "sppg", "simkopdes", "bimtek", "kelengkapan")
TARGET_CATATAN = "Laju terkini: rata-rata per minggu dalam {n} minggu terakhir dengan data."
