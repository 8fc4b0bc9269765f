-- Koperasi that need intervention this week: zone merah, a worse zone than in the previous week
-- with data, or construction stalled ($batas_macet weeks of data without progress); each with
-- how many weeks of data in a row it has had its current zone.
with kini as (
    select id_koperasi, nama_koperasi, kode_kabupaten, kode_kecamatan, kode_desa,
           zona_hitung, aturan, pendamping, tahap_fisik, minggu_tanpa_progres
    from di_wilayah('koperasi_zona', $provinsi, $kabupaten, $kecamatan, $desa)
    where minggu = $minggu
), lalu as (
    select id_koperasi, zona_hitung
    from zona_koperasi
    where minggu = $minggu_lalu
), dinilai as (
    select
        k.*,
        l.zona_hitung as zona_lalu,
        k.zona_hitung = 'merah' as merah,
        coalesce(peringkat_zona(k.zona_hitung) < peringkat_zona(l.zona_hitung), false) as turun,
        coalesce(k.tahap_fisik = 'pembangunan' and k.minggu_tanpa_progres >= $batas_macet, false) as macet
    from kini as k
    left join lalu as l on l.id_koperasi = k.id_koperasi
), dipilih as materialized (
    select * from dinilai where merah or turun or macet
), riwayat as materialized (
    -- The chosen koperasi's weeks of data up to this week, read once, and whether each had another zone.
    select z.id_koperasi, z.minggu, z.zona_hitung is distinct from p.zona_hitung as lain
    from di_wilayah('zona_koperasi', $provinsi, $kabupaten, $kecamatan, $desa) as z
    join dipilih as p on p.id_koperasi = z.id_koperasi
    where z.minggu <= $minggu
), beda as (
    -- The latest week of data in which each chosen koperasi had another zone.
    select id_koperasi, max(minggu) filter (where lain) as minggu
    from riwayat
    group by id_koperasi
), lama as (
    -- Weeks of data since then (all of them when the zone never changed).
    select r.id_koperasi, count(*) as minggu_di_zona
    from riwayat as r
    join beda as b on b.id_koperasi = r.id_koperasi
    where b.minggu is null or r.minggu > b.minggu
    group by r.id_koperasi
)
select
    p.kode_kabupaten,
    w.nama_singkat as kabupaten,
    p.kode_kecamatan,
    kc.nama as kecamatan,
    d.nama as desa,
    p.id_koperasi,
    p.nama_koperasi,
    p.zona_hitung as zona,
    p.zona_lalu,
    p.merah,
    p.turun,
    p.macet,
    p.minggu_tanpa_progres,
    p.aturan,
    p.pendamping,
    m.minggu_di_zona
from dipilih as p
join lama as m on m.id_koperasi = p.id_koperasi
left join desa as d on d.kode = p.kode_desa
left join kecamatan as kc on kc.kode = p.kode_kecamatan
left join wilayah as w on w.tingkat = 'kabupaten' and w.kode = p.kode_kabupaten
order by
    w.nama_singkat,
    kc.nama,
    peringkat_zona(p.zona_hitung),
    m.minggu_di_zona desc,
    d.nama,
    p.nama_koperasi
