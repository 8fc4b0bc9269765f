-- Schema version 11: the SQL many queries share, written once as macros: the region filter, the
-- area one level below it, the order of zones, and a koperasi's zone in this week against the
-- previous week with data. Persistent (not TEMP) because queries run on cursors, which do not
-- see a connection's temporary objects. Macros expand inline before planning, so filters on the
-- week and the region still reach the table scans.

-- True when a row's region codes lie inside the filter; a filter level left null selects all.
create macro dalam_wilayah(kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa,
                           provinsi, kabupaten, kecamatan, desa) as
    (provinsi is null or kode_provinsi = provinsi)
    and (kabupaten is null or kode_kabupaten = kabupaten)
    and (kecamatan is null or kode_kecamatan = kecamatan)
    and (desa is null or kode_desa = desa);

-- The code of a row's area at level `tingkat` (what charts group by); null for any other tingkat.
create macro kode_tingkat(tingkat, kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa) as
    case tingkat
        when 'provinsi' then kode_provinsi
        when 'kabupaten' then kode_kabupaten
        when 'kecamatan' then kode_kecamatan
        when 'desa' then kode_desa
    end;

-- Zones worst first (merah 0, kuning 1, hijau 2); null for 'baru', 'hilang' or no zone.
create macro peringkat_zona(zona) as
    case zona when 'merah' then 0 when 'kuning' then 1 when 'hijau' then 2 end;

-- Rows of a relation inside the filter: `from di_wilayah('koperasi_aktif', $provinsi, $kabupaten,
-- $kecamatan, $desa)`, for any relation with the four region codes (the name is a constant of
-- the query text, never a value from outside).
create macro di_wilayah(relasi, provinsi, kabupaten, kecamatan, desa) as table
    select * from query_table(relasi)
    where dalam_wilayah(kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa, provinsi, kabupaten, kecamatan, desa);

-- Bimtek events are placed down to the kecamatan only.
create macro bimtek_di_wilayah(provinsi, kabupaten, kecamatan) as table
    select * from bimtek_aktif
    where dalam_wilayah(kode_provinsi, kode_kabupaten, kode_kecamatan, null, provinsi, kabupaten, kecamatan, null);

-- One row per koperasi of the filter with a zone in either week: `dari` its zone in the previous
-- week with data or 'baru' (not there), `ke` its zone this week or 'hilang' (no longer reported).
-- The zone-move matrix, its naik/turun counts, the moves per area and the koperasi of one move
-- are all read from here. The week parameters are not named minggu: a macro parameter hides a
-- column of the same name.
create macro transisi_zona_koperasi(minggu_kini, minggu_lalu, provinsi, kabupaten, kecamatan, desa) as table
    with kini as (
        select id_koperasi, kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa, zona_hitung
        from di_wilayah('zona_koperasi', provinsi, kabupaten, kecamatan, desa)
        where minggu = minggu_kini
    ), lalu as (
        select id_koperasi, kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa, zona_hitung
        from di_wilayah('zona_koperasi', provinsi, kabupaten, kecamatan, desa)
        where minggu = minggu_lalu
    )
    select
        coalesce(k.id_koperasi, l.id_koperasi) as id_koperasi,
        coalesce(k.kode_provinsi, l.kode_provinsi) as kode_provinsi,
        coalesce(k.kode_kabupaten, l.kode_kabupaten) as kode_kabupaten,
        coalesce(k.kode_kecamatan, l.kode_kecamatan) as kode_kecamatan,
        coalesce(k.kode_desa, l.kode_desa) as kode_desa,
        case when l.id_koperasi is null then 'baru' else l.zona_hitung end as dari,
        case when k.id_koperasi is null then 'hilang' else k.zona_hitung end as ke
    from kini as k
    full outer join lalu as l on l.id_koperasi = k.id_koperasi;
