-- Koperasi with gerai_beroperasi this week while tahap_fisik is none of $tahap_boleh.
select
    $aturan as aturan, kode_kabupaten, kode_kecamatan, kode_desa, id_koperasi, nama_koperasi,
    $minggu::date as minggu, null::date as minggu_lalu,
    null::varchar as nilai_lalu, coalesce(tahap_fisik_kini, '') as nilai_kini, null::varchar as keterangan,
    'koperasi' as objek, nama_koperasi as nama_objek
from koperasi_dua_minggu($minggu, $minggu_lalu, $provinsi, $kabupaten, $kecamatan, $desa)
where ada_kini and gerai_beroperasi
  and coalesce(list_position($tahap_boleh::varchar[], tahap_fisik_kini), 0) = 0
order by kode_kabupaten, kode_desa, id_koperasi
