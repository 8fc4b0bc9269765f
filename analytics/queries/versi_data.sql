-- A fingerprint of what counts: changes with every upload, undo, demo removal, change of who is
-- expected to report and zone recompute under new rules (page caches are keyed by it).
select
    (select count(*) from upload_batch) as unggahan,
    (select coalesce(max(batch_id), 0) from upload_batch) as batch_terakhir,
    (select count(dibatalkan_pada) from upload_batch) as dibatalkan,
    (select max(dibatalkan_pada) from upload_batch) as dibatalkan_terakhir,
    (select count(*) from wajib_lapor) as wajib_lapor,
    (select max(diatur_pada) from wajib_lapor) as wajib_lapor_diatur,
    (select max(nilai) from meta where kunci = 'aturan_zona_sha256') as aturan_zona
