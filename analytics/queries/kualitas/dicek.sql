-- The findings marked as checked in the kabupaten/kota of the filter in the weeks up to the latest
-- of $minggu (a list: rules over SPPG and land read each kab/kota's own latest week), with the
-- values each was checked on. A check of an earlier week may still hold (kualitas._dengan_dicek).
select aturan, kunci, minggu, kode_kabupaten, catatan, dicek_oleh, dicek_pada, nilai_lalu, nilai_kini
from kualitas_dicek
where minggu <= (select max(m) from unnest($minggu::date[]) as t(m))
  and ($kabupaten::varchar is null or kode_kabupaten = $kabupaten)
  and ($provinsi::varchar is null or starts_with(kode_kabupaten, $provinsi || '.'))
order by kode_kabupaten, aturan, kunci, minggu
