-- Land parcels of one week inside the filter with their point and whether it can be drawn
-- ('ok'), or is empty, has latitude and longitude swapped, or lies outside Indonesia.
select
    l.id_lahan,
    l.nama_koperasi,
    l.status_verifikasi,
    l.sumber_lahan,
    l.luas_m2,
    l.kode_kabupaten,
    l.kode_kecamatan,
    l.kode_desa,
    d.nama as desa,
    c.nama as kecamatan,
    l.lat,
    l.lon,
    case
        when l.lat is null or l.lon is null then 'kosong'
        when l.lat between $lat_min and $lat_max and l.lon between $lon_min and $lon_max then 'ok'
        when l.lon between $lat_min and $lat_max and l.lat between $lon_min and $lon_max then 'tertukar'
        else 'di_luar'
    end as koordinat
from di_wilayah('lahan_aktif', $provinsi, $kabupaten, $kecamatan, $desa) as l
left join desa as d on d.kode = l.kode_desa
left join kecamatan as c on c.kode = l.kode_kecamatan
where l.minggu = $minggu_lahan
order by l.id_lahan
