-- SPPG counts by status for one week inside the filter.
select
    count(*) as total,
    count(*) filter (where status = 'rencana') as rencana,
    count(*) filter (where status = 'persiapan') as persiapan,
    count(*) filter (where status = 'beroperasi') as beroperasi,
    count(*) filter (where status = 'ditutup_sementara') as ditutup_sementara,
    count(*) filter (where status is null) as tidak_diisi,
    coalesce(sum(penerima_manfaat) filter (where status = 'beroperasi'), 0)::bigint as penerima_manfaat
from sppg_aktif
where minggu = $minggu
  and ($provinsi is null or kode_provinsi = $provinsi)
  and ($kabupaten is null or kode_kabupaten = $kabupaten)
  and ($kecamatan is null or kode_kecamatan = $kecamatan)
  and ($desa is null or kode_desa = $desa)
