-- Koperasi with an NIB this week but no badan hukum (an empty badan_hukum is no finding).
select
    $aturan as aturan, kode_kabupaten, kode_kecamatan, kode_desa, id_koperasi, nama_koperasi,
    $minggu::date as minggu, null::date as minggu_lalu,
    null::varchar as nilai_lalu, 'nib ya / badan_hukum tidak' as nilai_kini, null::varchar as keterangan,
    'koperasi' as objek, nama_koperasi as nama_objek
from koperasi_dua_minggu($minggu, $minggu_lalu, $provinsi, $kabupaten, $kecamatan, $desa)
where ada_kini and nib and badan_hukum = false
order by kode_kabupaten, kode_desa, id_koperasi
