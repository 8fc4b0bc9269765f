-- Koperasi by land status (status_lahan) per area one level below the filter, in one week;
-- areas with the most koperasi without land (none or rejected) first.
with hitung as (
    select
        kode_tingkat($tingkat, kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa) as kode,
        count(*) filter (where status_lahan = 'tidak_ada') as tidak_ada,
        count(*) filter (where status_lahan = 'diajukan') as diajukan,
        count(*) filter (where status_lahan = 'verifikasi') as verifikasi,
        count(*) filter (where status_lahan = 'terverifikasi') as terverifikasi,
        count(*) filter (where status_lahan = 'ditolak') as ditolak,
        count(*) filter (where status_lahan is null) as tidak_diisi,
        count(*) as koperasi
    from di_wilayah('koperasi_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
    where minggu = $minggu
    group by kode
)
select h.kode, w.nama_singkat as nama, h.tidak_ada, h.diajukan, h.verifikasi, h.terverifikasi, h.ditolak,
       h.tidak_diisi, h.koperasi
from hitung as h
join wilayah as w on w.tingkat = $tingkat and w.kode = h.kode
order by h.tidak_ada + h.ditolak desc, h.koperasi desc, w.nama_singkat
