-- Schema version 12: batch ids from a counter table instead of a sequence, the same in a file and
-- in a lake (DuckLake has no sequences, and no RETURNING on insert). db.next_id() bumps the row
-- inside the upload's transaction; in a lake two transactions that bump it conflict at commit,
-- so two uploads can never take the same id. Seeded from the sequence where there is one: ids
-- of removed demo batches are never handed out again.
create table penghitung (
    nama varchar not null,
    nilai bigint not null
);
insert into penghitung (nama, nilai)
select 'batch_id', greatest(
    coalesce((select max(batch_id) from upload_batch), 0),
    coalesce((select max(last_value) from duckdb_sequences() where sequence_name = 'batch_id_seq'), 0)
);
