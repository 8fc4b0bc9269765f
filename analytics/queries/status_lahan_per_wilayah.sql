-- Koperasi by land status (status_lahan) per area one level below the filter, in one week;
-- areas with the most koperasi without land (none or rejected) first.
with k as (
    select
        case $tingkat
            when 'provinsi' then kode_provinsi
            when 'kabupaten' then kode_kabupaten
            when 'kecamatan' then kode_kecamatan
            else kode_desa
        end as kode,
        status_lahan
    from koperasi_aktif
    where minggu = $minggu
      and ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
), hitung as (
    select
        kode,
        count(*) filter (where status_lahan = 'tidak_ada') as tidak_ada,
        count(*) filter (where status_lahan = 'diajukan') as diajukan,
        count(*) filter (where status_lahan = 'verifikasi') as verifikasi,
        count(*) filter (where status_lahan = 'terverifikasi') as terverifikasi,
        count(*) filter (where status_lahan = 'ditolak') as ditolak,
        count(*) filter (where status_lahan is null) as tidak_diisi,
        count(*) as koperasi
    from k
    group by kode
)
select h.kode, w.nama_singkat as nama, h.tidak_ada, h.diajukan, h.verifikasi, h.terverifikasi, h.ditolak,
       h.tidak_diisi, h.koperasi
from hitung as h
join wilayah as w on w.tingkat = $tingkat and w.kode = h.kode
order by h.tidak_ada + h.ditolak desc, h.koperasi desc, w.nama_singkat
