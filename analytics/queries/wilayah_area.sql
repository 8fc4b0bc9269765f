-- Every area of level $tingkat inside the filter, from the gazetteer (areas without data kept).
select kode, nama_singkat as nama, lat, lon
from wilayah
where tingkat = $tingkat
  and ($provinsi is null or left(kode, 2) = $provinsi)
  and ($kabupaten is null or left(kode, 5) = $kabupaten)
  and ($kecamatan is null or left(kode, 8) = $kecamatan)
  and ($desa is null or kode = $desa)
order by kode
