-- Koperasi per zone move since the previous week with data: from merah/kuning/hijau (or 'baru',
-- not there last week) to merah/kuning/hijau (or 'hilang', there last week and not this week).
-- Read from zona_koperasi alone, which carries the region codes (as pindah_zona).
with kini as (
    select id_koperasi, zona_hitung
    from zona_koperasi
    where minggu = $minggu
      and ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
), lalu as (
    select id_koperasi, zona_hitung
    from zona_koperasi
    where minggu = $minggu_lalu
      and ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
), pasangan as (
    select
        case when l.id_koperasi is null then 'baru' else l.zona_hitung end as dari,
        case when k.id_koperasi is null then 'hilang' else k.zona_hitung end as ke
    from kini as k
    full outer join lalu as l on l.id_koperasi = k.id_koperasi
)
select dari, ke, count(*) as koperasi
from pasangan
group by dari, ke
order by
    case dari when 'merah' then 0 when 'kuning' then 1 when 'hijau' then 2 else 3 end,
    case ke when 'merah' then 0 when 'kuning' then 1 when 'hijau' then 2 else 3 end
