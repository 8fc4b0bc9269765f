-- A fingerprint of what counts: changes with every upload, undo, demo removal, change of who is
-- expected to report and zone recompute under new rules (page caches are keyed by it). Read on
-- every rerun of every page, so each table is scanned once.
select u.*, w.*, (select max(nilai) from meta where kunci = 'aturan_zona_sha256') as aturan_zona
from
    (
        select count(*) as unggahan, coalesce(max(batch_id), 0) as batch_terakhir,
               count(dibatalkan_pada) as dibatalkan, max(dibatalkan_pada) as dibatalkan_terakhir
        from upload_batch
    ) as u,
    (select count(*) as wajib_lapor, max(diatur_pada) as wajib_lapor_diatur from wajib_lapor) as w
