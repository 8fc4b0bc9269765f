-- Koperasi that changed zone since the previous week with data, per area ($tingkat) and move
-- (zone last week -> zone this week), with the direction: naik (better) or turun (worse).
with kini as (
    select
        id_koperasi,
        case $tingkat
            when 'provinsi' then kode_provinsi
            when 'kabupaten' then kode_kabupaten
            when 'kecamatan' then kode_kecamatan
            else kode_desa
        end as kode,
        zona_hitung
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
), pindah as (
    select
        k.kode,
        l.zona_hitung as dari,
        k.zona_hitung as ke,
        case k.zona_hitung when 'merah' then 0 when 'kuning' then 1 when 'hijau' then 2 end
            > case l.zona_hitung when 'merah' then 0 when 'kuning' then 1 when 'hijau' then 2 end as naik
    from kini as k
    join lalu as l on l.id_koperasi = k.id_koperasi
    where k.zona_hitung <> l.zona_hitung
)
select
    p.kode,
    w.nama_singkat as nama,
    p.dari,
    p.ke,
    case when p.naik then 'naik' else 'turun' end as arah,
    count(*) as koperasi
from pindah as p
join wilayah as w on w.tingkat = $tingkat and w.kode = p.kode
group by p.kode, w.nama_singkat, p.dari, p.ke, p.naik
order by koperasi desc, w.nama_singkat, p.kode, p.dari, p.ke
