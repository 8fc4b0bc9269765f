-- Beneficiaries, local suppliers and capacity of the SPPG operating in one week inside the filter,
-- with how many of them gave each figure.
select
    count(*) as beroperasi,
    count(penerima_manfaat) as mengisi_penerima,
    coalesce(sum(penerima_manfaat), 0)::bigint as penerima_manfaat,
    count(pemasok_lokal) as mengisi_pemasok,
    coalesce(sum(pemasok_lokal), 0)::bigint as pemasok_lokal,
    coalesce(sum(kapasitas_porsi), 0)::bigint as kapasitas_porsi
from sppg_aktif
where minggu = $minggu
  and status = 'beroperasi'
  and ($provinsi is null or kode_provinsi = $provinsi)
  and ($kabupaten is null or kode_kabupaten = $kabupaten)
  and ($kecamatan is null or kode_kecamatan = $kecamatan)
  and ($desa is null or kode_desa = $desa)
