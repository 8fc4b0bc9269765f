-- Weeks with SIMKOPDES village statistics inside the filter, oldest first.
select distinct minggu
from di_wilayah('simkopdes_desa_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
order by minggu
