-- Every koperasi that cannot be built in one week, with its place, main obstacle (the first kendala
-- listed, or 'tidak_diisi'), all obstacles, land status and assistant.
select
    w.nama_singkat as kabupaten,
    kc.nama as kecamatan,
    d.nama as desa,
    k.id_koperasi,
    k.nama_koperasi,
    coalesce(k.kendala[1], 'tidak_diisi') as kendala_utama,
    k.kendala,
    k.status_lahan,
    k.pendamping,
    k.keterangan
from di_wilayah('koperasi_aktif', $provinsi, $kabupaten, $kecamatan, $desa) as k
left join wilayah as w on w.tingkat = 'kabupaten' and w.kode = k.kode_kabupaten
left join kecamatan as kc on kc.kode = k.kode_kecamatan
left join desa as d on d.kode = k.kode_desa
where k.minggu = $minggu
  and k.tahap_fisik = 'tidak_dapat_dibangun'
order by w.nama_singkat, kc.nama, d.nama, k.nama_koperasi
