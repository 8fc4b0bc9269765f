-- Kabupaten/kota of the filter expected to report koperasi data (kabupaten_wajib_lapor) and
-- whether each reported that week.
with melapor as (
    select distinct kode_kabupaten
    from cakupan_aktif
    where dataset = 'koperasi' and minggu = $minggu
)
select e.kode_kabupaten as kode, e.nama, e.jenis, m.kode_kabupaten is not null as melapor
from kabupaten_wajib_lapor as e
left join melapor as m on m.kode_kabupaten = e.kode_kabupaten
where e.dataset = 'koperasi'
  and ($provinsi is null or e.kode_provinsi = $provinsi)
  and ($kabupaten is null or e.kode_kabupaten = $kabupaten)
order by e.kode_kabupaten
