"""Every UI string in one place, so a translation is one file."""

APP_JUDUL = "Dasbor KDKMP & MBG"
APP_SUBJUDUL = "Pemantauan Koperasi Desa/Kelurahan Merah Putih dan Makan Bergizi Gratis"

HALAMAN = {
    "ringkasan": ("Ringkasan", ":material/dashboard:"),
    "zona": ("Zona & Intervensi", ":material/traffic:"),
    "lahan": ("Lahan & Kendala", ":material/landscape:"),
    "sppg": ("SPPG (MBG)", ":material/restaurant:"),
    "digitalisasi": ("Digitalisasi & Pelatihan", ":material/school:"),
    "kelengkapan": ("Kelengkapan Laporan", ":material/fact_check:"),
    "peta": ("Peta", ":material/map:"),
    "unggah": ("Unggah Data", ":material/upload_file:"),
    "presentasi": ("Presentasi", ":material/slideshow:"),
}

FILTER_JUDUL = "Filter wilayah"
SEMUA_PROVINSI = "Semua provinsi"
SEMUA_KABUPATEN = "Semua kabupaten/kota"
SEMUA_KECAMATAN = "Semua kecamatan"
SEMUA_DESA = "Semua desa/kelurahan"
LABEL_PROVINSI = "Provinsi"
LABEL_KABUPATEN = "Kabupaten/Kota"
LABEL_KECAMATAN = "Kecamatan"
LABEL_DESA = "Desa/Kelurahan"
LABEL_MINGGU = "Minggu laporan"
MINGGU_TERBARU = "Minggu terbaru dengan data"
FILTER_RESET = "Hapus filter"
SELURUH_INDONESIA = "Seluruh Indonesia"

DEMO_BADGE = "Data contoh (sintetis)"
DEMO_PENJELASAN = (
    "Dasbor sedang menampilkan data contoh buatan, bukan laporan resmi. "
    "Hapus data contoh sebelum memakai data asli."
)
DEMO_HAPUS = "Hapus data contoh"
DEMO_HAPUS_YAKIN = "Ya, hapus semua data contoh"
DEMO_TERHAPUS = "Data contoh dihapus ({n} unggahan)."

MODE_LOKAL = "Mode pengguna tunggal (lokal): semua yang membuka aplikasi ini adalah administrator."

# Ringkasan
RINGKASAN_JUDUL = "Ringkasan mingguan"
KOSONG_KOPERASI = (
    "Belum ada data koperasi untuk filter ini. Unggah file koperasi di halaman Unggah Data, "
    "atau pilih wilayah lain."
)
KOSONG_SPPG = "Belum ada data SPPG untuk filter ini. Unggah file SPPG di halaman Unggah Data."
KOSONG_LAHAN = "Belum ada data lahan untuk filter ini. Unggah file lahan di halaman Unggah Data."
BAGIAN_KOPERASI = "Koperasi Desa/Kelurahan Merah Putih"
BAGIAN_ZONA = "Zona koperasi"
BAGIAN_SPPG = "SPPG (Makan Bergizi Gratis)"
BAGIAN_SIMKOPDES = "Adopsi SIMKOPDES"
BAGIAN_KELENGKAPAN = "Kelengkapan laporan"
BAGIAN_CORONG = "Tahapan koperasi"
CORONG_PENJELASAN = "Setiap tahap menghitung koperasi yang juga sudah melewati semua tahap sebelumnya."
BAGIAN_ZONA_WILAYAH = "Zona per {tingkat}"
DIBANDING = "Dibanding {minggu}"
TANPA_PEMBANDING = "Belum ada minggu sebelumnya untuk dibandingkan."
BELUM_MELAPOR = "Belum melapor minggu ini: {daftar}"
SEMUA_MELAPOR = "Semua kabupaten/kota dalam filter sudah melapor minggu ini."
PINDAH_ZONA = "Pindah zona sejak minggu lalu: {naik} naik, {turun} turun, {baru} baru."

TINGKAT = {"provinsi": "provinsi", "kabupaten": "kabupaten/kota", "kecamatan": "kecamatan", "desa": "desa/kelurahan"}
ZONA_LABEL = {"hijau": "Hijau (siap)", "kuning": "Kuning (perlu pendampingan)", "merah": "Merah (perlu intervensi)"}
ZONA_WARNA = {"hijau": "#1a9850", "kuning": "#f2b705", "merah": "#d73027"}

# Unggah
UNGGAH_JUDUL = "Unggah data mingguan"
UNGGAH_PETUNJUK = (
    "Unggah file CSV atau XLSX sesuai templat. Periksa laporan validasi sebelum menyimpan: "
    "tidak ada yang masuk ke basis data sebelum Anda menekan Simpan."
)
UNGGAH_DATASET = "Jenis data"
UNGGAH_OTOMATIS = "Deteksi otomatis"
UNGGAH_FILE = "File CSV atau XLSX"
UNGGAH_PRATINJAU = "Pratinjau (10 baris pertama, seperti terbaca)"
UNGGAH_SIMPAN = "Simpan {n} baris valid"
UNGGAH_BATAL = "Batal"
UNGGAH_TERSIMPAN = "Tersimpan sebagai unggahan #{batch}: {n} baris, {minggu}."
UNGGAH_DITOLAK = "File ditolak: {alasan}"
UNGGAH_RIWAYAT = "Riwayat unggahan"
UNGGAH_URUNGKAN = "Batalkan unggahan"
UNGGAH_DIURUNGKAN = "Unggahan #{batch} dibatalkan; data yang digantikannya berlaku lagi."
UNGGAH_TEMPLAT = "Templat file"
UNGGAH_LAPORAN_CSV = "Unduh laporan validasi (CSV)"

DATASET_LABEL = {
    "koperasi": "Koperasi (KDKMP) mingguan",
    "lahan": "Lahan (persil)",
    "sppg": "SPPG (dapur MBG)",
    "bimtek": "Bimtek (pelatihan)",
}
