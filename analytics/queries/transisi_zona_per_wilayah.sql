-- Koperasi per area ($tingkat; null: the whole filter as one) and zone move since the previous
-- week with data, from merah/kuning/hijau or 'baru' (not there last week) to merah/kuning/hijau
-- or 'hilang' (not reported this week). The matrix, the naik/turun/tetap/baru counts and the
-- deck's moves per area are all summed from these rows. Biggest moves first.
with hitung as (
    select
        kode_tingkat($tingkat, kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa) as kode,
        dari,
        ke,
        count(*) as koperasi
    from transisi_zona_koperasi($minggu, $minggu_lalu, $provinsi, $kabupaten, $kecamatan, $desa)
    group by kode, dari, ke
)
select h.kode, w.nama_singkat as nama, h.dari, h.ke, h.koperasi
from hitung as h
left join wilayah as w on w.tingkat = $tingkat and w.kode = h.kode
order by h.koperasi desc, w.nama_singkat, h.kode, h.dari, h.ke
