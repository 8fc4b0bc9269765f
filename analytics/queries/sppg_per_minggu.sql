-- SPPG by status in each week with data up to the chosen week (the latest $jumlah_minggu weeks).
select
    minggu,
    count(*) as total,
    count(*) filter (where status = 'rencana') as rencana,
    count(*) filter (where status = 'persiapan') as persiapan,
    count(*) filter (where status = 'beroperasi') as beroperasi,
    count(*) filter (where status = 'ditutup_sementara') as ditutup_sementara
from di_wilayah('sppg_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
where minggu <= $minggu
  and minggu > $minggu::date - 7 * $jumlah_minggu
group by minggu
order by minggu
