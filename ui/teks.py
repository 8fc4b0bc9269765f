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
UNGGAH_MINGGU = "Minggu laporan (untuk ekspor SIMKOPDES)"
UNGGAH_MINGGU_BANTUAN = (
    "Ekspor SIMKOPDES tidak bertanggal: datanya dicatat untuk minggu yang memuat tanggal ini. "
    "File templat memakai kolom tanggal_laporan masing-masing baris."
)
UNGGAH_TANPA_TANGGAL = "Ekspor SIMKOPDES tanpa tanggal: dicatat untuk {minggu}."
UNGGAH_KECOCOKAN = "Kecocokan wilayah per tingkat"

DATASET_LABEL = {
    "koperasi": "Koperasi (KDKMP) mingguan",
    "lahan": "Lahan (persil)",
    "sppg": "SPPG (dapur MBG)",
    "bimtek": "Bimtek (pelatihan)",
    "simkopdes_lahan": "Ekspor SIMKOPDES: aset lahan",
    "simkopdes_desa": "Ekspor SIMKOPDES: statistik desa",
}

# --- SPPG, Digitalisasi & Pelatihan, Kelengkapan Laporan ---
KOSONG_BIMTEK = "Belum ada data bimtek untuk filter ini. Unggah file bimtek di halaman Unggah Data."
KOSONG_SIMKOPDES_DESA = (
    "Belum ada statistik desa SIMKOPDES untuk filter ini. "
    "Unggah ekspor statistik desa SIMKOPDES di halaman Unggah Data."
)
KLIK_BATANG = "Klik batang untuk melihat wilayah itu."
TERBATAS_WILAYAH = "{n} dari {total} wilayah ditampilkan (yang terbanyak); unduh tabel untuk semuanya."
TANPA_NAMA_KECAMATAN = "(kecamatan tidak diisi)"
FORMAT_TANGGAL = "DD-MM-YYYY"
FORMAT_WAKTU = "DD-MM-YYYY HH:mm"

# SPPG
STATUS_SPPG_LABEL = {
    "rencana": "Rencana", "persiapan": "Persiapan", "beroperasi": "Beroperasi",
    "ditutup_sementara": "Ditutup sementara", "tidak_diisi": "Status tidak diisi",
}
STATUS_SPPG_WARNA = {
    "rencana": "#9ecae1", "persiapan": "#f2b705", "beroperasi": "#1a9850",
    "ditutup_sementara": "#d73027", "tidak_diisi": "#bdbdbd",
}
SPPG_JUDUL_WILAYAH = "Rencana, persiapan dan beroperasi per {tingkat}"
SPPG_JUDUL_LOKASI = "Tahap setiap SPPG"
SPPG_LOKASI_PENJELASAN = "Panjang batang menunjukkan tahap: rencana → persiapan → beroperasi."
SPPG_JUDUL_MINGGUAN = "SPPG beroperasi dari minggu ke minggu"
SPPG_GARIS_RENCANA = "Direncanakan ({minggu}): {n}"
SPPG_MINGGUAN_PENJELASAN = (
    "Garis: SPPG berstatus beroperasi pada setiap minggu dengan data. Garis putus-putus: seluruh SPPG "
    "yang direncanakan (semua status) pada minggu terakhir."
)
SPPG_JUDUL_TANPA = "Kecamatan tanpa SPPG direncanakan"
SPPG_TANPA_METRIK = "Kecamatan tanpa SPPG"
SPPG_TANPA_SEMUA_ADA = "Setiap kecamatan dalam filter sudah punya setidaknya satu SPPG yang dilaporkan."
SPPG_TANPA_NASIONAL = "Seluruh Indonesia: dihitung di provinsi yang sudah mengirim data SPPG ({daftar})."
SPPG_TANPA_BELUM_MELAPOR = (
    "{n} kecamatan berada di kabupaten/kota yang belum mengirim data SPPG minggu ini; "
    "SPPG-nya mungkin ada tetapi belum dilaporkan (kolom «Kab/kota melapor»)."
)
SPPG_TANPA_DAFTAR = "Daftar kecamatan tanpa SPPG"
SPPG_JUDUL_TABEL = "Daftar SPPG"
SPPG_JUDUL_MANFAAT = "Penerima manfaat dan pemasok lokal"
SPPG_MANFAAT_PENJELASAN = (
    "Dari SPPG yang beroperasi: {isi_penerima} dari {beroperasi} mengisi penerima manfaat, "
    "{isi_pemasok} mengisi pemasok lokal (petani, UMKM, kelompok wanita tani, koperasi)."
)
SPPG_METRIK = {
    "total": "SPPG direncanakan", "rencana": "Rencana", "persiapan": "Persiapan", "beroperasi": "Beroperasi",
    "penerima_manfaat": "Penerima manfaat", "pemasok_lokal": "Pemasok lokal", "kapasitas_porsi": "Kapasitas porsi",
}
SPPG_KOLOM = {
    "nama_sppg": "Nama SPPG", "kabupaten": "Kabupaten/Kota", "kecamatan": "Kecamatan", "desa": "Desa/Kelurahan",
    "status": "Status", "tanggal_operasi": "Tanggal operasi", "kapasitas_porsi": "Kapasitas porsi",
    "penerima_manfaat": "Penerima manfaat", "pemasok_lokal": "Pemasok lokal", "nama": "Wilayah",
    "total": "SPPG", "rencana": "Rencana", "persiapan": "Persiapan", "beroperasi": "Beroperasi",
    "ditutup_sementara": "Ditutup sementara", "kabupaten_melapor": "Kab/kota melapor",
}

# Digitalisasi & Pelatihan
AKUN_LABEL = {"aktif": "Aktif", "kendala": "Kendala (login/jaringan)", "belum": "Belum punya akun",
              "tidak_diisi": "Tidak diisi"}
AKUN_WARNA = {"aktif": "#1a9850", "kendala": "#d73027", "belum": "#f2b705", "tidak_diisi": "#bdbdbd"}
DIGITAL_BAGIAN_SIMKOPDES = "Akun SIMKOPDES koperasi"
DIGITAL_SIMKOPDES_WILAYAH = "Akun SIMKOPDES per {tingkat}"
DIGITAL_TIDAK_DIISI = "{n} koperasi tanpa isian akun SIMKOPDES."
DIGITAL_JUDUL_KENDALA = "Koperasi dengan kendala SIMKOPDES"
DIGITAL_KENDALA_PENJELASAN = (
    "Koperasi yang akunnya bermasalah (login atau jaringan) minggu ini, untuk ditindaklanjuti pendamping."
)
DIGITAL_KENDALA_KOSONG = "Tidak ada koperasi dengan kendala SIMKOPDES minggu ini."
DIGITAL_BAGIAN_STATISTIK = "Statistik desa SIMKOPDES"
DIGITAL_STATISTIK_SUMBER = "Dari ekspor statistik desa SIMKOPDES, {minggu}."
DIGITAL_STATISTIK_METRIK = {
    "desa": "Desa/kelurahan", "koperasi": "Koperasi", "akun": "Akun SIMKOPDES", "npwp": "NPWP",
    "nib": "NIB", "rat": "RAT", "volume_transaksi": "Transaksi", "nilai_transaksi": "Nilai transaksi",
}
DIGITAL_STATISTIK_WILAYAH = "Statistik per {tingkat}"
DIGITAL_BAGIAN_BIMTEK = "Bimbingan teknis (bimtek)"
BIMTEK_METRIK = {"kegiatan": "Kegiatan", "peserta": "Peserta", "kecamatan": "Kecamatan terjangkau"}
BIMTEK_MINGGU = "Bimtek {minggu} (minggu terakhir dengan kegiatan)."
BIMTEK_WILAYAH = "Peserta per {tingkat}"
BIMTEK_SERI_MINGGU_INI = "Minggu ini"
BIMTEK_SERI_KUMULATIF = "Sampai minggu ini"
BIMTEK_PER_MINGGU = "Peserta per minggu menurut kategori"
BIMTEK_TABEL = "Daftar kegiatan"
BIMTEK_TABEL_PENJELASAN = "Kegiatan dalam {n} minggu terakhir sampai {minggu}."
KATEGORI_PESERTA_LABEL = {
    "ketua_koperasi": "Ketua koperasi", "pengurus": "Pengurus", "pengawas": "Pengawas",
    "pendamping": "Pendamping", "lainnya": "Lainnya", "tidak_diisi": "Tidak diisi",
}
KATEGORI_PESERTA_WARNA = {
    "ketua_koperasi": "#2c7fb8", "pengurus": "#41b6c4", "pengawas": "#a1dab4",
    "pendamping": "#fdae61", "lainnya": "#969696", "tidak_diisi": "#d9d9d9",
}
DIGITAL_KOLOM = {
    "nama": "Wilayah", "koperasi": "Koperasi", "aktif": "Aktif", "kendala": "Kendala", "belum": "Belum",
    "tidak_diisi": "Tidak diisi", "nama_koperasi": "Nama koperasi", "desa": "Desa/Kelurahan",
    "kecamatan": "Kecamatan", "kabupaten": "Kabupaten/Kota", "pendamping": "Pendamping",
    "keterangan": "Keterangan", "akun": "Akun", "npwp": "NPWP", "nib": "NIB", "rat": "RAT",
    "volume_transaksi": "Transaksi", "nilai_transaksi": "Nilai transaksi", "tanggal": "Tanggal",
    "minggu": "Minggu", "nama_kegiatan": "Kegiatan", "kategori_peserta": "Kategori peserta",
    "jumlah_peserta": "Peserta", "kegiatan": "Kegiatan minggu ini", "peserta": "Peserta minggu ini",
    "kegiatan_kumulatif": "Kegiatan s.d. minggu ini", "peserta_kumulatif": "Peserta s.d. minggu ini",
}
DIGITAL_KOLOM_KENDALA_KOPERASI = "Kendala tercatat"

# Kelengkapan Laporan
KELENGKAPAN_DATASET = {
    "koperasi": "Koperasi", "lahan": "Lahan", "sppg": "SPPG", "bimtek": "Bimtek (berbasis kegiatan)",
}
KELENGKAPAN_STATUS = {"tepat_waktu": "Tepat waktu", "terlambat": "Terlambat", "tidak_melapor": "Tidak melapor"}
KELENGKAPAN_STATUS_KEGIATAN = {"tepat_waktu": "Kegiatan dilaporkan tepat waktu",
                               "terlambat": "Kegiatan dilaporkan terlambat",
                               "tidak_melapor": "Tidak ada kegiatan tercatat"}
KELENGKAPAN_WARNA = {"tepat_waktu": "#1a9850", "terlambat": "#f2b705", "tidak_melapor": "#d73027"}
KELENGKAPAN_WARNA_KEGIATAN_KOSONG = "#e0e0e0"
KELENGKAPAN_SIMBOL = {"tepat_waktu": "✓", "terlambat": "!", "tidak_melapor": "✗"}
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
KELENGKAPAN_JENDELA = "{n} minggu: {awal} s.d. {akhir}"
KELENGKAPAN_BATAS = (
    "Laporan minggu W tepat waktu bila unggahan pertamanya (yang tidak dibatalkan) masuk paling lambat "
    "hari {hari} minggu berikutnya pukul 23.59; koreksi sesudahnya tidak membuatnya terlambat."
)
KELENGKAPAN_NASIONAL = (
    "Seluruh Indonesia: kabupaten/kota yang diharapkan melapor adalah semua kabupaten/kota di provinsi "
    "yang sudah punya data ({daftar})."
)
KELENGKAPAN_KEGIATAN_CATATAN = (
    "Bimtek berbasis kegiatan: tidak ada laporan wajib setiap minggu. «Tidak ada kegiatan tercatat» "
    "bukan berarti terlambat."
)
KELENGKAPAN_BAGIAN_MINGGU_INI = "Kab/kota melapor, {minggu}"
KELENGKAPAN_METRIK_NILAI = "{melapor} dari {diharapkan}"
KELENGKAPAN_METRIK_RINCI = "{persen} · {tepat} tepat waktu · {telat} terlambat"
KELENGKAPAN_METRIK_KEGIATAN = "{melapor} kab/kota dengan kegiatan"
KELENGKAPAN_TREN = "Persentase kab/kota melapor per minggu"
KELENGKAPAN_PETA_PANAS = "Laporan per kabupaten/kota dan minggu"
KELENGKAPAN_PILIH_DATASET = "Data"
KELENGKAPAN_PETA_TERBATAS = (
    "{n} dari {total} kabupaten/kota ditampilkan (yang laporannya paling tidak lengkap); unduh tabel untuk semuanya."
)
KELENGKAPAN_BELUM = "Belum melapor {minggu}"
KELENGKAPAN_BELUM_KEGIATAN = "Tanpa kegiatan tercatat {minggu}"
KELENGKAPAN_SEMUA_MELAPOR = "Semua kabupaten/kota yang diharapkan sudah melapor minggu ini."
KELENGKAPAN_TABEL_LENGKAP = "Tabel lengkap (semua data, semua minggu)"
KELENGKAPAN_BAGIAN_DESA = "Desa/kelurahan tercakup laporan koperasi"
KELENGKAPAN_DESA_METRIK = "Desa/kelurahan dengan laporan koperasi"
KELENGKAPAN_DESA_PENJELASAN = (
    "Desa/kelurahan yang punya setidaknya satu baris koperasi {minggu}, dibanding semua desa/kelurahan "
    "wilayah ini dalam data Kemendagri."
)
KELENGKAPAN_KOSONG = (
    "Belum ada data sama sekali. Unggah file koperasi, lahan, SPPG atau bimtek di halaman Unggah Data."
)
KELENGKAPAN_KOLOM = {
    "dataset": "Data", "minggu": "Minggu", "kode_kabupaten": "Kode", "nama": "Kabupaten/Kota",
    "batas_lapor": "Batas lapor", "diunggah_pada": "Diunggah pada", "status": "Status",
    "desa": "Desa/kelurahan", "desa_melapor": "Dengan laporan", "persen": "Cakupan",
    "diharapkan": "Diharapkan", "melapor": "Melapor", "tepat_waktu": "Tepat waktu", "terlambat": "Terlambat",
}
