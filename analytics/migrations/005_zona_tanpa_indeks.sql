-- Schema version 5: zona_koperasi without a primary key. The index cost more than the whole
-- zone computation at national scale (83,762 desa × 104 weeks); recompute deletes before it
-- inserts, so rows stay unique by construction.
create table zona_koperasi_baru as select * from zona_koperasi;
drop view koperasi_zona;
drop table zona_koperasi;
alter table zona_koperasi_baru rename to zona_koperasi;
create view koperasi_zona as
select k.*, z.zona_hitung, z.aturan, z.minggu_tanpa_progres
from koperasi_aktif as k
left join zona_koperasi as z on z.minggu = k.minggu and z.id_koperasi = k.id_koperasi;
