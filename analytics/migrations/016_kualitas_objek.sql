-- Schema version 16: the data-quality rules beyond one koperasi's two weeks. The pair of weeks of
-- migration 015 gains the kecamatan code (findings are counted per area at every level), and the
-- great-circle distance (km) is written once for the rule on land parcels far from their desa.
-- Macros only: the same text in a lake, no twin.
create or replace macro koperasi_dua_minggu(minggu_kini, minggu_lalu, provinsi, kabupaten, kecamatan, desa) as table
    with kini as (
        select id_koperasi, kode_kabupaten, kode_kecamatan, kode_desa, nama_koperasi, badan_hukum, nib,
               status_lahan, tahap_fisik, progres_fisik_persen, gerai_beroperasi
        from di_wilayah('koperasi_aktif', provinsi, kabupaten, kecamatan, desa)
        where minggu = minggu_kini
    ), lalu as (
        select id_koperasi, kode_kabupaten, kode_kecamatan, kode_desa, nama_koperasi, status_lahan,
               tahap_fisik, progres_fisik_persen
        from di_wilayah('koperasi_aktif', provinsi, kabupaten, kecamatan, desa)
        where minggu = minggu_lalu
    )
    select
        coalesce(k.id_koperasi, l.id_koperasi) as id_koperasi,
        coalesce(k.kode_kabupaten, l.kode_kabupaten) as kode_kabupaten,
        coalesce(k.kode_kecamatan, l.kode_kecamatan) as kode_kecamatan,
        coalesce(k.kode_desa, l.kode_desa) as kode_desa,
        coalesce(k.nama_koperasi, l.nama_koperasi) as nama_koperasi,
        k.id_koperasi is not null as ada_kini,
        l.id_koperasi is not null as ada_lalu,
        k.badan_hukum, k.nib, k.gerai_beroperasi,
        k.status_lahan as status_lahan_kini, l.status_lahan as status_lahan_lalu,
        k.tahap_fisik as tahap_fisik_kini, l.tahap_fisik as tahap_fisik_lalu,
        k.progres_fisik_persen as progres_kini, l.progres_fisik_persen as progres_lalu
    from kini as k
    full outer join lalu as l on l.id_koperasi = k.id_koperasi;

-- Great-circle distance in km between two points in degrees (haversine, mean Earth radius), as
-- analytics/ingest/tempat.py computes it in Python for the upload's coordinate checks.
create macro jarak_km(lat1, lon1, lat2, lon2) as
    2 * 6371.0088 * asin(sqrt(
        pow(sin(radians(lat2 - lat1) / 2), 2)
        + cos(radians(lat1)) * cos(radians(lat2)) * pow(sin(radians(lon2 - lon1) / 2), 2)
    ));

-- For each kabupaten/kota, its latest week of `dataset` at or before `minggu_kini` (the uploads that
-- count): the week a rule over SPPG, land parcels or SIMKOPDES reads when it judges a koperasi week.
create macro minggu_terakhir_kabupaten(dataset_, minggu_kini) as table
    select kode_kabupaten, max(minggu) as minggu
    from cakupan_aktif
    where dataset = dataset_ and minggu <= minggu_kini
    group by kode_kabupaten;

-- A finding an officer has checked ("sudah dicek"), with a note: one row per rule, finding and week
-- (`kunci` names what the finding is about: analytics.kualitas.kunci). Checked again, the row is
-- replaced. No primary key, so the same statement serves a lake.
create table kualitas_dicek (
    aturan varchar not null,
    kunci varchar not null,
    minggu date not null,
    kode_kabupaten varchar not null,
    catatan varchar not null,
    dicek_oleh varchar not null,
    dicek_pada timestamp not null
);
