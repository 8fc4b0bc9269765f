-- Koperasi of one week inside the filter, each placed at its land parcel when that parcel has a
-- usable point, else at its desa centroid; with the zone and the ids of the rules that fired.
with kop as (
    select id_koperasi, nama_koperasi, kode_desa, kode_kecamatan, zona_hitung, aturan
    from di_wilayah('koperasi_zona', $provinsi, $kabupaten, $kecamatan, $desa)
    where minggu = $minggu
), persil as (
    select
        kode_desa, lower(nama_koperasi) as kunci, lat, lon,
        case
            when lat is null or lon is null then 'kosong'
            when lat between $lat_min and $lat_max and lon between $lon_min and $lon_max then 'ok'
            when lon between $lat_min and $lat_max and lat between $lon_min and $lon_max then 'tertukar'
            else 'di_luar'
        end as koordinat,
        status_verifikasi, id_lahan
    from di_wilayah('lahan_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
    where minggu = $minggu_lahan
      and nama_koperasi is not null
), persil_terbaik as (
    -- One parcel per koperasi: one with a usable point first, verified parcels before the rest.
    select *
    from persil
    qualify row_number() over (
        partition by kode_desa, kunci
        order by koordinat = 'ok' desc, status_verifikasi in ('terverifikasi', 'selesai') desc, id_lahan
    ) = 1
)
select
    k.id_koperasi,
    k.nama_koperasi as nama,
    k.kode_desa,
    d.nama as desa,
    c.nama as kecamatan,
    k.zona_hitung as zona,
    k.aturan,
    case when p.koordinat = 'ok' then p.lat else d.lat end as lat,
    case when p.koordinat = 'ok' then p.lon else d.lon end as lon,
    case when p.koordinat = 'ok' then 'lahan' when d.lat is not null and d.lon is not null then 'desa' end as asal,
    p.koordinat as koordinat_lahan
from kop as k
left join persil_terbaik as p on p.kode_desa = k.kode_desa and p.kunci = lower(k.nama_koperasi)
left join desa as d on d.kode = k.kode_desa
left join kecamatan as c on c.kode = k.kode_kecamatan
order by k.kode_desa, k.nama_koperasi
