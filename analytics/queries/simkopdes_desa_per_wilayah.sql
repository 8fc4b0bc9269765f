-- SIMKOPDES village statistics per area one level below the filter for one week.
with s as (
    select
        case $tingkat
            when 'provinsi' then kode_provinsi
            when 'kabupaten' then kode_kabupaten
            when 'kecamatan' then kode_kecamatan
            else kode_desa
        end as kode,
        kode_desa, koperasi, akun, npwp, nib, rat, volume_transaksi, nilai_transaksi
    from simkopdes_desa_aktif
    where minggu = $minggu
      and ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
), hitung as (
    select
        kode,
        count(distinct kode_desa) as desa,
        coalesce(sum(koperasi), 0)::bigint as koperasi,
        coalesce(sum(akun), 0)::bigint as akun,
        coalesce(sum(npwp), 0)::bigint as npwp,
        coalesce(sum(nib), 0)::bigint as nib,
        coalesce(sum(rat), 0)::bigint as rat,
        coalesce(sum(volume_transaksi), 0)::bigint as volume_transaksi,
        coalesce(sum(nilai_transaksi), 0)::double as nilai_transaksi
    from s
    group by kode
)
select h.kode, w.nama_singkat as nama, h.desa, h.koperasi, h.akun, h.npwp, h.nib, h.rat,
       h.volume_transaksi, h.nilai_transaksi
from hitung as h
join wilayah as w on w.tingkat = $tingkat and w.kode = h.kode
order by h.nilai_transaksi desc, w.nama_singkat
