-- Land parcels by verification status and source for one week inside the filter.
select
    coalesce(status_verifikasi, 'tidak_diisi') as status_verifikasi,
    coalesce(sumber_lahan, 'tidak_diisi') as sumber_lahan,
    count(*) as persil
from lahan_aktif
where minggu = $minggu
  and ($provinsi is null or kode_provinsi = $provinsi)
  and ($kabupaten is null or kode_kabupaten = $kabupaten)
  and ($kecamatan is null or kode_kecamatan = $kecamatan)
  and ($desa is null or kode_desa = $desa)
group by all
order by status_verifikasi, sumber_lahan
