-- Schema version 7 in a lake: ../007_audit.sql without the sequence (see docs/lake-notes.md).
-- Schema version 7: the audit trail and failed sign-ins (for lock-out).
create table audit (
    id integer,
    waktu timestamp not null,
    pengguna varchar not null,
    aksi varchar not null,
    rincian varchar
);
create table gagal_masuk (
    email varchar not null,
    waktu timestamp not null
);
