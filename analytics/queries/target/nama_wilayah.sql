-- Display names of areas of any level (a kabupaten/kota with its "Kab."/"Kota" prefix).
select kode, nama_singkat as nama
from wilayah
where kode in (select unnest($kode::varchar[]))
