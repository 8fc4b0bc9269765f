-- Parcels of one week smaller than $batas_m2 (the usual minimum for a gerai), smallest first.
select
    l.id_lahan,
    l.nama_koperasi,
    w.nama_singkat as kabupaten,
    kc.nama as kecamatan,
    d.nama as desa,
    l.sumber_lahan,
    l.luas_m2,
    l.status_verifikasi,
    l.verifikator,
    l.keterangan
from di_wilayah('lahan_aktif', $provinsi, $kabupaten, $kecamatan, $desa) as l
left join wilayah as w on w.tingkat = 'kabupaten' and w.kode = l.kode_kabupaten
left join kecamatan as kc on kc.kode = l.kode_kecamatan
left join desa as d on d.kode = l.kode_desa
where l.minggu = $minggu
  and l.luas_m2 < $batas_m2
order by l.luas_m2, l.id_lahan
