-- The koperasi of one cell of the zone-move matrix ($dari -> $ke, 'baru'/'hilang' included), with
-- where they are and the rules that fired (this week's; last week's for those no longer reported).
with kini as (
    select id_koperasi, nama_koperasi, kode_kabupaten, kode_kecamatan, kode_desa, zona_hitung, aturan, pendamping
    from koperasi_zona
    where minggu = $minggu
      and ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
), lalu as (
    select id_koperasi, nama_koperasi, kode_kabupaten, kode_kecamatan, kode_desa, zona_hitung, aturan, pendamping
    from koperasi_zona
    where minggu = $minggu_lalu
      and ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
), pasangan as (
    select
        coalesce(k.id_koperasi, l.id_koperasi) as id_koperasi,
        coalesce(k.nama_koperasi, l.nama_koperasi) as nama_koperasi,
        coalesce(k.kode_kabupaten, l.kode_kabupaten) as kode_kabupaten,
        coalesce(k.kode_kecamatan, l.kode_kecamatan) as kode_kecamatan,
        coalesce(k.kode_desa, l.kode_desa) as kode_desa,
        case when l.id_koperasi is null then 'baru' else l.zona_hitung end as zona_lalu,
        case when k.id_koperasi is null then 'hilang' else k.zona_hitung end as zona_kini,
        coalesce(k.aturan, l.aturan) as aturan,
        coalesce(k.pendamping, l.pendamping) as pendamping
    from kini as k
    full outer join lalu as l on l.id_koperasi = k.id_koperasi
)
select
    p.id_koperasi,
    p.nama_koperasi,
    d.nama as desa,
    kc.nama as kecamatan,
    w.nama_singkat as kabupaten,
    p.zona_lalu,
    p.zona_kini,
    p.aturan,
    p.pendamping
from pasangan as p
left join desa as d on d.kode = p.kode_desa
left join kecamatan as kc on kc.kode = p.kode_kecamatan
left join wilayah as w on w.tingkat = 'kabupaten' and w.kode = p.kode_kabupaten
where p.zona_lalu = $dari and p.zona_kini = $ke
order by w.nama_singkat, kc.nama, d.nama, p.nama_koperasi
