-- Koperasi of one week inside the filter counted per hexagon of a grid laid over their desa
-- centroids (pointy-top hexagons of circumradius $ukuran degrees of latitude; longitude is
-- scaled by $kos, the cosine of the middle latitude, so cells are near regular on the map).
-- Koperasi whose desa has no centroid are counted in one row with null q and r. `kode` is the
-- area one level below the filter that holds most of a hexagon's koperasi (where a click leads).
with kop as (
    -- zona_koperasi alone (one narrow table) carries the zone and every region code.
    select
        k.zona_hitung, d.lat, d.lon,
        kode_tingkat($tingkat, k.kode_provinsi, k.kode_kabupaten, k.kode_kecamatan, k.kode_desa) as kode
    from di_wilayah('zona_koperasi', $provinsi, $kabupaten, $kecamatan, $desa) as k
    left join desa as d on d.kode = k.kode_desa
    where k.minggu = $minggu
), aksial as (
    -- Fractional axial coordinates of each point (x = q, z = r, y = -q - r in cube form).
    select
        zona_hitung, kode,
        (sqrt(3) / 3 * lon * $kos - lat / 3) / $ukuran as q,
        (2.0 / 3 * lat) / $ukuran as r
    from kop
), bulat as (
    select
        zona_hitung, kode, q, r,
        round(q) as bq, round(-q - r) as bs, round(r) as br,
        abs(round(q) - q) as dq, abs(round(-q - r) - (-q - r)) as ds, abs(round(r) - r) as dr
    from aksial
), sel as (
    -- Cube rounding: the coordinate with the largest rounding error is recomputed from the others.
    select
        zona_hitung, kode,
        case when dq > ds and dq > dr then -bs - br else bq end::integer as q,
        case when dq > ds and dq > dr then br when ds > dr then br else -bq - bs end::integer as r
    from bulat
), per_kode as (
    select q, r, kode, count(*) as n
    from sel
    group by q, r, kode
), utama as (
    select q, r, first(kode order by n desc, kode) as kode
    from per_kode
    group by q, r
), hitung as (
    select
        q, r,
        count(*) as koperasi,
        count(*) filter (where zona_hitung = 'hijau') as hijau,
        count(*) filter (where zona_hitung = 'kuning') as kuning,
        count(*) filter (where zona_hitung = 'merah') as merah
    from sel
    group by q, r
)
select
    h.q, h.r,
    sqrt(3) * (h.q + h.r / 2.0) * $ukuran / $kos as lon,
    1.5 * h.r * $ukuran as lat,
    h.koperasi, h.hijau, h.kuning, h.merah, u.kode
from hitung as h
left join utama as u on u.q is not distinct from h.q and u.r is not distinct from h.r
order by h.q nulls last, h.r
