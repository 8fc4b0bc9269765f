-- Koperasi that cannot be built, in one week, per area one level below the filter and main
-- obstacle (the first kendala listed, or 'tidak_diisi'); areas with the most first.
with k as (
    select
        case $tingkat
            when 'provinsi' then kode_provinsi
            when 'kabupaten' then kode_kabupaten
            when 'kecamatan' then kode_kecamatan
            else kode_desa
        end as kode,
        coalesce(kendala[1], 'tidak_diisi') as kendala_utama
    from koperasi_aktif
    where minggu = $minggu
      and tahap_fisik = 'tidak_dapat_dibangun'
      and ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
), hitung as (
    select kode, kendala_utama, count(*) as koperasi
    from k
    group by kode, kendala_utama
)
select h.kode, w.nama_singkat as nama, h.kendala_utama, h.koperasi
from hitung as h
join wilayah as w on w.tingkat = $tingkat and w.kode = h.kode
order by sum(h.koperasi) over (partition by h.kode) desc, w.nama_singkat, h.koperasi desc, h.kendala_utama
