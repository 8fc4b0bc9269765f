-- Koperasi counting each obstacle in one week (one koperasi can count under several).
with satu as (
    select distinct id_koperasi, unnest(kendala) as kendala
    from di_wilayah('koperasi_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
    where minggu = $minggu
      and kendala is not null
)
select kendala, count(*) as koperasi
from satu
group by kendala
order by koperasi desc, kendala
