-- SIMKOPDES account status of the koperasi per area one level below the filter in one week.
with hitung as (
    select
        kode_tingkat($tingkat, kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa) as kode,
        count(*) as koperasi,
        count(*) filter (where akun_simkopdes = 'aktif') as aktif,
        count(*) filter (where akun_simkopdes = 'kendala') as kendala,
        count(*) filter (where akun_simkopdes = 'belum') as belum,
        count(*) filter (where akun_simkopdes is null) as tidak_diisi
    from di_wilayah('koperasi_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
    where minggu = $minggu
    group by kode
)
select h.kode, w.nama_singkat as nama, h.koperasi, h.aktif, h.kendala, h.belum, h.tidak_diisi
from hitung as h
join wilayah as w on w.tingkat = $tingkat and w.kode = h.kode
order by h.kendala desc, h.belum desc, w.nama_singkat
