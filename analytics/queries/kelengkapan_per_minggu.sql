-- Reporting rate per dataset and week of the window ending at $akhir: kabupaten/kota expected,
-- reported, on time and late (the rules of kelengkapan_status.sql, counted).
with diharapkan as (
    select dataset, kode_kabupaten as kode
    from kabupaten_wajib_lapor
    where ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
), jendela as (
    select unnest(generate_series($akhir::date - 7 * ($jumlah_minggu - 1), $akhir::date, interval 7 day))::date as minggu
), dataset as (
    select * from (values (1, 'koperasi'), (2, 'lahan'), (3, 'sppg'), (4, 'bimtek')) as v(urutan, dataset)
), pertama as (
    select c.dataset, c.minggu, c.kode_kabupaten, min(b.diunggah_pada) as diunggah_pada
    from batch_cakupan as c
    join upload_batch as b on b.batch_id = c.batch_id
    where b.dibatalkan_pada is null
    group by c.dataset, c.minggu, c.kode_kabupaten
), status as (
    select
        d.urutan,
        d.dataset,
        j.minggu,
        p.diunggah_pada is not null as melapor,
        p.diunggah_pada < j.minggu + 7 + $hari_batas_lapor as tepat_waktu
    from dataset as d
    cross join jendela as j
    join diharapkan as e on e.dataset = d.dataset
    left join pertama as p on p.dataset = d.dataset and p.minggu = j.minggu and p.kode_kabupaten = e.kode
)
select
    dataset,
    minggu,
    count(*) as diharapkan,
    count(*) filter (where melapor) as melapor,
    count(*) filter (where melapor and tepat_waktu) as tepat_waktu,
    count(*) filter (where melapor and not tepat_waktu) as terlambat
from status
group by urutan, dataset, minggu
order by urutan, minggu
