-- Desa/kelurahan of the kabupaten/kota expected to report koperasi data inside the filter per area one level
-- below the filter, and how many of them appear in the koperasi data of one week; least covered first.
with diharapkan as (
    select
        d.kode as kode_desa,
        case $tingkat
            when 'provinsi' then kab.kode_induk
            when 'kabupaten' then kab.kode
            when 'kecamatan' then kec.kode
            else d.kode
        end as kode
    from desa as d
    join kecamatan as kec on kec.kode = d.kode_induk
    join kabupaten as kab on kab.kode = kec.kode_induk
    where ($provinsi is null or kab.kode_induk = $provinsi)
      and ($kabupaten is null or kab.kode = $kabupaten)
      and ($kecamatan is null or kec.kode = $kecamatan)
      and ($desa is null or d.kode = $desa)
      and kab.kode in (select kode_kabupaten from kabupaten_wajib_lapor where dataset = 'koperasi')
), melapor as (
    select distinct kode_desa
    from koperasi_aktif
    where minggu = $minggu
), hitung as (
    select e.kode, count(*) as desa, count(m.kode_desa) as desa_melapor
    from diharapkan as e
    left join melapor as m on m.kode_desa = e.kode_desa
    group by e.kode
)
select h.kode, w.nama_singkat as nama, h.desa, h.desa_melapor
from hitung as h
join wilayah as w on w.tingkat = $tingkat and w.kode = h.kode
order by h.desa_melapor / h.desa, h.kode
