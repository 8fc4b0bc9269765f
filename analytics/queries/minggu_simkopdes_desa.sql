-- Weeks with SIMKOPDES village statistics inside the filter, oldest first.
select distinct minggu
from simkopdes_desa_aktif
where ($provinsi is null or kode_provinsi = $provinsi)
  and ($kabupaten is null or kode_kabupaten = $kabupaten)
  and ($kecamatan is null or kode_kecamatan = $kecamatan)
  and ($desa is null or kode_desa = $desa)
order by minggu
