-- Training events and participants per area one level below the filter: in the chosen week and
-- in every week up to it. Events without a kecamatan keep a null code at kecamatan level.
with t as (
    select
        case $tingkat
            when 'provinsi' then kode_provinsi
            when 'kabupaten' then kode_kabupaten
            else kode_kecamatan
        end as kode,
        minggu,
        jumlah_peserta
    from bimtek_aktif
    where minggu <= $minggu
      and ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
), hitung as (
    select
        kode,
        count(*) filter (where minggu = $minggu) as kegiatan,
        coalesce(sum(jumlah_peserta) filter (where minggu = $minggu), 0)::bigint as peserta,
        count(*) as kegiatan_kumulatif,
        coalesce(sum(jumlah_peserta), 0)::bigint as peserta_kumulatif
    from t
    group by kode
)
select h.kode, w.nama_singkat as nama, h.kegiatan, h.peserta, h.kegiatan_kumulatif, h.peserta_kumulatif
from hitung as h
left join wilayah as w on w.tingkat = $tingkat and w.kode = h.kode
order by h.peserta desc, h.peserta_kumulatif desc, w.nama_singkat nulls last
