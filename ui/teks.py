"""Every UI string in one place, so a translation is one file."""

from analytics import kamus
from analytics.deck import teks as deck_teks

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
    "audit": ("Jejak Audit", ":material/history:"),
    "kualitas": ("Kualitas Data", ":material/rule:"),
    "target": ("Target & Tenggat", ":material/flag:"),
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
MINGGU_TERBARU = "Terbaru: Minggu {minggu}"  # the sidebar box shows about 29 characters
MINGGU_TERBARU_KOSONG = "Terbaru"
MINGGU_BANTUAN = "Tanpa pilihan, setiap halaman menampilkan minggu terbaru dengan data untuk filter ini{minggu}."
FILTER_RESET = "Hapus filter"
SELURUH_INDONESIA = kamus.SELURUH_INDONESIA

DEMO_BADGE = "Data contoh (sintetis)"
DEMO_PENJELASAN = (
    "Dasbor sedang menampilkan data contoh buatan, bukan laporan resmi. Hapus data contoh sebelum memakai data asli."
)
DEMO_HAPUS = "Hapus data contoh"
DEMO_HAPUS_YAKIN = "Ya, hapus semua data contoh"
DEMO_TERHAPUS = "Data contoh dihapus ({n} unggahan)."

MODE_LOKAL = "Mode pengguna tunggal (lokal): semua yang membuka aplikasi ini adalah administrator."
MODE_TIDAK_DIKENAL = (
    "Mode masuk '{mode}' tidak dikenal. Pakai local, oidc atau password di [kdkmp] pada .streamlit/secrets.toml."
)
LOKAL_BUKAN_LOOPBACK = (
    "Mode lokal hanya boleh melayani 127.0.0.1, tetapi server mendengarkan {alamat}. "
    "Untuk jaringan kantor, pakai mode oidc atau password (lihat README, bagian Keamanan)."
)
MASUK_OIDC_PETUNJUK = "Masuk dengan akun kantor Anda untuk membuka dasbor."
MASUK_TOMBOL = "Masuk"
MASUK_EMAIL = "Email"
MASUK_SANDI = "Kata sandi"
KELUAR = "Keluar"
AKUN_TIDAK_TERDAFTAR = "Akun {email} belum terdaftar di dasbor ini. Minta admin menambahkan peran dan wilayah Anda."
PENGGUNA_INFO = "Masuk sebagai {email} · {peran} · {wilayah}"
AKUN_DICABUT = "Akun Anda dihapus atau kata sandinya diganti sejak Anda masuk. Silakan masuk lagi bila masih berhak."
GALAT_UMUM = (
    "Terjadi kesalahan pada halaman ini. Coba muat ulang halaman; bila masih terjadi, laporkan ke admin "
    "dengan kode {kode} (rinciannya tercatat di log server)."
)
PERAN = {"pemirsa": "pemirsa", "operator": "operator", "admin": "admin"}
TIDAK_BERHAK = "Halaman ini tidak tersedia untuk peran {peran}."

# Ringkasan
RINGKASAN_JUDUL = "Ringkasan mingguan"
KOSONG_KOPERASI = (
    "Belum ada data koperasi untuk filter ini. Unggah file koperasi di halaman Unggah Data, atau pilih wilayah lain."
)
KOSONG_SPPG = "Belum ada data SPPG untuk filter ini. Unggah file SPPG di halaman Unggah Data."
KOSONG_LAHAN = "Belum ada data lahan untuk filter ini. Unggah file lahan di halaman Unggah Data."
DEFINISI_JUDUL = "Definisi: apa arti setiap angka"
DEFINISI_PENJELASAN = "Setiap angka di dasbor, presentasi dan ekspor memakai label dan definisi ini (satu sumber)."
DEFINISI_KOLOM = {"label": "Angka", "definisi": "Definisi", "sumber": "Data"}
BAGIAN_TINDAKAN = "Perlu tindakan minggu ini"
INTERVENSI_METRIK = "Koperasi perlu intervensi"
INTERVENSI_METRIK_RINCI = "{merah} zona merah · {turun} turun zona · {macet} macet (bisa tumpang tindih)"
BELUM_MELAPOR_METRIK = "Kab/kota belum melapor"
LIHAT_DAFTAR = "Lihat daftarnya"
# The fourth action: the data-quality findings of the week nobody has checked yet (Kualitas Data).
KUALITAS_RINGKASAN_METRIK = "Temuan kualitas data"
KUALITAS_RINGKASAN_BANTUAN = (
    "Baris laporan yang tidak mungkin benar (galat) atau perlu dicek (peringatan) menurut aturan kualitas data, "
    "dan belum ditandai sudah dicek. Kantor kab/kota memperbaikinya pada unggahan berikutnya."
)
KUALITAS_RINGKASAN_RINCI = "{galat} galat · {peringatan} peringatan · di {kabupaten} kab/kota"
KUALITAS_RINGKASAN_NIHIL = "Tidak ada temuan yang belum dicek minggu ini."
BAGIAN_KOPERASI = "Koperasi Desa/Kelurahan Merah Putih"
BAGIAN_ZONA = "Zona koperasi"
BAGIAN_SPPG = "SPPG (Makan Bergizi Gratis)"
BAGIAN_SIMKOPDES = "Adopsi SIMKOPDES"
BAGIAN_KELENGKAPAN = "Kelengkapan laporan"
BAGIAN_CORONG = "Tahapan koperasi"
CORONG_PENJELASAN = (
    "Kumulatif: setiap tahap menghitung koperasi yang sudah sampai tahap itu atau lebih jauh dan melewati "
    "semua tahap sebelumnya; kartu di atas menghitung tahap saat ini."
)
BAGIAN_ZONA_WILAYAH = "Zona per {tingkat}"
DIBANDING = "Dibanding {minggu}"
TANPA_PEMBANDING = "Belum ada minggu sebelumnya untuk dibandingkan."
BELUM_MELAPOR = "Belum melapor minggu ini: {daftar}"
SEMUA_MELAPOR = "Semua kabupaten/kota dalam filter sudah melapor minggu ini."
PINDAH_ZONA = "Pindah zona sejak minggu lalu: {naik} naik, {turun} turun, {baru} baru."

TINGKAT = {"provinsi": "provinsi", "kabupaten": "kabupaten/kota", "kecamatan": "kecamatan", "desa": "desa/kelurahan"}

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
    "target": "Target dan tenggat",
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

# SPPG
SPPG_JUDUL_WILAYAH = "Tahap SPPG per {tingkat}"
SPPG_TABEL_WILAYAH = "SPPG, penerima manfaat dan pemasok lokal per {tingkat}"
SPPG_JUDUL_LOKASI = "Tahap setiap SPPG di wilayah ini"
SPPG_JUDUL_MINGGUAN = "SPPG beroperasi per minggu"
SPPG_GARIS_RENCANA = "Total SPPG ({minggu}): {n}"
SPPG_MINGGUAN_PENJELASAN = (
    "Garis: SPPG berstatus beroperasi pada setiap minggu dengan data. Garis putus-putus: seluruh SPPG "
    "yang dilaporkan (tahap apa pun) pada minggu terakhir."
)
SPPG_JUDUL_TANPA = "Kecamatan tanpa SPPG (tahap apa pun)"
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
SPPG_KOLOM = {
    "nama_sppg": "Nama SPPG",
    "kabupaten": "Kabupaten/Kota",
    "kecamatan": "Kecamatan",
    "desa": "Desa/Kelurahan",
    "status": "Status",
    "tanggal_operasi": "Tanggal operasi",
    "kapasitas_porsi": "Kapasitas porsi",
    "penerima_manfaat": "Penerima manfaat",
    "pemasok_lokal": "Pemasok lokal",
    "nama": "Wilayah",
    "total": "Total SPPG",
    "rencana": "Rencana",
    "persiapan": "Persiapan",
    "beroperasi": "Beroperasi",
    "ditutup_sementara": "Ditutup sementara",
    "kabupaten_melapor": "Kab/kota melapor",
}

# Digitalisasi & Pelatihan
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
    "desa": "Desa/kelurahan",
    "koperasi": "Koperasi",
    "akun": "Akun SIMKOPDES",
    "npwp": "NPWP",
    "nib": "NIB",
    "rat": "RAT",
    "volume_transaksi": "Transaksi",
    "nilai_transaksi": "Nilai transaksi",
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
    "ketua_koperasi": "Ketua koperasi",
    "pengurus": "Pengurus",
    "pengawas": "Pengawas",
    "pendamping": "Pendamping",
    "lainnya": "Lainnya",
    "tidak_diisi": "Tidak diisi",
}
DIGITAL_KOLOM = {
    "nama": "Wilayah",
    "koperasi": "Koperasi",
    "aktif": "Aktif",
    "kendala": "Kendala",
    "belum": "Belum",
    "tidak_diisi": "Tidak diisi",
    "nama_koperasi": "Nama koperasi",
    "desa": "Desa/Kelurahan",
    "kecamatan": "Kecamatan",
    "kabupaten": "Kabupaten/Kota",
    "pendamping": "Pendamping",
    "keterangan": "Keterangan",
    "akun": "Akun",
    "npwp": "NPWP",
    "nib": "NIB",
    "rat": "RAT",
    "volume_transaksi": "Transaksi",
    "nilai_transaksi": "Nilai transaksi",
    "tanggal": "Tanggal",
    "minggu": "Minggu",
    "nama_kegiatan": "Kegiatan",
    "kategori_peserta": "Kategori peserta",
    "jumlah_peserta": "Peserta",
    "kegiatan": "Kegiatan minggu ini",
    "peserta": "Peserta minggu ini",
    "kegiatan_kumulatif": "Kegiatan s.d. minggu ini",
    "peserta_kumulatif": "Peserta s.d. minggu ini",
}
DIGITAL_KOLOM_KENDALA_KOPERASI = "Kendala tercatat"

# Kelengkapan Laporan
KELENGKAPAN_DATASET = {
    "koperasi": "Koperasi",
    "lahan": "Lahan",
    "sppg": "SPPG",
    "bimtek": "Bimtek (berbasis kegiatan)",
}
KELENGKAPAN_STATUS_KEGIATAN = {
    "tepat_waktu": "Kegiatan dilaporkan tepat waktu",
    "terlambat": "Kegiatan dilaporkan terlambat",
    "tidak_melapor": "Tidak ada kegiatan tercatat",
}
KELENGKAPAN_SIMBOL = {"tepat_waktu": "✓", "terlambat": "!", "tidak_melapor": "✗"}
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
KELENGKAPAN_JENDELA = "{n} minggu: {awal} s.d. {akhir}"
KELENGKAPAN_BATAS = (
    "Laporan minggu W tepat waktu bila unggahan pertamanya (yang tidak dibatalkan) masuk paling lambat "
    "hari {hari} minggu berikutnya pukul 23.59; koreksi sesudahnya tidak membuatnya terlambat."
)
KELENGKAPAN_NASIONAL = (
    "Seluruh Indonesia: kabupaten/kota yang diharapkan melapor adalah yang ditugaskan admin untuk setiap "
    "jenis data (tanpa penugasan: semua kabupaten/kota). Provinsinya: {daftar}."
)
KELENGKAPAN_WAJIB_JUDUL = "Siapa yang diharapkan melapor (admin)"
KELENGKAPAN_WAJIB_PENJELASAN = (
    "Satu definisi untuk semua halaman, presentasi, peta dan CLI: kabupaten/kota yang ditugaskan melapor "
    "setiap jenis data. Kosongkan pilihan agar semua kabupaten/kota di gazetir diharapkan melapor."
)
KELENGKAPAN_WAJIB_PILIH = "Kabupaten/kota yang wajib melapor {dataset}"
KELENGKAPAN_WAJIB_SEMUA = "Semua kabupaten/kota"
KELENGKAPAN_WAJIB_SIMPAN = "Simpan penugasan"
KELENGKAPAN_WAJIB_TERSIMPAN = "Penugasan {dataset} disimpan: {n}."
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
KELENGKAPAN_BELUM_JUMLAH = "{n} kabupaten/kota belum mengirim setidaknya satu jenis data wajib mingguan."
KELENGKAPAN_SEMUA_MELAPOR = "Semua kabupaten/kota yang diharapkan sudah melapor minggu ini."
KELENGKAPAN_TABEL_LENGKAP = "Tabel lengkap (semua data, semua minggu)"
KELENGKAPAN_KUALITAS_JUDUL = "Kelengkapan dan kualitas data per kab/kota"
KELENGKAPAN_KUALITAS_PENJELASAN = (
    "Skor kualitas: bagian koperasi kab/kota yang tidak punya temuan kualitas data terbuka pada {minggu} "
    "(aturan di halaman Kualitas Data; temuan yang sudah dicek tidak dihitung)."
)
KELENGKAPAN_KUALITAS_KOLOM = {
    "kode_kabupaten": "Kode kab/kota",
    "nama": "Kabupaten/Kota",
    "laporan": "Laporan koperasi minggu ini",
    "kualitas_dinilai": "Koperasi dinilai",
    "kualitas_tanpa_temuan": "Tanpa temuan",
    "skor": "Skor kualitas",
}
KELENGKAPAN_BAGIAN_DESA = "Desa/kelurahan tercakup laporan koperasi"
KELENGKAPAN_DESA_METRIK = "Desa/kelurahan dengan laporan koperasi"
KELENGKAPAN_DESA_PENJELASAN = (
    "Desa/kelurahan yang punya setidaknya satu baris koperasi {minggu}, dibanding semua desa/kelurahan "
    "wilayah ini dalam data Kemendagri."
)
KELENGKAPAN_KOSONG = "Belum ada data sama sekali. Unggah file koperasi, lahan, SPPG atau bimtek di halaman Unggah Data."
KELENGKAPAN_KOLOM = {
    "dataset": "Data",
    "minggu": "Minggu",
    "kode_kabupaten": "Kode",
    "nama": "Kabupaten/Kota",
    "batas_lapor": "Batas lapor",
    "diunggah_pada": "Diunggah pada",
    "status": "Status",
    "desa": "Jumlah desa/kel.",
    "desa_melapor": "Dengan laporan",
    "persen": "Cakupan",
    "diharapkan": "Diharapkan",
    "melapor": "Melapor",
    "tepat_waktu": "Tepat waktu",
    "terlambat": "Terlambat",
}

# --- Zona & Intervensi, Lahan & Kendala ---
ZONA_MINGGU_INI = "minggu ini"
ZONA_MINGGU_LALU = "minggu lalu"
ZONA_WILAYAH_PENJELASAN = (
    "Batang penuh: {minggu}. Batang pucat di bawahnya: {minggu_lalu}. "
    "Arahkan kursor untuk melihat jumlah dan persentase."
)
ZONA_WILAYAH_TANPA_LALU = "Batang: {minggu}. Belum ada minggu sebelumnya untuk dibandingkan."
ZONA_KLIK = "Klik batang untuk membuka wilayah itu."
ZONA_TERBATAS = "{n} dari {total} wilayah ditampilkan (zona merah terbanyak); unduh tabel untuk semuanya."
ZONA_TABEL_WILAYAH = "Tabel zona per wilayah"
ZONA_KOLOM_WILAYAH = {
    "nama": "Wilayah",
    "merah": "Merah",
    "kuning": "Kuning",
    "hijau": "Hijau",
    "jumlah": "Jumlah",
    "persen_merah": "% merah",
    "persen_hijau": "% hijau",
    "merah_lalu": "Merah minggu lalu",
    "kuning_lalu": "Kuning minggu lalu",
    "hijau_lalu": "Hijau minggu lalu",
}

TRANSISI_JUDUL = "Perpindahan zona"
TRANSISI_PENJELASAN = (
    "Baris: zona {minggu_lalu}; kolom: zona {minggu}. Baru = belum dilaporkan minggu lalu; "
    "hilang = dilaporkan minggu lalu tetapi tidak minggu ini. Merah muda: zona memburuk; hijau muda: membaik. "
    "Klik sel atau pilih di bawah untuk melihat koperasinya."
)
TRANSISI_DARI = {**kamus.ZONA_PENDEK, "baru": "Baru"}
TRANSISI_KE = {**kamus.ZONA_PENDEK, "hilang": "Hilang"}
TRANSISI_SUMBU_KINI = "Zona minggu ini"
TRANSISI_SUMBU_LALU = "Zona minggu lalu"
TRANSISI_PILIH = "Koperasi dalam sel"
TRANSISI_OPSI = "{dari} → {ke} ({n} koperasi)"
TRANSISI_TANPA_PINDAH = "Tidak ada koperasi yang pindah zona sejak minggu lalu."
TRANSISI_PILIH_SEL = "Pilih sel untuk melihat koperasinya"
TRANSISI_KOSONG = "Tidak ada koperasi pada minggu ini maupun minggu lalu."
TRANSISI_KOLOM = {
    "nama_koperasi": "Koperasi",
    "desa": "Desa/Kelurahan",
    "kecamatan": "Kecamatan",
    "kabupaten": "Kabupaten/Kota",
    "perpindahan": "Zona lalu → kini",
    "alasan": "Alasan (aturan yang terpenuhi)",
    "pendamping": "Pendamping",
}

INTERVENSI_JUDUL = "Perlu intervensi minggu ini"
INTERVENSI_PENJELASAN = (
    "Koperasi zona merah, yang zonanya turun sejak minggu lalu, atau yang pembangunannya macet "
    "({batas} minggu data atau lebih tanpa kenaikan progres fisik). Dikelompokkan per kecamatan."
)
INTERVENSI_RINGKAS = (
    "{wilayah} · {minggu}: {n} koperasi di {kecamatan} kecamatan — {merah} merah, {turun} turun zona, {macet} macet."
)
INTERVENSI_KOSONG = "Tidak ada koperasi yang perlu intervensi di {wilayah} pada {minggu}."
INTERVENSI_PER_KECAMATAN = "Jumlah per kecamatan"
INTERVENSI_KLIK = "Klik batang untuk membuka daftar kecamatan itu."
INTERVENSI_TERBATAS = "{n} dari {total} kecamatan ditampilkan (terbanyak); daftar di bawah memuat semuanya."
INTERVENSI_SERI = {"merah": "Zona merah", "lainnya": "Turun zona atau macet"}
INTERVENSI_CARI = "Cari koperasi, desa atau pendamping"
INTERVENSI_CARI_BANTUAN = "Ketik sebagian nama; huruf besar/kecil tidak dibedakan."
INTERVENSI_DITEMUKAN = "{n} dari {total} koperasi cocok dengan “{teks}”."
INTERVENSI_SEBAB_MERAH = "zona merah"
INTERVENSI_SEBAB_TURUN = "turun dari {zona}"
INTERVENSI_SEBAB_MACET = "macet {n} minggu"
INTERVENSI_PENDAMPING_KOSONG = "belum diketahui"
INTERVENSI_KOLOM = {
    "kabupaten": "Kabupaten/Kota",
    "kecamatan": "Kecamatan",
    "desa": "Desa/Kelurahan",
    "nama_koperasi": "Koperasi",
    "zona_label": "Zona",
    "sebab": "Masuk daftar karena",
    "alasan": "Aturan yang terpenuhi",
    "pendamping": "Pendamping",
    "minggu_di_zona": "Minggu di zona ini",
}
INTERVENSI_BERKAS = "perlu_intervensi"
INTERVENSI_CETAK = "Unduh daftar cetak (HTML, A4)"
INTERVENSI_CETAK_BANTUAN = "Buka file di peramban, lalu cetak (Ctrl+P) ke kertas A4."
INTERVENSI_CETAK_JUDUL = "Koperasi perlu intervensi — {wilayah}"
INTERVENSI_CETAK_SUB = "{minggu} · {n} koperasi di {kecamatan} kecamatan"
INTERVENSI_CETAK_KELOMPOK = "Kec. {kecamatan}, {kabupaten} — {n} koperasi"
INTERVENSI_CETAK_CATATAN = (
    "Masuk daftar: zona merah, zona turun sejak minggu lalu, atau pembangunan macet {batas} minggu data atau lebih. "
    "Dicetak dari Dasbor KDKMP & MBG."
)

ATURAN_JUDUL = "Cara zona ditentukan (aturan yang berlaku)"
ATURAN_URUTAN = (
    "Zona diperiksa berurutan: **{urutan}**. Zona pertama dalam urutan itu yang salah satu aturannya "
    "terpenuhi menjadi zona koperasi; bila tidak ada, zonanya **{bawaan}**, dengan alasan “{penjelasan_bawaan}”"
)
ATURAN_KOLOM = {"id": "Kode", "zona": "Zona", "penjelasan": "Penjelasan"}
ATURAN_SUMBER = (
    "Aturan dibaca dari berkas aturan zona di server; kantor dapat mengubahnya (lihat README) dan zona semua "
    "koperasi dihitung ulang otomatis."
)

LAHAN_KENDALA_JUDUL = "Kendala koperasi"
LAHAN_KENDALA_PENJELASAN = (
    "{minggu}: jumlah koperasi yang melaporkan setiap kendala (satu koperasi dapat melaporkan beberapa)."
)
LAHAN_KENDALA_KOSONG = "Tidak ada kendala yang dilaporkan untuk filter ini pada {minggu}."
LAHAN_KENDALA_TREN = "Kendala per minggu"
LAHAN_KENDALA_TREN_SATU = "Baru ada satu minggu data koperasi; tren tampil setelah minggu berikutnya diunggah."
LAHAN_KENDALA_KOLOM = {"kendala": "Kendala", "koperasi": "Koperasi"}

LAHAN_STATUS_JUDUL = "Status lahan koperasi per {tingkat}"
LAHAN_STATUS_PENJELASAN = "{minggu}. Wilayah dengan koperasi tanpa lahan (tidak ada atau ditolak) terbanyak di atas."
LAHAN_STATUS_KOLOM = {"nama": "Wilayah", "koperasi": "Koperasi"}
LAHAN_STATUS_TABEL = "Tabel status lahan per wilayah"

LAHAN_PERSIL_JUDUL = "Persil lahan"
LAHAN_PERSIL_MINGGU = "Data lahan {minggu}."
LAHAN_METRIK_PERSIL = "Persil dilaporkan"
LAHAN_METRIK_TERVERIFIKASI = "Persil terverifikasi"
LAHAN_METRIK_SEMPIT = "Di bawah {batas} m²"
LAHAN_SUMBER_JUDUL = "Persil per sumber lahan dan status verifikasi"
LAHAN_SEMPIT_JUDUL = "Persil di bawah {batas} m²"
LAHAN_SEMPIT_PENJELASAN = "{batas} m² adalah luas minimum yang lazim untuk gerai. {n} persil lebih kecil dari itu."
LAHAN_SEMPIT_KOSONG = "Tidak ada persil di bawah {batas} m² untuk filter ini."
LAHAN_VERIFIKATOR_JUDUL = "Persil per verifikator"
LAHAN_VERIFIKATOR_TERBATAS = "{n} dari {total} verifikator ditampilkan (persil terbanyak); unduh tabel untuk semuanya."
LAHAN_VERIFIKATOR_TIDAK_DIISI = "Tidak diisi"
LAHAN_PERSIL_KOLOM = {
    "id_lahan": "ID lahan",
    "nama_koperasi": "Koperasi",
    "kabupaten": "Kabupaten/Kota",
    "kecamatan": "Kecamatan",
    "desa": "Desa/Kelurahan",
    "sumber_lahan": "Sumber lahan",
    "luas_m2": "Luas (m²)",
    "status_verifikasi": "Status verifikasi",
    "verifikator": "Verifikator",
    "keterangan": "Keterangan",
    "persil": "Persil",
    "jumlah": "Jumlah",
}

LAHAN_TDD_JUDUL = "Koperasi tidak dapat dibangun"
LAHAN_TDD_GRAFIK = "Per {tingkat} dan kendala utama"
LAHAN_TDD_PENJELASAN = (
    "{minggu}: {n} koperasi. Kendala utama = kendala pertama yang dituliskan; “Tidak diisi” bila kolom kendala kosong."
)
LAHAN_TDD_KOSONG = "Tidak ada koperasi dengan tahap fisik “tidak dapat dibangun” untuk filter ini pada {minggu}."
LAHAN_TDD_DAFTAR = "Daftar koperasi tidak dapat dibangun"
LAHAN_TDD_BERKAS = "koperasi_tidak_dapat_dibangun"
LAHAN_TDD_KOLOM = {
    "kabupaten": "Kabupaten/Kota",
    "kecamatan": "Kecamatan",
    "desa": "Desa/Kelurahan",
    "nama_koperasi": "Koperasi",
    "kendala_utama": "Kendala utama",
    "kendala": "Semua kendala",
    "status_lahan": "Status lahan",
    "pendamping": "Pendamping",
    "keterangan": "Keterangan",
}
LAHAN_TERBATAS = "{n} dari {total} wilayah ditampilkan (terbanyak); unduh tabel untuk semuanya."
LAHAN_KLIK = "Klik batang untuk membuka wilayah itu."

# --- Peta ---
PETA_JUDUL = "Peta"
PETA_METRIK = "Warna wilayah menurut"
PETA_LAPISAN = "Lapisan"
PETA_LAPISAN_LABEL = {"wilayah": "Warna wilayah", "koperasi": "Koperasi", "sppg": "SPPG", "lahan": "Lahan"}
PETA_LEGENDA_WILAYAH = "{metrik} per {tingkat}"
PETA_LEGENDA_JUMLAH = "{n} wilayah"
PETA_LEGENDA_KOPERASI = "Koperasi (titik, warna zona)"
PETA_LEGENDA_HEKSAGON = "Koperasi per heksagon (lebar ±{km} km), warna menurut bagian zona merah"
PETA_LEGENDA_SPPG = "SPPG (lingkaran besar, warna status)"
PETA_LEGENDA_LAHAN = "Lahan (cincin, warna status verifikasi)"
PETA_MINGGU = "Koperasi: {koperasi} · SPPG: {sppg} · Lahan: {lahan}"
PETA_TANPA_MINGGU = "belum ada data"
PETA_KLIK = "Klik wilayah di peta untuk mempersempit filter ke wilayah itu; arahkan kursor untuk rincian."
PETA_KLIK_DESA = "Arahkan kursor ke titik atau wilayah untuk rincian."
PETA_LUAR_JARINGAN = (
    "Peta luar jaringan: batas wilayah dari gazetir Kemendagri yang dibawa aplikasi, tanpa peta dasar dari internet."
)
PETA_DARING = "Peta dasar daring (Carto) aktif lewat `peta_online = true` di data/pengaturan.toml."
PETA_KOSONG = (
    "Belum ada data koperasi, SPPG, atau lahan untuk filter ini, jadi wilayah berwarna abu-abu. "
    "Unggah file di halaman Unggah Data, atau pilih wilayah lain."
)
PETA_TITIK_NASIONAL = "Titik {lapisan} tampil setelah Anda memilih provinsi."
PETA_TERLALU_BANYAK = "{n} titik {lapisan} terlalu banyak untuk digambar; pilih kabupaten/kota."
PETA_KOPERASI_TANPA_TITIK = "{n} koperasi tidak digambar: desanya tidak punya titik di gazetir."
PETA_KOPERASI_LAHAN_DIABAIKAN = "{n} koperasi digambar di titik tengah desa karena koordinat lahannya mencurigakan."
PETA_SPPG_TITIK_TENGAH = "{n} SPPG digambar di titik tengah desa/kecamatan: {rincian}."
PETA_SPPG_TANPA_TITIK = "{n} SPPG tidak digambar: tidak ada koordinat maupun titik tengah wilayahnya."
PETA_LAHAN_TIDAK_DIGAMBAR = "{n} persil lahan tidak digambar: {rincian}."
PETA_KOORDINAT = {
    "kosong": "{n} tanpa koordinat",
    "tertukar": "{n} lintang/bujur tertukar",
    "di_luar": "{n} di luar Indonesia",
}
PETA_TABEL = "Tabel nilai per {tingkat}"
PETA_KOLOM = {"kode": "Kode", "nama": "Wilayah", "nilai": "Nilai", "kelas": "Kelas warna"}
PETA_ALT = "Peta {metrik} per {tingkat}, {wilayah}"

# --- Jejak audit ---
AUDIT_PETUNJUK = (
    "Setiap unggahan, pembatalan, perubahan aturan zona, dan masuk/keluar dicatat dengan pengguna, waktu, "
    "dan apa yang berubah (nomor unggahan, baris, wilayah, minggu). Terbaru di atas."
)
AUDIT_KOSONG = "Belum ada catatan audit."
AUDIT_PENGGUNA = "Saring pengguna"
AUDIT_AKSI = "Saring aksi"

# --- Presentasi ---
PRESENTASI_JUDUL = "Presentasi mingguan"
PRES_SEBELUMNYA = "Sebelumnya"
PRES_BERIKUTNYA = "Berikutnya"
PRES_AWAL = "Awal"
PRES_POSISI = "Salindia {n} dari {total}"
PRES_LAYAR_PENUH = "Layar penuh"
PRES_LAYAR_PENUH_BANTUAN = (
    "Menyembunyikan menu samping, judul halaman dan tombol ekspor supaya salindia memenuhi layar proyektor. "
    "Tekan F11 untuk layar penuh di peramban."
)
PRES_OTOMATIS = "Maju otomatis"
PRES_OTOMATIS_BANTUAN = "Salindia berganti sendiri; setelah salindia terakhir kembali ke salindia pertama."
PRES_DETIK = "Detik per salindia"
PRES_KEYBOARD = (
    "Papan tombol: → atau PageDown salindia berikutnya, ← atau PageUp salindia sebelumnya, Home salindia pertama "
    "(di kotak isian, ← → dan Home menggeser kursor kecuali dalam layar penuh)."
)
PRES_ATUR = "Atur salindia"
PRES_ATUR_PENJELASAN = (
    "Centang salindia yang ditampilkan dan atur urutannya dengan tombol panah. Pilihan ini disimpan di server "
    "dan dipakai juga untuk PPTX, PDF, ringkasan dan baris perintah."
)
PRES_TAMPIL = "Tampilkan"
PRES_NAIKKAN = "Naikkan"
PRES_TURUNKAN = "Turunkan"
PRES_BAWAAN = "Kembalikan urutan bawaan"
PRES_UNDUH = "Unduh presentasi"
PRES_UNDUH_PPTX = "PPTX"
PRES_UNDUH_PDF = "PDF"
PRES_UNDUH_RINGKASAN = "Ringkasan A4 (PDF)"
PRES_UNDUH_BANTUAN = (
    "Berisi salindia yang ditampilkan, dalam urutan yang dipilih. PPTX dapat disunting (teks dan tabel asli, "
    "grafik sebagai gambar); ringkasan A4 satu halaman cocok dikirim lewat WhatsApp. Membuat file memerlukan "
    "beberapa detik."
)
PRES_DATA_SLIDE = "Data salindia ini"
PRES_DATA_SLIDE_PENJELASAN = "Unduh tabel salindia ini (CSV/XLSX, angka utuh) dan grafiknya (PNG)."
PRES_TANPA_DATA_SLIDE = "Salindia ini tidak punya tabel atau grafik untuk diunduh."
PRES_KELOMPOK_KOPERASI = deck_teks.KELOMPOK_KOPERASI  # the exports say the same
PRES_KELOMPOK_SPPG = deck_teks.KELOMPOK_SPPG
EKSPOR_PNG = "Unduh PNG"
EKSPOR_XLSX = "Unduh XLSX"
EKSPOR_PNG_GAGAL = "Grafik tidak dapat digambar: Chromium (/usr/bin/chromium) tidak ditemukan atau gagal dijalankan."

# --- desa level: lists instead of bars of one, sentences instead of charts that say nothing ---
DESA_DAFTAR_PENJELASAN = "Satu koperasi per desa/kelurahan: daftar menggantikan grafik batang yang semuanya bernilai 1."
KELENGKAPAN_SEMUA_LENGKAP = (
    "{datasets} dilaporkan lengkap (100%) oleh semua kabupaten/kota yang diharapkan, setiap minggu "
    "dari {awal} sampai {akhir}."
)
KELENGKAPAN_KEGIATAN_MINGGU = "{dataset}: ada kegiatan yang dilaporkan pada {n} dari {total} minggu."
KELENGKAPAN_KEGIATAN_TIDAK_ADA = "{dataset}: tidak ada kegiatan dalam {total} minggu ini."
CORONG_SATU = "Satu koperasi di wilayah ini, tahap yang sudah dicapai:"
CORONG_YA = "sudah"
CORONG_BELUM = "belum"
CORONG_KOSONG = "Belum ada koperasi terdaftar di wilayah ini."
PERSIL_DAFTAR_PENJELASAN = "Sedikit persil: rincian menggantikan grafik batang."
BIMTEK_SATU_WILAYAH = (
    "Semua bimtek di filter ini tercatat di {wilayah}: {peserta} peserta dari {kegiatan} kegiatan minggu ini, "
    "{peserta_kumulatif} peserta dari {kegiatan_kumulatif} kegiatan sampai minggu ini."
)
SPPG_LOKASI_DAFTAR_PENJELASAN = "Setiap SPPG di wilayah ini menurut tahapnya, dengan desa/kelurahan lokasinya."
SPPG_LOKASI_KOSONG = "Tidak ada SPPG yang dilaporkan di wilayah ini."
BIMTEK_SATU_MINGGU = "Bimtek hanya pada {minggu} dalam {n} minggu terakhir: {kegiatan} kegiatan, {peserta} peserta."
BIMTEK_TANPA_MINGGU = "Tidak ada bimtek dalam {n} minggu terakhir."

# Kualitas Data
KUALITAS_KOSONG_DATA = "Belum ada data koperasi untuk filter ini, jadi belum ada yang bisa diperiksa."
KUALITAS_TANPA_TEMUAN = "Tidak ada temuan kualitas data di {wilayah} untuk {minggu}: semua aturan kualitas terpenuhi."
KUALITAS_TANPA_PEMBANDING = (
    "Belum ada minggu sebelumnya dengan data di filter ini: aturan yang membandingkan dua minggu belum dinilai."
)
KUALITAS_METRIK_TEMUAN = "Temuan"
# The tiles of open findings per severity: the label is the severity (a longer one was cut off in a
# fifth of the page), the help says what it means.
KUALITAS_METRIK_TINGKAT_BANTUAN = {
    "galat": "Galat: data yang tidak mungkin benar. Dihitung temuan yang belum ditandai sudah dicek.",
    "peringatan": "Peringatan: data yang mungkin benar tetapi perlu dicek. Dihitung temuan yang belum ditandai "
    "sudah dicek.",
}
KUALITAS_METRIK_KOPERASI = "Koperasi perlu dicek"
KUALITAS_METRIK_KOPERASI_BANTUAN = "Koperasi dengan temuan kualitas data yang belum ditandai sudah dicek."
KUALITAS_METRIK_DICEK = "Sudah dicek"
KUALITAS_STATUS_DICEK = {False: "Terbuka", True: "Sudah dicek"}
# A check of an earlier week that still holds (the same state, the same values): the week it was made.
KUALITAS_STATUS_DICEK_SEJAK = "Sudah dicek (sejak minggu {tanggal})"
KUALITAS_DICEK_JUDUL = "Tandai temuan sudah dicek"
KUALITAS_DICEK_SEMUA = "Semua temuan kab/kota ini sudah dicek."
KUALITAS_DICEK_PILIH = "Temuan"
KUALITAS_DICEK_BARIS = "{aturan} · {objek}"
KUALITAS_DICEK_CATATAN = "Catatan pengecekan (wajib)"
KUALITAS_DICEK_SIMPAN = "Tandai sudah dicek"
KUALITAS_DICEK_TANPA_CATATAN = "Tulis catatan pengecekan dulu: apa yang dicek dan hasilnya."
KUALITAS_DICEK_TERSIMPAN = "Temuan ditandai sudah dicek."
KUALITAS_BUKA_JUDUL = "Buka lagi temuan yang sudah dicek"
KUALITAS_BUKA_ALASAN = "Alasan dibuka lagi (wajib)"
KUALITAS_BUKA_SIMPAN = "Buka lagi"
KUALITAS_BUKA_TANPA_ALASAN = "Tulis alasan temuan ini dibuka lagi dulu."
KUALITAS_BUKA_TERSIMPAN = "Temuan dibuka lagi: dihitung lagi sebagai temuan terbuka."
KUALITAS_JUDUL_ATURAN = "Temuan per aturan"
KUALITAS_JUDUL_WILAYAH = "Temuan per {tingkat}"
KUALITAS_SATU_WILAYAH = "Semua temuan ({n}) ada di {wilayah}."
KUALITAS_WILAYAH_PENJELASAN = (
    "Temuan yang berlaku untuk seluruh kab/kota (lonjakan zona) tidak dihitung per kecamatan atau desa, "
    "dan SPPG yang hanya tercatat sampai kecamatan tidak dihitung per desa."
)
KUALITAS_JUDUL_DAFTAR = "Daftar yang harus dicek"
KUALITAS_DAFTAR_PENJELASAN = (
    "Setiap baris adalah satu temuan tentang satu koperasi, desa, SPPG atau lahan: aturan yang terpicu dan "
    "nilainya minggu ini beserta pembandingnya (minggu sebelumnya, atau statistik desa SIMKOPDES). "
    "Unduh daftar per kab/kota dan kirimkan ke kantornya untuk diperbaiki pada unggahan berikutnya."
)
KUALITAS_PILIH_KABUPATEN = "Daftar untuk kab/kota"
KUALITAS_DAFTAR_KABUPATEN = "**{kabupaten}**: {n} temuan"
KUALITAS_UNDUH = "Unduh daftar {kabupaten} (CSV)"
KUALITAS_JUDUL_ATURAN_PENJELASAN = "Aturan kualitas data"
KUALITAS_ATURAN_CATATAN = (
    "Aturan dan tingkatnya diatur administrator dalam file aturan kualitas. Setiap aturan membandingkan minggu "
    "yang dipilih dengan minggu sebelumnya yang punya data."
)
KUALITAS_TINGKAT = {"galat": "Galat", "peringatan": "Peringatan"}
# What a finding is about (analytics/kualitas/aturan.py OBJEK).
KUALITAS_OBJEK = {"koperasi": "Koperasi", "kabupaten": "Kab/kota", "desa": "Desa", "sppg": "SPPG", "lahan": "Lahan"}
KUALITAS_KOLOM = {
    "baris": "Baris file",
    "aturan": "Aturan",
    "tingkat": "Tingkat",
    "penjelasan": "Penjelasan",
    "temuan": "Temuan",
    "dicek": "Sudah dicek",
    "terbuka": "Terbuka",
    "status": "Status",
    "catatan": "Catatan pengecekan",
    "dicek_oleh": "Dicek oleh",
    "dicek_pada": "Dicek pada",
    "nama": "Wilayah",
    "galat": "Galat",
    "peringatan": "Peringatan",
    "kabupaten": "Kabupaten/Kota",
    "desa": "Desa/Kelurahan",
    "kode_kabupaten": "Kode kab/kota",
    "kode_desa": "Kode desa",
    "id_koperasi": "ID koperasi",
    "nama_koperasi": "Koperasi",
    "objek": "Jenis",
    "nama_objek": "Koperasi / SPPG / lahan",
    "kode_kecamatan": "Kode kecamatan",
    "kecamatan": "Kecamatan",
    "minggu_lalu": "Minggu pembanding",
    "nilai_lalu": "Nilai pembanding",
    "minggu": "Minggu ini",
    "nilai_kini": "Nilai minggu ini",
    "keterangan": "Keterangan",
}
KUALITAS_UNGGAH_JUDUL = "Temuan kualitas data bila file ini disimpan ({n})"
KUALITAS_UNGGAH_PENJELASAN = (
    "Dibandingkan dengan minggu sebelumnya yang sudah tersimpan. Ini peringatan, bukan penolakan: "
    "file tetap boleh disimpan, tetapi sebaiknya diperbaiki dulu. Laporan validasi (CSV) memuat temuan ini "
    "dengan baris, kolom dan nilai di file."
)
KUALITAS_UNGGAH_BERSIH = "Tidak ada temuan kualitas data untuk file ini."
# The rules the dashboard knows (analytics/kualitas/aturan.py DIKENAL), by name.
KUALITAS_ATURAN_LABEL = {
    "tahap_mundur": "Tahap fisik mundur",
    "lahan_mundur": "Status lahan mundur",
    "progres_turun": "Progres fisik turun",
    "gerai_belum_selesai": "Gerai beroperasi sebelum fisik selesai",
    "bangun_tanpa_lahan": "Dibangun tanpa lahan",
    "nib_tanpa_badan_hukum": "NIB tanpa badan hukum",
    "koperasi_hilang": "Koperasi hilang dari laporan",
    "lonjakan_zona": "Lonjakan perpindahan zona",
    "koperasi_beda_simkopdes": "Jumlah koperasi beda dengan SIMKOPDES",
    "sppg_tanpa_penerima": "SPPG beroperasi tanpa penerima manfaat",
    "lahan_jauh_dari_desa": "Lahan jauh dari desanya",
}
# The values a rule reports (nilai_lalu, nilai_kini), part by part ("pembangunan / ditolak").
KUALITAS_NILAI = {
    **kamus.STATUS_LAHAN_LABEL,
    "belum_mulai": "Belum mulai",
    "persiapan": "Persiapan",
    "pembangunan": "Pembangunan",
    "selesai": "Selesai",
    "tidak_dapat_dibangun": "Tidak dapat dibangun",
    "nib ya": "Punya NIB",
    "badan_hukum tidak": "belum berbadan hukum",
    "ada": "Ada",
    "tidak ada": "Tidak ada",
    "kosong": "Kosong",
}


# --- Target & Tenggat (analytics/target) ------------------------------------------------------------
TARGET_KOSONG = (
    "Belum ada target untuk {wilayah}. Target diunggah sebagai file (templat 'target' di halaman Unggah "
    "Data) atau diatur admin di bawah."
)
TARGET_STATUS_METRIK = "Target {status}"
TARGET_JUDUL_DAFTAR = "Target, yang paling berisiko di atas"
TARGET_KOLOM = {
    "status": "Status",
    "label": "Metrik",
    "wilayah": "Wilayah",
    "aktual": "Capaian",
    "target": "Target",
    "tenggat": "Tenggat",
    "laju_kini": "Laju terkini per minggu",
    "laju_perlu": "Laju dibutuhkan per minggu",
    "laju": "Laju per minggu: kini / dibutuhkan",
    "capaian": "Capaian / target",
    "proyeksi": "Perkiraan tercapai",
    "minggu": "Minggu data",
    "sumber": "Dasar target",
    "nama": "Wilayah",
    "selisih": "Masih kurang",
    "bagian_selisih": "Bagian dari kekurangan",
}
TARGET_KOLOM_BANTUAN = {
    "capaian": "Nilai pada minggu terbaru yang punya data untuk wilayah target, dan targetnya.",
    "laju": "Perubahan rata-rata per minggu dalam minggu-minggu terakhir, dan yang dibutuhkan untuk mencapai target tepat pada tenggat.",
    "proyeksi": "Tanggal target tercapai bila laju terkini bertahan; – bila pada laju ini tidak pernah tercapai.",
}
TARGET_PILIH = "Target yang dilihat"
TARGET_JUDUL_GRAFIK = "Capaian per minggu terhadap jalur ke target"
TARGET_JUDUL_KONTRIBUSI = "{tingkat} dengan kekurangan terbesar"
TARGET_KONTRIBUSI_PENJELASAN = (
    "Bagian tiap wilayah dari target: target wilayah itu sendiri bila diatur, selain itu sebanding dengan "
    "{dasar} di wilayah itu. Klik batang untuk mempersempit filter."
)
TARGET_KONTRIBUSI_KOSONG = "Tidak ada wilayah di bawahnya yang masih kurang."
TARGET_CATATAN = "Catatan: {catatan}"
TARGET_JUDUL_CARA = "Cara status dihitung"
TARGET_CARA = (
    "- **Laju terkini**: perubahan rata-rata per minggu selama {n} minggu terakhir yang punya data "
    "(dibagi minggu kalender, jadi minggu tanpa laporan tidak mempercepat laju).\n"
    "- **Laju dibutuhkan**: sisa kekurangan dibagi minggu yang tersisa sampai tenggat.\n"
    "- **Sesuai jalur**: laju terkini paling sedikit {sesuai} laju yang dibutuhkan.\n"
    "- **Berisiko**: laju terkini {berisiko} sampai di bawah {sesuai} laju yang dibutuhkan, atau laju belum "
    "dapat dihitung (baru satu minggu data, atau belum ada data).\n"
    "- **Terlambat**: laju terkini di bawah {berisiko} laju yang dibutuhkan (termasuk tidak naik atau turun), "
    "atau tenggat sudah lewat.\n"
    "- **Tercapai**: nilai minggu ini sudah memenuhi target.\n\n"
    "Ambang ini diatur di `data/target.toml`. Target bagian (misalnya 80%) dihitung dari {dasar_daftar}."
)
TARGET_JUDUL_ATUR = "Atur target (admin)"
TARGET_ATUR_WILAYAH = "Wilayah target: **{wilayah}** (mengikuti filter; ubah filter untuk wilayah lain)."
TARGET_ATUR_METRIK = "Metrik"
TARGET_ATUR_NILAI = "Nilai target"
TARGET_ATUR_NILAI_BANTUAN = "Jumlah (24) atau bagian dengan tanda persen (80%)."
TARGET_ATUR_TENGGAT = "Tenggat"
TARGET_ATUR_SUMBER = "Dasar target"
TARGET_ATUR_CATATAN = "Catatan"
TARGET_ATUR_SIMPAN = "Simpan target"
TARGET_ATUR_TERSIMPAN = "Target tersimpan (unggahan #{batch}); dapat dibatalkan di halaman Unggah Data."
TARGET_ATUR_HAPUS = "Hapus target yang dilihat"
TARGET_ATUR_TERHAPUS = "Target dihapus (unggahan #{batch}); dapat dibatalkan di halaman Unggah Data."
TARGET_ATUR_DESA = "Target dipasang paling rendah pada kecamatan; pilih kecamatan atau wilayah di atasnya."
TARGET_TINGKAT_BAWAH = {
    "provinsi": "Provinsi",
    "kabupaten": "Kabupaten/kota",
    "kecamatan": "Kecamatan",
    "desa": "Desa/kelurahan",
}
TARGET_LABEL = "Target {target} pada {tenggat}: {status}"
BAGIAN_TARGET = "Target lain wilayah ini"
TARGET_RINGKAS = "{status} · tenggat {tenggat}"
LIHAT_TARGET = "Lihat target dan lajunya"
PETA_TARGET_METRIK = "Target pada metrik"
UNGGAH_TARGET_WILAYAH = "Target untuk: {daftar}. Target lain tidak berubah; yang sama (metrik dan wilayah) diganti."
TARGET_TILE = "Target: {label}"
