-- SPPG whose status is one of $status (beroperasi) with no beneficiaries (penerima_manfaat empty
-- or 0; nilai_kini: penerima_manfaat or 'kosong'), in each kabupaten/kota's latest SPPG week at or before $minggu.
select
    $aturan as aturan, s.kode_kabupaten, s.kode_kecamatan, s.kode_desa,
    null::varchar as id_koperasi, null::varchar as nama_koperasi,
    s.minggu, null::date as minggu_lalu,
    null::varchar as nilai_lalu, coalesce(s.penerima_manfaat::varchar, 'kosong') as nilai_kini,
    'status ' || s.status || ', penerima manfaat ' || coalesce(s.penerima_manfaat::varchar, 'kosong') as keterangan,
    'sppg' as objek, s.nama_sppg as nama_objek
from di_wilayah('sppg_aktif', $provinsi, $kabupaten, $kecamatan, $desa) as s
join minggu_terakhir_kabupaten('sppg', $minggu::date) as m
  on m.kode_kabupaten = s.kode_kabupaten and m.minggu = s.minggu
where list_contains($status::varchar[], s.status)
  and coalesce(s.penerima_manfaat, 0) = 0
order by s.kode_kabupaten, s.kode_kecamatan, s.kode_desa, s.nama_sppg
