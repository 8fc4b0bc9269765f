-- Views over the rows that count: for each (dataset, week, kabupaten) the newest batch not undone.
create view cakupan_aktif as
select c.dataset, c.minggu, c.kode_kabupaten, max(c.batch_id) as batch_id
from batch_cakupan as c
join upload_batch as b on b.batch_id = c.batch_id
where b.dibatalkan_pada is null
group by c.dataset, c.minggu, c.kode_kabupaten;

create view koperasi_aktif as
select k.*
from koperasi as k
join cakupan_aktif as a
  on a.dataset = 'koperasi' and a.batch_id = k.batch_id
 and a.minggu = k.minggu and a.kode_kabupaten = k.kode_kabupaten;

create view lahan_aktif as
select l.*
from lahan as l
join cakupan_aktif as a
  on a.dataset = 'lahan' and a.batch_id = l.batch_id
 and a.minggu = l.minggu and a.kode_kabupaten = l.kode_kabupaten;

create view sppg_aktif as
select s.*
from sppg as s
join cakupan_aktif as a
  on a.dataset = 'sppg' and a.batch_id = s.batch_id
 and a.minggu = s.minggu and a.kode_kabupaten = s.kode_kabupaten;

create view bimtek_aktif as
select t.*
from bimtek as t
join cakupan_aktif as a
  on a.dataset = 'bimtek' and a.batch_id = t.batch_id
 and a.minggu = t.minggu and a.kode_kabupaten = t.kode_kabupaten;

-- Koperasi with their computed zone, the shape most pages read.
create view koperasi_zona as
select k.*, z.zona_hitung, z.aturan, z.minggu_tanpa_progres
from koperasi_aktif as k
left join zona_koperasi as z on z.minggu = k.minggu and z.id_koperasi = k.id_koperasi;

-- Every region of every level with its name, for labels and grouping.
create view wilayah as
select 'provinsi' as tingkat, kode, nama, nama as nama_singkat, null::varchar as kode_induk, lat, lon from provinsi
union all
-- "Kab. Bima" and "Kota Bima" must stay apart in charts and lists.
select 'kabupaten', kode, nama,
       case when jenis = 'kota' then 'Kota ' else 'Kab. ' end || nama_singkat, kode_induk, lat, lon
from kabupaten
union all
select 'kecamatan', kode, nama, nama, kode_induk, lat, lon from kecamatan
union all
select 'desa', kode, nama, nama, kode_induk, lat, lon from desa;
