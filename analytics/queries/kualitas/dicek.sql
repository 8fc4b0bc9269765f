-- The findings marked as checked in the kabupaten/kota of the filter for the weeks $minggu (a list:
-- rules over SPPG and land read each kab/kota's own latest week).
select aturan, kunci, minggu, kode_kabupaten, catatan, dicek_oleh, dicek_pada
from kualitas_dicek
where minggu in (select unnest($minggu::date[]))
  and ($kabupaten::varchar is null or kode_kabupaten = $kabupaten)
  and ($provinsi::varchar is null or starts_with(kode_kabupaten, $provinsi || '.'))
order by kode_kabupaten, aturan, kunci, minggu
