-- Koperasi reported in the previous week with data and missing this week, in a kabupaten/kota
-- whose koperasi report for this week counts (a kabupaten that did not report is a completeness
-- matter, not a quality finding).
select
    $aturan as aturan, d.kode_kabupaten, d.kode_kecamatan, d.kode_desa, d.id_koperasi, d.nama_koperasi,
    $minggu::date as minggu, $minggu_lalu::date as minggu_lalu,
    'ada' as nilai_lalu, 'tidak ada' as nilai_kini, null::varchar as keterangan,
    'koperasi' as objek, d.nama_koperasi as nama_objek
from koperasi_dua_minggu($minggu, $minggu_lalu, $provinsi, $kabupaten, $kecamatan, $desa) as d
where d.ada_lalu and not d.ada_kini
  and d.kode_kabupaten in (
      select kode_kabupaten from cakupan_aktif where dataset = 'koperasi' and minggu = $minggu
  )
order by d.kode_kabupaten, d.kode_desa, d.id_koperasi
