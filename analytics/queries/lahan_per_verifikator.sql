-- Parcels of one week per verifier and verification status; verifiers with the most parcels first.
with l as (
    select coalesce(nullif(trim(verifikator), ''), 'tidak_diisi') as verifikator,
           coalesce(status_verifikasi, 'tidak_diisi') as status_verifikasi
    from di_wilayah('lahan_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
    where minggu = $minggu
), hitung as (
    select verifikator, status_verifikasi, count(*) as persil
    from l
    group by verifikator, status_verifikasi
)
select verifikator, status_verifikasi, persil
from hitung
order by sum(persil) over (partition by verifikator) desc, verifikator, status_verifikasi
