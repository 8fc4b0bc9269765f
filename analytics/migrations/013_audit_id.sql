-- Schema version 13: audit ids are given by the writer (analytics/audit.py), not by a sequence.
-- A lake has no sequences, and a shared counter would make every sign-in conflict with every
-- upload of another server; the id is the time of writing in microseconds, so the trail keeps
-- its order in both modes and across a copy between them. Old ids (1, 2, …) stay below.
create table audit_baru (
    id bigint primary key,
    waktu timestamp not null,
    pengguna varchar not null,
    aksi varchar not null,
    rincian varchar
);
insert into audit_baru select id, waktu, pengguna, aksi, rincian from audit;
drop table audit;
drop sequence audit_id_seq;
alter table audit_baru rename to audit;
