-- Schema version 1 in a lake (DuckLake has no primary keys, unique constraints, indexes or
-- sequences): ../001_awal.sql without them. Batch ids come from the counter of migration 012.
-- Schema version 1: gazetteer, upload batches and the four datasets of the data contract.
create table provinsi (
    kode varchar not null,
    nama varchar not null,
    lat double,
    lon double
);
create table kabupaten (
    kode varchar not null,
    kode_induk varchar not null,
    nama varchar not null,
    nama_singkat varchar not null,
    jenis varchar not null,
    lat double,
    lon double
);
create table kecamatan (
    kode varchar not null,
    kode_induk varchar not null,
    nama varchar not null,
    lat double,
    lon double
);
create table desa (
    kode varchar not null,
    kode_induk varchar not null,
    nama varchar not null,
    jenis varchar not null,
    lat double,
    lon double
);

-- One row per upload. An undone batch keeps its rows; it just stops counting.
create table upload_batch (
    batch_id integer not null,
    dataset varchar not null,
    minggu date not null,
    nama_file varchar not null,
    sha256 varchar not null,
    diunggah_oleh varchar not null,
    diunggah_pada timestamp not null,
    jumlah_baris integer not null,
    kabupaten varchar[] not null,
    contoh boolean not null default false,
    dibatalkan_pada timestamp,
    dibatalkan_oleh varchar
);
-- Which (dataset, week, kabupaten) each batch covers: the unit an upload replaces.
create table batch_cakupan (
    batch_id integer not null,
    dataset varchar not null,
    minggu date not null,
    kode_kabupaten varchar not null
);

create table koperasi (
    batch_id integer not null,
    baris integer not null,
    minggu date not null,
    tanggal_laporan date not null,
    kode_provinsi varchar not null,
    kode_kabupaten varchar not null,
    kode_kecamatan varchar not null,
    kode_desa varchar not null,
    id_koperasi varchar not null,
    nama_koperasi varchar not null,
    badan_hukum boolean,
    npwp boolean,
    nib boolean,
    masuk_portal boolean,
    akun_simkopdes varchar,
    status_lahan varchar,
    tahap_fisik varchar,
    progres_fisik_persen double,
    gerai_beroperasi boolean,
    jumlah_anggota integer,
    kendala varchar[],
    zona varchar,
    pendamping varchar,
    keterangan varchar
);

create table lahan (
    batch_id integer not null,
    baris integer not null,
    minggu date not null,
    tanggal_laporan date not null,
    id_lahan varchar not null,
    kode_provinsi varchar not null,
    kode_kabupaten varchar not null,
    kode_kecamatan varchar,
    kode_desa varchar,
    nama_koperasi varchar,
    sumber_lahan varchar,
    luas_m2 double,
    status_verifikasi varchar,
    verifikator varchar,
    lat double,
    lon double,
    kendala varchar[],
    keterangan varchar
);

create table sppg (
    batch_id integer not null,
    baris integer not null,
    minggu date not null,
    tanggal_laporan date not null,
    kode_provinsi varchar not null,
    kode_kabupaten varchar not null,
    kode_kecamatan varchar not null,
    kode_desa varchar,
    nama_sppg varchar not null,
    status varchar,
    tanggal_operasi date,
    lat double,
    lon double,
    kapasitas_porsi integer,
    penerima_manfaat integer,
    pemasok_lokal integer
);

create table bimtek (
    batch_id integer not null,
    baris integer not null,
    minggu date not null,
    tanggal date not null,
    kode_provinsi varchar not null,
    kode_kabupaten varchar not null,
    kode_kecamatan varchar,
    nama_kegiatan varchar not null,
    jumlah_peserta integer not null,
    kategori_peserta varchar
);

-- Computed zone of every koperasi row that counts, with the rules that fired (the "why").
create table zona_koperasi (
    minggu date not null,
    kode_kabupaten varchar not null,
    id_koperasi varchar not null,
    zona_hitung varchar not null,
    aturan varchar[] not null,
    minggu_tanpa_progres integer
);

create table meta (
    kunci varchar not null,
    nilai varchar
);
