-- A fingerprint of what counts inside a filter: changes with every upload, undo or demo removal
-- that covers a kabupaten/kota of the filter, with any change of who is expected to report and
-- with a zone recompute under new rules, with a new data-quality rules file, and with every data-quality finding marked as checked. Page caches are keyed by it, so an upload from one
-- kabupaten leaves the cached answers of every other province and kabupaten in place. Kecamatan
-- and desa filters take their kabupaten's (uploads cover whole kabupaten). Read on every rerun of
-- every page: each table is scanned once. Target uploads (no weekly coverage) count in every
-- filter: a target on a province shows on its kabupaten's pages too.
select u.*, w.*, q.*, (select max(nilai) from meta where kunci = 'aturan_zona_sha256') as aturan_zona,
       (select max(nilai) from meta where kunci = 'aturan_kualitas_sha256') as aturan_kualitas
from
    (
        select count(*) as unggahan, coalesce(max(b.batch_id), 0) as batch_terakhir,
               count(b.dibatalkan_pada) as dibatalkan, max(b.dibatalkan_pada) as dibatalkan_terakhir
        from upload_batch as b
        where ($provinsi is null and $kabupaten is null)
           or b.dataset = 'target'
           or b.batch_id in (
                select c.batch_id
                from batch_cakupan as c
                where ($provinsi is null or split_part(c.kode_kabupaten, '.', 1) = $provinsi)
                  and ($kabupaten is null or c.kode_kabupaten = $kabupaten)
            )
    ) as u,
    (select count(*) as wajib_lapor, max(diatur_pada) as wajib_lapor_diatur from wajib_lapor) as w,
    (select count(*) as kualitas_dicek, max(dicek_pada) as kualitas_dicek_terakhir from kualitas_dicek) as q
