-- The latest audit entries, in the order they happened.
with terakhir as (
    select id, waktu, pengguna, aksi, rincian
    from audit
    order by id desc
    limit $batas
)
select id, waktu, pengguna, aksi, rincian
from terakhir
order by id
