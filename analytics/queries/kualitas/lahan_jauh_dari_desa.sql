-- Land parcels with coordinates that lie more than $batas_km from the centroid of their desa, in
-- each kabupaten/kota's latest land week at or before $minggu. Parcels without coordinates or
-- without a desa are not judged. nilai_kini: the distance in km, one decimal.
with jarak as (
    select
        l.kode_kabupaten, l.kode_kecamatan, l.kode_desa, l.nama_koperasi, l.id_lahan, l.minggu,
        jarak_km(l.lat, l.lon, d.lat, d.lon) as km
    from di_wilayah('lahan_aktif', $provinsi, $kabupaten, $kecamatan, $desa) as l
    join minggu_terakhir_kabupaten('lahan', $minggu::date) as m
      on m.kode_kabupaten = l.kode_kabupaten and m.minggu = l.minggu
    join desa as d on d.kode = l.kode_desa
    where l.lat is not null and l.lon is not null and d.lat is not null and d.lon is not null
)
select
    $aturan as aturan, kode_kabupaten, kode_kecamatan, kode_desa,
    null::varchar as id_koperasi, nama_koperasi,
    minggu, null::date as minggu_lalu,
    null::varchar as nilai_lalu, format('{:.1f}', km) as nilai_kini,
    replace(format('{:.1f}', km), '.', ',') || ' km dari titik tengah desa' as keterangan,  -- Indonesian decimal comma
    'lahan' as objek, id_lahan as nama_objek
from jarak
where km > $batas_km
order by kode_kabupaten, kode_desa, id_lahan
