-- Every expected kabupaten/kota × dataset × week of the window ending at $akhir: reported on
-- time, late, or not at all. Expected: kabupaten_wajib_lapor (assigned per dataset; default every
-- kabupaten/kota of the filter's region). On time: first upload that still counts made by the end of weekday
-- $hari_batas_lapor (1 = Senin) of the following week. A later correction does not make it late.
with diharapkan as (
    select dataset, kode_kabupaten as kode, nama
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
)
select
    d.dataset,
    j.minggu,
    e.kode as kode_kabupaten,
    e.nama,
    (j.minggu + 6 + $hari_batas_lapor)::date as batas_lapor,
    p.diunggah_pada,
    case
        when p.diunggah_pada is null then 'tidak_melapor'
        when p.diunggah_pada < j.minggu + 7 + $hari_batas_lapor then 'tepat_waktu'
        else 'terlambat'
    end as status
from dataset as d
cross join jendela as j
join diharapkan as e on e.dataset = d.dataset
left join pertama as p on p.dataset = d.dataset and p.minggu = j.minggu and p.kode_kabupaten = e.kode
order by d.urutan, j.minggu, e.kode
