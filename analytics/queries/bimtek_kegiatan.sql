-- Training events inside the filter in the latest $jumlah_minggu weeks up to the chosen week, newest first.
select
    t.tanggal,
    t.minggu,
    kab.nama_singkat as kabupaten,
    kec.nama as kecamatan,
    t.nama_kegiatan,
    t.kategori_peserta,
    t.jumlah_peserta
from bimtek_di_wilayah($provinsi, $kabupaten, $kecamatan) as t
left join wilayah as kab on kab.tingkat = 'kabupaten' and kab.kode = t.kode_kabupaten
left join kecamatan as kec on kec.kode = t.kode_kecamatan
where t.minggu <= $minggu
  and t.minggu > $minggu::date - 7 * $jumlah_minggu
order by t.tanggal desc, t.kode_kabupaten, t.nama_kegiatan
