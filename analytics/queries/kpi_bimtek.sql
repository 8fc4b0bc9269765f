-- Training events and participants in one week inside the filter (a desa filter narrows to its kecamatan).
select
    count(*) as kegiatan,
    coalesce(sum(jumlah_peserta), 0)::bigint as peserta,
    count(distinct kode_kecamatan) as kecamatan
from bimtek_aktif
where minggu = $minggu
  and ($provinsi is null or kode_provinsi = $provinsi)
  and ($kabupaten is null or kode_kabupaten = $kabupaten)
  and ($kecamatan is null or kode_kecamatan = $kecamatan)
