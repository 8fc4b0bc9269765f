-- Koperasi whose SIMKOPDES account has problems (login or network) in one week: the field officer's list.
select
    k.nama_koperasi,
    d.nama as desa,
    kec.nama as kecamatan,
    kab.nama_singkat as kabupaten,
    k.pendamping,
    array_to_string(k.kendala, ', ') as kendala,
    k.keterangan,
    k.kode_desa
from di_wilayah('koperasi_aktif', $provinsi, $kabupaten, $kecamatan, $desa) as k
left join desa as d on d.kode = k.kode_desa
left join kecamatan as kec on kec.kode = k.kode_kecamatan
left join wilayah as kab on kab.tingkat = 'kabupaten' and kab.kode = k.kode_kabupaten
where k.minggu = $minggu
  and k.akun_simkopdes = 'kendala'
order by k.kode_kabupaten, kec.nama, d.nama, k.nama_koperasi
