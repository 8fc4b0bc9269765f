-- Every area ($tingkat: kecamatan or desa) inside the filter with koperasi this week: how many,
-- how many are merah now and were merah in the previous week with data, how many moved to a
-- worse (turun) or better (naik) zone, its parent's name and centroid; most merah first.
with z as (
    select
        minggu,
        id_koperasi,
        case $tingkat when 'kecamatan' then kode_kecamatan else kode_desa end as kode,
        zona_hitung,
        case zona_hitung when 'merah' then 0 when 'kuning' then 1 when 'hijau' then 2 end as peringkat
    from zona_koperasi
    where (minggu = $minggu or minggu = $minggu_lalu)
      and ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
), kini as (
    select * from z where minggu = $minggu
), lalu as (
    select * from z where minggu = $minggu_lalu
), hitung as (
    select
        k.kode,
        count(*) as koperasi,
        count(*) filter (where k.zona_hitung = 'merah') as merah,
        count(*) filter (where l.peringkat > k.peringkat) as turun,
        count(*) filter (where l.peringkat < k.peringkat) as naik
    from kini as k
    left join lalu as l on l.id_koperasi = k.id_koperasi
    group by k.kode
), hitung_lalu as (
    select kode, count(*) filter (where zona_hitung = 'merah') as merah_lalu
    from lalu
    group by kode
)
select
    h.kode,
    w.nama_singkat as nama,
    i.nama_singkat as induk,
    h.koperasi,
    h.merah,
    coalesce(m.merah_lalu, 0) as merah_lalu,
    h.turun,
    h.naik,
    w.lat,
    w.lon
from hitung as h
join wilayah as w on w.tingkat = $tingkat and w.kode = h.kode
left join wilayah as i
  on i.tingkat = case $tingkat when 'kecamatan' then 'kabupaten' else 'kecamatan' end
 and i.kode = w.kode_induk
left join hitung_lalu as m on m.kode = h.kode
order by h.merah desc, h.turun desc, w.nama_singkat, h.kode
