-- Schema version 17: targets and deadlines (analytics/target). One row per target in an upload
-- (a file of the `target` dataset or the form of the Target & Tenggat page). A target is named by
-- (metrik, kode_wilayah); the newest batch not undone counts, so an upload replaces the targets it
-- names and nothing else, and undoing it brings the replaced ones back. A row with `dihapus`
-- removes its target (the form's delete) the same undoable way. No keys or sequences: the lake
-- takes it as written.
create table target (
    batch_id integer not null,
    baris integer not null,
    metrik varchar not null,
    kode_wilayah varchar not null, -- '' = the whole country
    jenis varchar not null, -- 'jumlah' or 'bagian'
    nilai double not null,
    tenggat date not null,
    sumber varchar,
    catatan varchar,
    dihapus boolean not null default false
);

create view target_aktif as
select metrik, kode_wilayah, jenis, nilai, tenggat, sumber, catatan, batch_id
from (
    select t.*,
           row_number() over (partition by t.metrik, t.kode_wilayah order by t.batch_id desc, t.baris desc) as urutan
    from target as t
    join upload_batch as b on b.batch_id = t.batch_id
    where b.dibatalkan_pada is null
) as terbaru
where urutan = 1 and not dihapus;
