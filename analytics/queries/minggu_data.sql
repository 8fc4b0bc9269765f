-- Weeks that have data, per dataset, inside the filter.
with koperasi_minggu as (
    select distinct minggu from koperasi_aktif
    where ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
), lahan_minggu as (
    select distinct minggu from lahan_aktif
    where ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
), sppg_minggu as (
    select distinct minggu from sppg_aktif
    where ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
), bimtek_minggu as (
    select distinct minggu from bimtek_aktif
    where ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
)
select 'koperasi' as dataset, minggu from koperasi_minggu
union all
select 'lahan', minggu from lahan_minggu
union all
select 'sppg', minggu from sppg_minggu
union all
select 'bimtek', minggu from bimtek_minggu
order by dataset, minggu
