-- Weeks that have data, per dataset, inside the filter. SPPG sites are counted down to the
-- kecamatan: a desa filter keeps its kecamatan's SPPG weeks. Down to a kabupaten the weeks come
-- from the coverage of the uploads that count (one row per dataset, week and kabupaten, taken
-- from the rows themselves at commit), not from a scan of every row of every week.
with cakupan as (
    select dataset, minggu
    from cakupan_aktif
    where $kecamatan is null
      and ($provinsi is null or split_part(kode_kabupaten, '.', 1) = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
)
select distinct dataset, minggu
from cakupan
where dataset in ('koperasi', 'lahan', 'sppg')
union all
select distinct 'koperasi', minggu
from di_wilayah('koperasi_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
where $kecamatan is not null
union all
select distinct 'lahan', minggu
from di_wilayah('lahan_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
where $kecamatan is not null
union all
select distinct 'sppg', minggu
from di_wilayah('sppg_aktif', $provinsi, $kabupaten, $kecamatan, null)
where $kecamatan is not null
union all
select distinct 'bimtek', minggu
from bimtek_di_wilayah($provinsi, $kabupaten, $kecamatan)
order by dataset, minggu
