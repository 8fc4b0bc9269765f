-- Every area ($tingkat: kecamatan or desa) inside the filter with koperasi this week: how many,
-- how many are merah now and were merah in the previous week with data, how many moved to a
-- worse (turun) or better (naik) zone, its parent's name and centroid; most merah first.
with hitung as (
    select
        kode_tingkat($tingkat, kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa) as kode,
        count(*) filter (where ke <> 'hilang') as koperasi,
        count(*) filter (where ke = 'merah') as merah,
        count(*) filter (where dari = 'merah') as merah_lalu,
        count(*) filter (where peringkat_zona(dari) > peringkat_zona(ke)) as turun,
        count(*) filter (where peringkat_zona(dari) < peringkat_zona(ke)) as naik
    from transisi_zona_koperasi($minggu, $minggu_lalu, $provinsi, $kabupaten, $kecamatan, $desa)
    group by kode
)
select
    h.kode,
    w.nama_singkat as nama,
    i.nama_singkat as induk,
    h.koperasi,
    h.merah,
    h.merah_lalu,
    h.turun,
    h.naik,
    w.lat,
    w.lon
from hitung as h
join wilayah as w on w.tingkat = $tingkat and w.kode = h.kode
left join wilayah as i
  on i.tingkat = case $tingkat when 'kecamatan' then 'kabupaten' else 'kecamatan' end
 and i.kode = w.kode_induk
where h.koperasi > 0
order by h.merah desc, h.turun desc, w.nama_singkat, h.kode
