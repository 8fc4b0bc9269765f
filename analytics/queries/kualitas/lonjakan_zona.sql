-- Kabupaten/kota where more than $batas_bagian of the koperasi of the filter reported in both
-- weeks changed zone, counting only kabupaten with at least $minimal_koperasi such koperasi.
-- nilai_lalu / nilai_kini: koperasi in both weeks / koperasi that changed zone.
with per_kabupaten as (
    select
        kode_kabupaten,
        count(*) as jumlah,
        count(*) filter (where dari <> ke) as pindah
    from transisi_zona_koperasi($minggu, $minggu_lalu, $provinsi, $kabupaten, $kecamatan, $desa)
    where dari not in ('baru') and ke not in ('hilang')
    group by kode_kabupaten
)
select
    $aturan as aturan, kode_kabupaten, null::varchar as kode_kecamatan, null::varchar as kode_desa, null::varchar as id_koperasi,
    null::varchar as nama_koperasi, $minggu::date as minggu, $minggu_lalu::date as minggu_lalu,
    jumlah::varchar as nilai_lalu, pindah::varchar as nilai_kini,
    pindah || ' dari ' || jumlah || ' koperasi pindah zona' as keterangan,
    'kabupaten' as objek, null::varchar as nama_objek
from per_kabupaten
where jumlah >= $minimal_koperasi and pindah > $batas_bagian * jumlah
order by kode_kabupaten
