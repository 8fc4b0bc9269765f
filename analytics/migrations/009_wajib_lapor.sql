-- Schema version 9: one definition of "expected to report". An administrator assigns, per
-- dataset, the kabupaten/kota that must report it (as DHIS2 assigns data sets to organisation
-- units); a dataset with no assignment expects every kabupaten/kota of the gazetteer.
create table wajib_lapor (
    dataset varchar not null,
    kode_kabupaten varchar not null,
    contoh boolean not null default false,
    diatur_oleh varchar,
    diatur_pada timestamp
);

create view kabupaten_wajib_lapor as
with dataset as (
    select * from (values ('koperasi'), ('lahan'), ('sppg'), ('bimtek')) as v(dataset)
), ditugaskan as (
    select distinct dataset, kode_kabupaten from wajib_lapor
)
select d.dataset, k.kode_induk as kode_provinsi, k.kode as kode_kabupaten, w.nama_singkat as nama, k.jenis
from dataset as d
join kabupaten as k
  on k.kode in (select t.kode_kabupaten from ditugaskan as t where t.dataset = d.dataset)
  or not exists (select 1 from ditugaskan as t where t.dataset = d.dataset)
join wilayah as w on w.tingkat = 'kabupaten' and w.kode = k.kode;
