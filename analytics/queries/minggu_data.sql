-- Weeks that have data, per dataset, inside the filter. SPPG sites are counted down to the
-- kecamatan: a desa filter keeps its kecamatan's SPPG weeks.
select distinct 'koperasi' as dataset, minggu
from di_wilayah('koperasi_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
union all
select distinct 'lahan', minggu
from di_wilayah('lahan_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
union all
select distinct 'sppg', minggu
from di_wilayah('sppg_aktif', $provinsi, $kabupaten, $kecamatan, null)
union all
select distinct 'bimtek', minggu
from bimtek_di_wilayah($provinsi, $kabupaten, $kecamatan)
order by dataset, minggu
