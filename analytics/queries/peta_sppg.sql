-- SPPG kitchens of one week inside the filter, at their own point when it is usable, else at the
-- centroid of their desa, else of their kecamatan.
with dapur as (
    select
        nama_sppg, status, kode_desa, kode_kecamatan, kapasitas_porsi, penerima_manfaat, lat, lon,
        case
            when lat is null or lon is null then 'kosong'
            when lat between $lat_min and $lat_max and lon between $lon_min and $lon_max then 'ok'
            when lon between $lat_min and $lat_max and lat between $lon_min and $lon_max then 'tertukar'
            else 'di_luar'
        end as koordinat
    from di_wilayah('sppg_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
    where minggu = $minggu_sppg
)
select
    s.nama_sppg as nama,
    s.status,
    s.kode_kecamatan,
    s.kode_desa,
    d.nama as desa,
    c.nama as kecamatan,
    s.kapasitas_porsi,
    s.penerima_manfaat,
    case
        when s.koordinat = 'ok' then s.lat
        when d.lat is not null and d.lon is not null then d.lat
        else c.lat
    end as lat,
    case
        when s.koordinat = 'ok' then s.lon
        when d.lat is not null and d.lon is not null then d.lon
        else c.lon
    end as lon,
    case
        when s.koordinat = 'ok' then 'sppg'
        when d.lat is not null and d.lon is not null then 'desa'
        when c.lat is not null and c.lon is not null then 'kecamatan'
    end as asal,
    s.koordinat
from dapur as s
left join desa as d on d.kode = s.kode_desa
left join kecamatan as c on c.kode = s.kode_kecamatan
order by s.kode_kecamatan, s.nama_sppg
