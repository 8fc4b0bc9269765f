-- SPPG by status per area one level below the filter in one week, with the beneficiaries and
-- local suppliers of the operating kitchens.
with hitung as (
    select
        kode_tingkat($tingkat, kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa) as kode,
        count(*) as total,
        count(*) filter (where status = 'rencana') as rencana,
        count(*) filter (where status = 'persiapan') as persiapan,
        count(*) filter (where status = 'beroperasi') as beroperasi,
        count(*) filter (where status = 'ditutup_sementara') as ditutup_sementara,
        count(*) filter (where status is null) as tidak_diisi,
        coalesce(sum(penerima_manfaat) filter (where status = 'beroperasi'), 0)::bigint as penerima_manfaat,
        coalesce(sum(pemasok_lokal) filter (where status = 'beroperasi'), 0)::bigint as pemasok_lokal
    from di_wilayah('sppg_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
    where minggu = $minggu
    group by kode
)
select h.kode, w.nama_singkat as nama, h.total, h.rencana, h.persiapan, h.beroperasi, h.ditutup_sementara,
       h.tidak_diisi, h.penerima_manfaat, h.pemasok_lokal
from hitung as h
join wilayah as w on w.tingkat = $tingkat and w.kode = h.kode
order by h.total desc, h.beroperasi desc, w.nama_singkat
