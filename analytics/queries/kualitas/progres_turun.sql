-- Koperasi whose progres_fisik_persen fell by more than $selisih_minimal points since the
-- previous week with data (an empty value on either week is no finding).
select
    $aturan as aturan, kode_kabupaten, kode_kecamatan, kode_desa, id_koperasi, nama_koperasi,
    $minggu::date as minggu, $minggu_lalu::date as minggu_lalu,
    format('{:g}', progres_lalu) as nilai_lalu, format('{:g}', progres_kini) as nilai_kini, null::varchar as keterangan,
    'koperasi' as objek, nama_koperasi as nama_objek
from koperasi_dua_minggu($minggu, $minggu_lalu, $provinsi, $kabupaten, $kecamatan, $desa)
where ada_kini and ada_lalu
  and progres_lalu - progres_kini > $selisih_minimal
order by kode_kabupaten, kode_desa, id_koperasi
