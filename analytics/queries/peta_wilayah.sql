-- Every area one level below the filter (from the gazetteer, so areas without data are kept)
-- with the counts the map colours it by: koperasi and zones, SPPG, and reporting kabupaten/kota.
with area as (
    select kode, nama_singkat as nama, lat, lon
    from wilayah
    where tingkat = $tingkat
      and ($provinsi is null or left(kode, 2) = $provinsi)
      and ($kabupaten is null or left(kode, 5) = $kabupaten)
      and ($kecamatan is null or left(kode, 8) = $kecamatan)
      and ($desa is null or kode = $desa)
), kop as (
    select
        case $tingkat
            when 'provinsi' then kode_provinsi
            when 'kabupaten' then kode_kabupaten
            when 'kecamatan' then kode_kecamatan
            else kode_desa
        end as kode,
        count(*) as koperasi,
        count(*) filter (where zona_hitung = 'hijau') as hijau,
        count(*) filter (where zona_hitung = 'kuning') as kuning,
        count(*) filter (where zona_hitung = 'merah') as merah,
        count(*) filter (where tahap_fisik = 'tidak_dapat_dibangun') as tidak_dapat_dibangun,
        count(*) filter (where akun_simkopdes = 'aktif') as simkopdes_aktif
    from koperasi_zona
    where minggu = $minggu
      and ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
    group by 1
), dapur as (
    select
        case $tingkat
            when 'provinsi' then kode_provinsi
            when 'kabupaten' then kode_kabupaten
            when 'kecamatan' then kode_kecamatan
            else kode_desa
        end as kode,
        count(*) as sppg,
        count(*) filter (where status = 'beroperasi') as sppg_beroperasi
    from sppg_aktif
    where minggu = $minggu_sppg
      and ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
    group by 1
), melapor as (
    select distinct kode_kabupaten
    from cakupan_aktif
    where dataset = 'koperasi' and minggu = $minggu
), lapor as (
    -- Kabupaten/kota report as a whole (the unit an upload replaces): a province counts its
    -- kabupaten/kota, a kecamatan or desa takes the status of the kabupaten/kota it lies in.
    select a.kode, count(*) as kabupaten, count(m.kode_kabupaten) as kabupaten_melapor
    from area as a
    join kabupaten as k on k.kode = left(a.kode, 5) or k.kode_induk = a.kode
    left join melapor as m on m.kode_kabupaten = k.kode
    group by a.kode
)
select
    a.kode, a.nama, a.lat, a.lon,
    coalesce(kop.koperasi, 0) as koperasi,
    coalesce(kop.hijau, 0) as hijau,
    coalesce(kop.kuning, 0) as kuning,
    coalesce(kop.merah, 0) as merah,
    coalesce(kop.tidak_dapat_dibangun, 0) as tidak_dapat_dibangun,
    coalesce(kop.simkopdes_aktif, 0) as simkopdes_aktif,
    coalesce(dapur.sppg, 0) as sppg,
    coalesce(dapur.sppg_beroperasi, 0) as sppg_beroperasi,
    coalesce(lapor.kabupaten, 0) as kabupaten,
    coalesce(lapor.kabupaten_melapor, 0) as kabupaten_melapor
from area as a
left join kop on kop.kode = a.kode
left join dapur on dapur.kode = a.kode
left join lapor on lapor.kode = a.kode
order by a.kode
