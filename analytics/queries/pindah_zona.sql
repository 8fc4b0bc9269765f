-- Zone of each koperasi this week against the previous week with data: naik/turun/tetap/baru.
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
), banding as (
    select
        case k.zona_hitung when 'merah' then 0 when 'kuning' then 1 when 'hijau' then 2 end as kini,
        case l.zona_hitung when 'merah' then 0 when 'kuning' then 1 when 'hijau' then 2 end as lalu,
        l.id_koperasi is null as baru
    from kini as k
    left join lalu as l using (id_koperasi)
)
select
    count(*) filter (where not baru and kini > lalu) as naik,
    count(*) filter (where not baru and kini < lalu) as turun,
    count(*) filter (where not baru and kini = lalu) as tetap,
    count(*) filter (where baru) as baru
from banding
