-- Koperasi whose status_lahan is earlier in $urutan than in the previous week with data. A status
-- outside $urutan (tidak_ada, ditolak, empty) never counts as going back.
select
    $aturan as aturan, kode_kabupaten, kode_kecamatan, kode_desa, id_koperasi, nama_koperasi,
    $minggu::date as minggu, $minggu_lalu::date as minggu_lalu,
    status_lahan_lalu as nilai_lalu, status_lahan_kini as nilai_kini, null::varchar as keterangan,
    'koperasi' as objek, nama_koperasi as nama_objek
from koperasi_dua_minggu($minggu, $minggu_lalu, $provinsi, $kabupaten, $kecamatan, $desa)
where ada_kini and ada_lalu
  and list_position($urutan::varchar[], status_lahan_kini) < list_position($urutan::varchar[], status_lahan_lalu)
order by kode_kabupaten, kode_desa, id_koperasi
