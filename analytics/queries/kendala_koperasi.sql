-- Koperasi counting each obstacle in one week (one koperasi can count under several).
with k as (
    select id_koperasi, kendala
    from koperasi_aktif
    where minggu = $minggu
      and ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
), satu as (
    select distinct id_koperasi, unnest(kendala) as kendala
    from k
    where kendala is not null
)
select kendala, count(*) as koperasi
from satu
group by kendala
order by koperasi desc, kendala
