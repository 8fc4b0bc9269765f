"""The four datasets of the data contract: columns, kinds, allowed values, header synonyms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KENDALA = ("lahan", "cuaca", "tenaga_kerja", "teknis", "administrasi", "pembiayaan", "jaringan", "lainnya")
AKUN_SIMKOPDES = ("aktif", "kendala", "belum")
STATUS_LAHAN = ("tidak_ada", "diajukan", "verifikasi", "terverifikasi", "ditolak")
TAHAP_FISIK = ("belum_mulai", "persiapan", "pembangunan", "selesai", "tidak_dapat_dibangun")
ZONA = ("hijau", "kuning", "merah")
SUMBER_LAHAN = (
    "tanah_kas_desa",
    "aset_pemkab",
    "aset_pemkot",
    "aset_pemprov",
    "aset_pusat_bumn",
    "hibah",
    "sewa",
    "lainnya",
)
STATUS_VERIFIKASI = (
    "diajukan",
    "sedang_diverifikasi",
    "dipertimbangkan",
    "perlu_verifikasi_lanjutan",
    "terverifikasi",
    "ditolak",
    "tidak_ada_lahan",
    "selesai",
)
STATUS_SPPG = ("rencana", "persiapan", "beroperasi", "ditutup_sementara")
KATEGORI_PESERTA = ("ketua_koperasi", "pengurus", "pengawas", "pendamping", "lainnya")

REGION_COLUMNS = ("kode_desa", "kode_kecamatan", "kode_kabupaten", "provinsi", "kabupaten", "kecamatan", "desa")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, date, bool, enum, enum_list, int, float, percent, lat, lon
    required: bool = False
    values: tuple[str, ...] = ()
    description: str = ""
    example: str = ""


@dataclass(frozen=True)
class Dataset:
    name: str
    label: str
    columns: tuple[Column, ...]
    # The finest region level a row must reach: 'desa', 'kecamatan' or 'kabupaten'.
    region_level: str
    date_column: str = "tanggal_laporan"
    signature: tuple[str, ...] = field(default=())  # columns that identify the dataset
    # The dataset whose table and weekly coverage the rows go to (a SIMKOPDES land export is `lahan`).
    storage: str = ""
    # Header synonyms that hold only for this dataset (normalised header → canonical column).
    synonyms: tuple[tuple[str, str], ...] = ()
    # Export columns read and deliberately not kept: no "unknown column" warning for them.
    ignored: tuple[str, ...] = ()
    # Raw header names (normalised) that identify an export, checked before `signature`.
    raw_signature: tuple[str, ...] = ()

    @property
    def table(self) -> str:
        return self.storage or self.name

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


def _region(example_desa="52.01.01.1004", kecamatan_code: bool = False):
    by_kecamatan = (
        (
            Column(
                "kode_kecamatan",
                "text",
                description="Kode Kemendagri kecamatan (bila tanpa kode desa)",
                example=example_desa.rsplit(".", 1)[0],
            ),
        )
        if kecamatan_code
        else ()
    )
    return (
        Column(
            "kode_desa",
            "text",
            description="Kode Kemendagri desa/kelurahan, bertitik atau 10 digit",
            example=example_desa,
        ),
        *by_kecamatan,
        Column("provinsi", "text", description="Nama provinsi (bila tanpa kode)", example="Nusa Tenggara Barat"),
        Column("kabupaten", "text", description="Nama kabupaten/kota (bila tanpa kode)", example="Lombok Barat"),
        Column("kecamatan", "text", description="Nama kecamatan (bila tanpa kode)", example="Gerung"),
        Column("desa", "text", description="Nama desa/kelurahan (bila tanpa kode)", example="Dasan Geres"),
    )


TANGGAL = Column(
    "tanggal_laporan",
    "date",
    True,
    description="Tanggal mana pun dalam minggu laporan (Senin–Minggu)",
    example="2025-10-20",
)

DATASETS: dict[str, Dataset] = {
    "koperasi": Dataset(
        "koperasi",
        "Koperasi (KDKMP) mingguan",
        (
            TANGGAL,
            *_region(),
            Column(
                "nama_koperasi",
                "text",
                True,
                description="Nama koperasi",
                example="Koperasi Desa Merah Putih Dasan Geres",
            ),
            Column("badan_hukum", "bool", description="Badan hukum disahkan AHU (ya/tidak)", example="ya"),
            Column("npwp", "bool", description="Sudah ber-NPWP (ya/tidak)", example="ya"),
            Column("nib", "bool", description="Sudah ber-NIB (ya/tidak)", example="tidak"),
            Column(
                "masuk_portal", "bool", description="Terdaftar di portal pembangunan nasional (ya/tidak)", example="ya"
            ),
            Column("akun_simkopdes", "enum", values=AKUN_SIMKOPDES, description="Akun SIMKOPDES", example="aktif"),
            Column(
                "status_lahan",
                "enum",
                values=STATUS_LAHAN,
                description="Status lahan gerai/gudang",
                example="verifikasi",
            ),
            Column(
                "tahap_fisik", "enum", values=TAHAP_FISIK, description="Tahap pembangunan fisik", example="pembangunan"
            ),
            Column("progres_fisik_persen", "percent", description="Progres fisik 0–100", example="45,5"),
            Column("gerai_beroperasi", "bool", description="Gerai sudah beroperasi (ya/tidak)", example="tidak"),
            Column("jumlah_anggota", "int", description="Jumlah anggota (≥ 0)", example="120"),
            Column(
                "kendala",
                "enum_list",
                values=KENDALA,
                description="Kendala, beberapa dipisah ; atau ,",
                example="lahan; cuaca",
            ),
            Column(
                "zona",
                "enum",
                values=ZONA,
                description="Zona menurut kantor (opsional; ditampilkan di samping zona hitungan)",
                example="kuning",
            ),
            Column("pendamping", "text", description="Nama pendamping (PMO/business assistant)", example="Siti Aminah"),
            Column("keterangan", "text", description="Catatan bebas", example="Menunggu hibah tanah kas desa"),
        ),
        region_level="desa",
        signature=("nama_koperasi",),
    ),
    "lahan": Dataset(
        "lahan",
        "Lahan (persil calon lokasi)",
        (
            Column("id_lahan", "text", True, description="Kode unik persil", example="NTB-0001"),
            TANGGAL,
            *_region(kecamatan_code=True),
            Column(
                "nama_koperasi",
                "text",
                description="Nama koperasi pemakai lahan",
                example="Koperasi Desa Merah Putih Dasan Geres",
            ),
            Column("sumber_lahan", "enum", values=SUMBER_LAHAN, description="Asal lahan", example="tanah_kas_desa"),
            Column("luas_m2", "float", description="Luas (m², > 0; di bawah 1.000 m² ditandai)", example="1200"),
            Column(
                "status_verifikasi",
                "enum",
                values=STATUS_VERIFIKASI,
                description="Status verifikasi",
                example="sedang_diverifikasi",
            ),
            Column(
                "verifikator",
                "text",
                description="Pihak verifikator (TNI, Agrinas, Business Assistant, Koperasi, Pemda, …)",
                example="Agrinas",
            ),
            Column("lat", "lat", description="Lintang WGS84 (negatif di selatan khatulistiwa)", example="-8,69"),
            Column("lon", "lon", description="Bujur WGS84", example="116,12"),
            Column("kendala", "enum_list", values=KENDALA, description="Kendala", example="lahan"),
            Column("keterangan", "text", description="Catatan bebas", example=""),
        ),
        region_level="kecamatan",
        signature=("id_lahan",),
    ),
    "sppg": Dataset(
        "sppg",
        "SPPG (dapur MBG) mingguan",
        (
            TANGGAL,
            *_region("18.04.04.2005", kecamatan_code=True),
            Column("nama_sppg", "text", True, description="Nama SPPG", example="SPPG Balik Bukit 1"),
            Column("status", "enum", values=STATUS_SPPG, description="Status SPPG", example="beroperasi"),
            Column("tanggal_operasi", "date", description="Tanggal mulai beroperasi", example="2025-09-01"),
            Column("lat", "lat", description="Lintang WGS84", example="-5,02"),
            Column("lon", "lon", description="Bujur WGS84", example="104,07"),
            Column("kapasitas_porsi", "int", description="Kapasitas porsi per hari (umumnya ≤ 3.000)", example="3000"),
            Column("penerima_manfaat", "int", description="Jumlah penerima manfaat", example="2850"),
            Column(
                "pemasok_lokal", "int", description="Jumlah pemasok lokal (petani, UMKM, KWT, koperasi)", example="12"
            ),
        ),
        region_level="kecamatan",
        signature=("nama_sppg",),
    ),
    "bimtek": Dataset(
        "bimtek",
        "Bimbingan teknis (pelatihan)",
        (
            Column("tanggal", "date", True, description="Tanggal kegiatan", example="2025-10-21"),
            Column(
                "kode_kabupaten", "text", description="Kode kabupaten/kota (atau isi kolom kabupaten)", example="18.01"
            ),
            Column("provinsi", "text", description="Nama provinsi (opsional)", example="Lampung"),
            Column("kabupaten", "text", description="Nama kabupaten/kota (bila tanpa kode)", example="Lampung Selatan"),
            Column("kecamatan", "text", description="Nama kecamatan (opsional)", example="Kalianda"),
            Column(
                "nama_kegiatan", "text", True, description="Nama kegiatan", example="Bimtek Ketua Koperasi Angkatan 1"
            ),
            Column("jumlah_peserta", "int", True, description="Jumlah peserta (≥ 0)", example="16"),
            Column(
                "kategori_peserta",
                "enum",
                values=KATEGORI_PESERTA,
                description="Kategori peserta",
                example="ketua_koperasi",
            ),
        ),
        region_level="kabupaten",
        date_column="tanggal",
        signature=("nama_kegiatan", "jumlah_peserta"),
    ),
}

DATASETS["simkopdes_lahan"] = Dataset(
    "simkopdes_lahan",
    "Ekspor SIMKOPDES: aset lahan",
    (
        Column("id_lahan", "text", True, description="asset_id"),
        Column("tanggal_laporan", "date", description="Tidak ada di ekspor: minggu dipilih saat unggah"),
        Column("nama_koperasi", "text", description="cooperative"),
        Column("provinsi", "text", description="province"),
        Column("kabupaten", "text", description="district"),
        Column("kecamatan", "text", description="subdistrict"),
        Column("desa", "text", description="village"),
        Column("status_verifikasi", "enum", values=STATUS_VERIFIKASI, description="status"),
        Column("verifikator", "text", description="surveyor"),
        Column("lat", "lat", description="latitude"),
        Column("lon", "lon", description="longitude"),
    ),
    region_level="kecamatan",
    signature=("id_lahan", "verifikator", "status_verifikasi"),
    storage="lahan",
    synonyms=(("asset_id", "id_lahan"), ("status", "status_verifikasi")),
    raw_signature=("asset_id", "surveyor"),
)

DATASETS["simkopdes_desa"] = Dataset(
    "simkopdes_desa",
    "Ekspor SIMKOPDES: statistik desa",
    (
        Column("tanggal_laporan", "date", description="Tidak ada di ekspor: minggu dipilih saat unggah"),
        Column("provinsi", "text", description="province"),
        Column("kabupaten", "text", description="district"),
        Column("kecamatan", "text", description="subdistrict"),
        Column("desa", "text", description="village"),
        Column("id_desa_simkopdes", "text", description="village_id"),
        Column("koperasi", "int", True, description="cooperatives"),
        Column("akun", "int", description="accounts_count"),
        Column("npwp", "int", description="npwp_count"),
        Column("nib", "int", description="nib_count"),
        Column("rat", "int", description="rat_count"),
        Column("volume_transaksi", "int", description="transaction_volume"),
        Column("nilai_transaksi", "amount", description="transaction_value"),
        Column("simpanan_total", "amount", description="savings_total_amount"),
    ),
    # Counts per desa: a row that cannot be placed at desa level (an ambiguous or unknown name)
    # is an error of its own, never stored without its desa.
    region_level="desa",
    signature=("koperasi", "akun"),
    raw_signature=("cooperatives", "accounts_count"),
    synonyms=(
        ("village_id", "id_desa_simkopdes"),
        ("cooperatives", "koperasi"),
        ("accounts_count", "akun"),
        ("npwp_count", "npwp"),
        ("nib_count", "nib"),
        ("rat_count", "rat"),
        ("transaction_volume", "volume_transaksi"),
        ("transaction_value", "nilai_transaksi"),
        ("savings_total_amount", "simpanan_total"),
    ),
    ignored=(
        "province_id",
        "district_id",
        "subdistrict_id",
        "simpanan_pokok_amount",
        "simpanan_pokok_members",
        "simpanan_pokok_tx",
        "simpanan_wajib_amount",
        "simpanan_wajib_members",
        "simpanan_wajib_tx",
    ),
)

# Targets and deadlines (analytics/target): not weekly, one row per target. Validated by
# analytics/ingest/target.py (an area may be the country, a provinsi, kab/kota or kecamatan).
DATASETS["target"] = Dataset(
    "target",
    "Target dan tenggat",
    (
        Column(
            "metrik",
            "text",
            True,
            description="Metrik dasbor: kodenya atau labelnya (daftar di halaman Target & Tenggat)",
            example="sppg_beroperasi",
        ),
        Column(
            "kode_wilayah",
            "text",
            description="Kode provinsi, kab/kota atau kecamatan; kosong atau 'nasional' = seluruh Indonesia",
            example="18.04",
        ),
        Column("provinsi", "text", description="Nama provinsi (bila tanpa kode)", example="Lampung"),
        Column("kabupaten", "text", description="Nama kabupaten/kota (bila tanpa kode)", example="Lampung Barat"),
        Column("kecamatan", "text", description="Nama kecamatan (bila tanpa kode)", example=""),
        Column(
            "nilai_target",
            "text",
            True,
            description="Jumlah (24) atau bagian dengan tanda persen (80%) dari koperasi terdaftar/total SPPG",
            example="24",
        ),
        Column("tenggat", "date", True, description="Tanggal target harus tercapai", example="2026-12-31"),
        Column("sumber", "text", description="Dasar target (peraturan, surat, rapat)", example="Rapat koordinasi MBG"),
        Column("catatan", "text", description="Catatan bebas", example="Satu SPPG per kecamatan prioritas"),
    ),
    region_level="kecamatan",
    date_column="tenggat",
    signature=("metrik", "nilai_target", "tenggat"),
    synonyms=(
        ("indikator", "metrik"),
        ("target", "nilai_target"),
        ("nilai", "nilai_target"),
        ("batas_waktu", "tenggat"),
        ("deadline", "tenggat"),
        ("tanggal_tenggat", "tenggat"),
        ("dasar", "sumber"),
        ("dasar_hukum", "sumber"),
        ("keterangan", "catatan"),
    ),
)

# Datasets with a template file of their own (the SIMKOPDES exports come as they are).
TEMPLATES = ("koperasi", "lahan", "sppg", "bimtek", "target")

# Datasets whose files carry no date: the week is asked for at upload time.
UNDATED = ("simkopdes_lahan", "simkopdes_desa")

# Header synonyms (after normalising: lowercase, punctuation and spaces → '_').
SYNONYMS = {
    "kab": "kabupaten",
    "kota": "kabupaten",
    "kab_kota": "kabupaten",
    "kabupaten_kota": "kabupaten",
    "kabkota": "kabupaten",
    "district": "kabupaten",
    "nama_kabupaten": "kabupaten",
    "kec": "kecamatan",
    "subdistrict": "kecamatan",
    "distrik": "kecamatan",
    "nama_kecamatan": "kecamatan",
    "kelurahan": "desa",
    "desa_kelurahan": "desa",
    "kelurahan_desa": "desa",
    "village": "desa",
    "nama_desa": "desa",
    "pekon": "desa",
    "nagari": "desa",
    "gampong": "desa",
    "kampung": "desa",
    "prov": "provinsi",
    "province": "provinsi",
    "propinsi": "provinsi",
    "nama_provinsi": "provinsi",
    "kode_kemendagri": "kode_desa",
    "kode_wilayah": "kode_desa",
    "kode_desa_kelurahan": "kode_desa",
    "kode_kab": "kode_kabupaten",
    "kode_kec": "kode_kecamatan",
    "tanggal": "tanggal_laporan",
    "tgl_laporan": "tanggal_laporan",
    "tanggal_lapor": "tanggal_laporan",
    "nama_kopdes": "nama_koperasi",
    "koperasi": "nama_koperasi",
    "cooperative": "nama_koperasi",
    "progres": "progres_fisik_persen",
    "progres_fisik": "progres_fisik_persen",
    "progres_persen": "progres_fisik_persen",
    "simkopdes": "akun_simkopdes",
    "status_simkopdes": "akun_simkopdes",
    "latitude": "lat",
    "lintang": "lat",
    "longitude": "lon",
    "lng": "lon",
    "bujur": "lon",
    "luas": "luas_m2",
    "luas_lahan": "luas_m2",
    "surveyor": "verifikator",
    "peserta": "jumlah_peserta",
    "kegiatan": "nama_kegiatan",
}


def label_kolom(name: str) -> str:
    """A column name as a heading: 'nama_koperasi' → 'Nama koperasi' (the upload preview)."""
    text = str(name).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def header_key(text) -> str:
    key = re.sub(r"[^0-9a-z]+", "_", str(text).strip().lower()).strip("_")
    return key


def canonical_header(text, dataset: Dataset) -> str | None:
    """Map one file header to a canonical column of `dataset` (None when unknown)."""
    key = header_key(text)
    names = {c.name for c in dataset.columns}
    if key in names:
        return key
    squeezed = key.replace("_", "")
    for name in names:
        if name.replace("_", "") == squeezed:
            return name
    own = dict(dataset.synonyms)
    syn = own.get(key) or own.get(squeezed) or SYNONYMS.get(key) or SYNONYMS.get(squeezed)
    if dataset.name == "bimtek" and key in ("tanggal", "tgl", "tanggal_kegiatan"):
        return "tanggal"
    if syn in names:
        return syn
    return None


def detect(headers) -> str | None:
    """Guess the dataset from the file's headers; SIMKOPDES exports by their own column names,
    then the templates, the most specific signature first."""
    keys = {header_key(h) for h in headers}
    for name in UNDATED:
        if set(DATASETS[name].raw_signature) <= keys:
            return name
    for name in ("target", "sppg", "lahan", "bimtek", "koperasi"):
        ds = DATASETS[name]
        mapped = {canonical_header(h, ds) for h in headers} - {None}
        if set(ds.signature) <= mapped:
            return name
    return None
