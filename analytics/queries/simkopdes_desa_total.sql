-- One row of SIMKOPDES village statistics summed over the filter for one week.
select
    count(distinct kode_desa) as desa,
    coalesce(sum(koperasi), 0)::bigint as koperasi,
    coalesce(sum(akun), 0)::bigint as akun,
    coalesce(sum(npwp), 0)::bigint as npwp,
    coalesce(sum(nib), 0)::bigint as nib,
    coalesce(sum(rat), 0)::bigint as rat,
    coalesce(sum(volume_transaksi), 0)::bigint as volume_transaksi,
    coalesce(sum(nilai_transaksi), 0)::double as nilai_transaksi
from simkopdes_desa_aktif
where minggu = $minggu
  and ($provinsi is null or kode_provinsi = $provinsi)
  and ($kabupaten is null or kode_kabupaten = $kabupaten)
  and ($kecamatan is null or kode_kecamatan = $kecamatan)
  and ($desa is null or kode_desa = $desa)
