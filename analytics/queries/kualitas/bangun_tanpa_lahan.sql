-- Koperasi whose tahap_fisik this week is one of $tahap while status_lahan is one of $status_lahan.
select
    $aturan as aturan, kode_kabupaten, kode_kecamatan, kode_desa, id_koperasi, nama_koperasi,
    $minggu::date as minggu, null::date as minggu_lalu,
    null::varchar as nilai_lalu, tahap_fisik_kini || ' / ' || status_lahan_kini as nilai_kini,
    null::varchar as keterangan,
    'koperasi' as objek, nama_koperasi as nama_objek
from koperasi_dua_minggu($minggu, $minggu_lalu, $provinsi, $kabupaten, $kecamatan, $desa)
where ada_kini
  and list_contains($tahap::varchar[], tahap_fisik_kini)
  and list_contains($status_lahan::varchar[], status_lahan_kini)
order by kode_kabupaten, kode_desa, id_koperasi
