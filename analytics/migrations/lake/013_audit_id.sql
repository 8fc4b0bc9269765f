-- Schema version 13 in a lake: ../013_audit_id.sql without the primary key and the sequence.
-- Ids written before (null in a lake) take their order from the time.
create table audit_baru (
    id bigint not null,
    waktu timestamp not null,
    pengguna varchar not null,
    aksi varchar not null,
    rincian varchar
);
insert into audit_baru
select coalesce(id, row_number() over (order by waktu)), waktu, pengguna, aksi, rincian from audit;
drop table audit;
alter table audit_baru rename to audit;
