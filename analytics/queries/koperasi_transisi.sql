-- The koperasi of one cell of the zone-move matrix ($dari -> $ke, 'baru'/'hilang' included), with
-- where they are and the rules that fired (this week's; last week's for those no longer reported).
with sel as (
    select id_koperasi, dari, ke
    from transisi_zona_koperasi($minggu, $minggu_lalu, $provinsi, $kabupaten, $kecamatan, $desa)
    where dari = $dari and ke = $ke
)
select
    s.id_koperasi,
    k.nama_koperasi,
    d.nama as desa,
    kc.nama as kecamatan,
    w.nama_singkat as kabupaten,
    s.dari as zona_lalu,
    s.ke as zona_kini,
    k.aturan,
    k.pendamping
from sel as s
join di_wilayah('koperasi_zona', $provinsi, $kabupaten, $kecamatan, $desa) as k
  on k.minggu = case when $ke = 'hilang' then $minggu_lalu else $minggu end
 and k.id_koperasi = s.id_koperasi
left join desa as d on d.kode = k.kode_desa
left join kecamatan as kc on kc.kode = k.kode_kecamatan
left join wilayah as w on w.tingkat = 'kabupaten' and w.kode = k.kode_kabupaten
order by w.nama_singkat, kc.nama, d.nama, k.nama_koperasi
