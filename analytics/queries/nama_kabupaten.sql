-- The display names of some kab/kota ('Kab. Bima', as tables show them), by code.
select kode, nama_singkat as nama
from wilayah
where tingkat = 'kabupaten' and list_contains($kode::varchar[], kode)
