-- Koperasi counting each obstacle in every week with data up to $minggu (the last $jumlah_minggu
-- of them), zero where an obstacle named in some week was absent: one line per kendala.
with minggu_data as (
    select distinct minggu
    from di_wilayah('koperasi_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
    where minggu <= $minggu
    order by minggu desc
    limit $jumlah_minggu
), satu as (
    -- Only the rows of those weeks are read: a bound on the week column the scan can use. A
    -- koperasi has one row per week that counts (the importer refuses a second), so rows count it.
    select k.minggu, unnest(list_distinct(k.kendala)) as kendala
    from di_wilayah('koperasi_aktif', $provinsi, $kabupaten, $kecamatan, $desa) as k
    where k.minggu between (select min(minggu) from minggu_data) and $minggu
      and k.kendala is not null
), hitung as (
    select minggu, kendala, count(*) as koperasi
    from satu
    group by minggu, kendala
)
select m.minggu, n.kendala, coalesce(h.koperasi, 0) as koperasi
from minggu_data as m
cross join (select distinct kendala from satu) as n
left join hitung as h on h.minggu = m.minggu and h.kendala = n.kendala
order by m.minggu, n.kendala
