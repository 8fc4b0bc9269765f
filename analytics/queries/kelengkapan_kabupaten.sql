-- Kabupaten/kota of the filter (from the gazetteer) and whether each reported koperasi data that week.
with diharapkan as (
    select k.kode, w.nama_singkat as nama, k.jenis
    from kabupaten as k
    join wilayah as w on w.tingkat = 'kabupaten' and w.kode = k.kode
    where ($provinsi is null or k.kode_induk = $provinsi)
      and ($kabupaten is null or k.kode = $kabupaten)
), melapor as (
    select distinct kode_kabupaten
    from cakupan_aktif
    where dataset = 'koperasi' and minggu = $minggu
)
select d.kode, d.nama, d.jenis, m.kode_kabupaten is not null as melapor
from diharapkan as d
left join melapor as m on m.kode_kabupaten = d.kode
order by d.kode
