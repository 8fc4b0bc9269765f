-- Schema version 15: the pair of weeks the data-quality rules (data/kualitas.toml) compare,
-- written once. One row per koperasi of the filter reported in either week, with its values in
-- the week (`*_kini`) and in the previous week with data (`*_lalu`, null when not reported).
-- A macro, no table: nothing here needs a lake twin.
create macro koperasi_dua_minggu(minggu_kini, minggu_lalu, provinsi, kabupaten, kecamatan, desa) as table
    with kini as (
        select id_koperasi, kode_kabupaten, kode_desa, nama_koperasi, badan_hukum, nib, status_lahan,
               tahap_fisik, progres_fisik_persen, gerai_beroperasi
        from di_wilayah('koperasi_aktif', provinsi, kabupaten, kecamatan, desa)
        where minggu = minggu_kini
    ), lalu as (
        select id_koperasi, kode_kabupaten, kode_desa, nama_koperasi, status_lahan, tahap_fisik,
               progres_fisik_persen
        from di_wilayah('koperasi_aktif', provinsi, kabupaten, kecamatan, desa)
        where minggu = minggu_lalu
    )
    select
        coalesce(k.id_koperasi, l.id_koperasi) as id_koperasi,
        coalesce(k.kode_kabupaten, l.kode_kabupaten) as kode_kabupaten,
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
