-- SIMKOPDES account status of the koperasi per area one level below the filter in one week.
with k as (
    select
        case $tingkat
            when 'provinsi' then kode_provinsi
            when 'kabupaten' then kode_kabupaten
            when 'kecamatan' then kode_kecamatan
            else kode_desa
        end as kode,
        akun_simkopdes
    from koperasi_aktif
    where minggu = $minggu
      and ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
), hitung as (
    select
        kode,
        count(*) as koperasi,
        count(*) filter (where akun_simkopdes = 'aktif') as aktif,
        count(*) filter (where akun_simkopdes = 'kendala') as kendala,
        count(*) filter (where akun_simkopdes = 'belum') as belum,
        count(*) filter (where akun_simkopdes is null) as tidak_diisi
    from k
    group by kode
)
select h.kode, w.nama_singkat as nama, h.koperasi, h.aktif, h.kendala, h.belum, h.tidak_diisi
from hitung as h
join wilayah as w on w.tingkat = $tingkat and w.kode = h.kode
order by h.kendala desc, h.belum desc, w.nama_singkat
