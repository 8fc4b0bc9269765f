-- Zone counts per area one level below the filter, this week and the previous week with data.
with hitung as (
    select
        kode_tingkat($tingkat, kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa) as kode,
        count(*) filter (where minggu = $minggu and zona_hitung = 'hijau') as hijau,
        count(*) filter (where minggu = $minggu and zona_hitung = 'kuning') as kuning,
        count(*) filter (where minggu = $minggu and zona_hitung = 'merah') as merah,
        count(*) filter (where minggu = $minggu_lalu and zona_hitung = 'hijau') as hijau_lalu,
        count(*) filter (where minggu = $minggu_lalu and zona_hitung = 'kuning') as kuning_lalu,
        count(*) filter (where minggu = $minggu_lalu and zona_hitung = 'merah') as merah_lalu
    from di_wilayah('zona_koperasi', $provinsi, $kabupaten, $kecamatan, $desa)
    where minggu = $minggu or minggu = $minggu_lalu
    group by kode
)
select h.kode, w.nama_singkat as nama, h.hijau, h.kuning, h.merah, h.hijau_lalu, h.kuning_lalu, h.merah_lalu
from hitung as h
join wilayah as w on w.tingkat = $tingkat and w.kode = h.kode
where h.hijau + h.kuning + h.merah > 0
order by h.merah desc, w.nama_singkat
