-- Koperasi that cannot be built, in one week, per area one level below the filter and main
-- obstacle (the first kendala listed, or 'tidak_diisi'); areas with the most first.
with hitung as (
    select
        kode_tingkat($tingkat, kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa) as kode,
        coalesce(kendala[1], 'tidak_diisi') as kendala_utama,
        count(*) as koperasi
    from di_wilayah('koperasi_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
    where minggu = $minggu
      and tahap_fisik = 'tidak_dapat_dibangun'
    group by kode, kendala_utama
)
select h.kode, w.nama_singkat as nama, h.kendala_utama, h.koperasi
from hitung as h
join wilayah as w on w.tingkat = $tingkat and w.kode = h.kode
order by sum(h.koperasi) over (partition by h.kode) desc, w.nama_singkat, h.koperasi desc, h.kendala_utama
