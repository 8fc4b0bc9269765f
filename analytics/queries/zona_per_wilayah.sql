-- Zone counts per area one level below the filter, this week and the previous week with data.
with k as (
    select
        minggu,
        case $tingkat
            when 'provinsi' then kode_provinsi
            when 'kabupaten' then kode_kabupaten
            when 'kecamatan' then kode_kecamatan
            else kode_desa
        end as kode,
        zona_hitung
    from zona_koperasi
    where (minggu = $minggu or minggu = $minggu_lalu)
      and ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
), hitung as (
    select
        kode,
        count(*) filter (where minggu = $minggu and zona_hitung = 'hijau') as hijau,
        count(*) filter (where minggu = $minggu and zona_hitung = 'kuning') as kuning,
        count(*) filter (where minggu = $minggu and zona_hitung = 'merah') as merah,
        count(*) filter (where minggu = $minggu_lalu and zona_hitung = 'hijau') as hijau_lalu,
        count(*) filter (where minggu = $minggu_lalu and zona_hitung = 'kuning') as kuning_lalu,
        count(*) filter (where minggu = $minggu_lalu and zona_hitung = 'merah') as merah_lalu
    from k
    group by kode
)
select h.kode, w.nama_singkat as nama, h.hijau, h.kuning, h.merah, h.hijau_lalu, h.kuning_lalu, h.merah_lalu
from hitung as h
join wilayah as w on w.tingkat = $tingkat and w.kode = h.kode
where h.hijau + h.kuning + h.merah > 0
order by h.merah desc, w.nama_singkat
