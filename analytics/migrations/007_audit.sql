-- Schema version 7: the audit trail and failed sign-ins (for lock-out).
create sequence audit_id_seq start 1;
create table audit (
    id integer primary key default nextval('audit_id_seq'),
    waktu timestamp not null,
    pengguna varchar not null,
    aksi varchar not null,
    rincian varchar
);
create table gagal_masuk (
    email varchar not null,
    waktu timestamp not null
);
