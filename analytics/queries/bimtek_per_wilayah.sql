-- Training events and participants per area one level below the filter: in the chosen week and
-- in every week up to it. Events without a kecamatan keep a null code at kecamatan level; events
-- have no desa, so at desa level they keep their kecamatan's code (and no name).
with hitung as (
    select
        kode_tingkat($tingkat, kode_provinsi, kode_kabupaten, kode_kecamatan, kode_kecamatan) as kode,
        count(*) filter (where minggu = $minggu) as kegiatan,
        coalesce(sum(jumlah_peserta) filter (where minggu = $minggu), 0)::bigint as peserta,
        count(*) as kegiatan_kumulatif,
        coalesce(sum(jumlah_peserta), 0)::bigint as peserta_kumulatif
    from bimtek_di_wilayah($provinsi, $kabupaten, $kecamatan)
    where minggu <= $minggu
    group by kode
)
select h.kode, w.nama_singkat as nama, h.kegiatan, h.peserta, h.kegiatan_kumulatif, h.peserta_kumulatif
from hitung as h
left join wilayah as w on w.tingkat = $tingkat and w.kode = h.kode
order by h.peserta desc, h.peserta_kumulatif desc, w.nama_singkat nulls last
