-- Every SPPG site reported in one week inside the filter, with its place names.
select
    s.nama_sppg,
    kab.nama_singkat as kabupaten,
    kec.nama as kecamatan,
    d.nama as desa,
    s.status,
    s.tanggal_operasi,
    s.kapasitas_porsi,
    s.penerima_manfaat,
    s.pemasok_lokal,
    s.kode_kecamatan,
    s.kode_desa
from di_wilayah('sppg_aktif', $provinsi, $kabupaten, $kecamatan, $desa) as s
left join wilayah as kab on kab.tingkat = 'kabupaten' and kab.kode = s.kode_kabupaten
left join kecamatan as kec on kec.kode = s.kode_kecamatan
left join desa as d on d.kode = s.kode_desa
where s.minggu = $minggu
order by s.kode_kabupaten, kec.nama, s.nama_sppg
