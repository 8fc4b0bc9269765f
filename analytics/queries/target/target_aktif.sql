-- The targets that count inside the area $kode (null: all), the area itself included.
select metrik, kode_wilayah, jenis, nilai, tenggat, sumber, catatan, batch_id
from target_aktif
where $kode::varchar is null or kode_wilayah = $kode or starts_with(kode_wilayah, $kode || '.')
order by metrik, kode_wilayah
