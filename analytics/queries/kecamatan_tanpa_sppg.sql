-- Kecamatan of the filter (nationally: of the provinces with any SPPG data) with no SPPG row in
-- the week, and whether their kabupaten/kota sent SPPG data that week at all.
with provinsi_berdata as (
    select distinct split_part(kode_kabupaten, '.', 1) as kode
    from cakupan_aktif
    where dataset = 'sppg'
), diharapkan as (
    select kec.kode, kec.nama, kec.kode_induk as kode_kabupaten
    from kecamatan as kec
    join kabupaten as kab on kab.kode = kec.kode_induk
    where dalam_wilayah(kab.kode_induk, kab.kode, kec.kode, null, $provinsi, $kabupaten, $kecamatan, null)
      and ($provinsi is not null or kab.kode_induk in (select kode from provinsi_berdata))
), ada as (
    select distinct kode_kecamatan
    from sppg_aktif
    where minggu = $minggu
), melapor as (
    select distinct kode_kabupaten
    from cakupan_aktif
    where dataset = 'sppg' and minggu = $minggu
)
select
    d.kode,
    d.nama as kecamatan,
    d.kode_kabupaten,
    w.nama_singkat as kabupaten,
    m.kode_kabupaten is not null as kabupaten_melapor
from diharapkan as d
join wilayah as w on w.tingkat = 'kabupaten' and w.kode = d.kode_kabupaten
left join melapor as m on m.kode_kabupaten = d.kode_kabupaten
where d.kode not in (select kode_kecamatan from ada)
order by d.kode
