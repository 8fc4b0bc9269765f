-- The display names of the filter's regions ('Kab. Bima', as tables show them), finest first:
-- the deck's title line.
select tingkat, kode, nama_singkat as nama
from wilayah
where (tingkat = 'provinsi' and kode = $provinsi)
   or (tingkat = 'kabupaten' and kode = $kabupaten)
   or (tingkat = 'kecamatan' and kode = $kecamatan)
   or (tingkat = 'desa' and kode = $desa)
order by case tingkat when 'desa' then 0 when 'kecamatan' then 1 when 'kabupaten' then 2 else 3 end
