-- Upload history, newest first, with whether each batch still counts.
select
    b.batch_id,
    b.dataset,
    b.minggu,
    b.nama_file,
    b.diunggah_oleh,
    b.diunggah_pada,
    b.jumlah_baris,
    b.kabupaten,
    b.contoh,
    b.dibatalkan_pada,
    b.dibatalkan_oleh,
    exists (select 1 from cakupan_aktif as a where a.batch_id = b.batch_id)
        or exists (select 1 from target_aktif as t where t.batch_id = b.batch_id) as berlaku
from upload_batch as b
order by b.batch_id desc
limit $batas
