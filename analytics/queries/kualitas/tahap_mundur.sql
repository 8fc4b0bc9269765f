-- Koperasi whose tahap_fisik is earlier in $urutan than in the previous week with data. A stage
-- outside $urutan (tidak_dapat_dibangun, empty) never counts as going back.
select
    $aturan as aturan, kode_kabupaten, kode_kecamatan, kode_desa, id_koperasi, nama_koperasi,
    $minggu::date as minggu, $minggu_lalu::date as minggu_lalu,
    tahap_fisik_lalu as nilai_lalu, tahap_fisik_kini as nilai_kini, null::varchar as keterangan,
    'koperasi' as objek, nama_koperasi as nama_objek
from koperasi_dua_minggu($minggu, $minggu_lalu, $provinsi, $kabupaten, $kecamatan, $desa)
where ada_kini and ada_lalu
  and list_position($urutan::varchar[], tahap_fisik_kini) < list_position($urutan::varchar[], tahap_fisik_lalu)
order by kode_kabupaten, kode_desa, id_koperasi
