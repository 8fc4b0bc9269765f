-- Koperasi counting each obstacle in every week with data up to $minggu (the last $jumlah_minggu
-- of them), zero where an obstacle named in some week was absent: one line per kendala.
with k as (
    select minggu, id_koperasi, kendala
    from di_wilayah('koperasi_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
    where minggu <= $minggu
), minggu_data as (
    select minggu
    from (select distinct minggu from k)
    order by minggu desc
    limit $jumlah_minggu
), satu as (
    select distinct k.minggu, k.id_koperasi, unnest(k.kendala) as kendala
    from k
    join minggu_data as m on m.minggu = k.minggu
    where k.kendala is not null
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
