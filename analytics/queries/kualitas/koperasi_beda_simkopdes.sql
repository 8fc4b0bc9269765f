-- Desa where the number of koperasi in this week's koperasi report differs from the count of the
-- SIMKOPDES village statistics (column koperasi) in the kabupaten/kota's latest SIMKOPDES week at or
-- before $minggu. Only kabupaten/kota with both: a koperasi report for this week that counts and a
-- SIMKOPDES week. A desa missing on one side counts 0 there; a SIMKOPDES row without a count is no
-- finding. nilai_lalu / nilai_kini: SIMKOPDES's count / the weekly report's.
with pembanding as (
    select c.kode_kabupaten, s.minggu as minggu_simkopdes
    from cakupan_aktif as c
    join minggu_terakhir_kabupaten('simkopdes_desa', $minggu::date) as s on s.kode_kabupaten = c.kode_kabupaten
    where c.dataset = 'koperasi' and c.minggu = $minggu::date
), laporan as (
    select kode_kabupaten, kode_kecamatan, kode_desa, count(*) as jumlah
    from di_wilayah('koperasi_aktif', $provinsi, $kabupaten, $kecamatan, $desa)
    where minggu = $minggu::date and kode_kabupaten in (select kode_kabupaten from pembanding)
    group by kode_kabupaten, kode_kecamatan, kode_desa
), simkopdes as (
    select s.kode_kabupaten, s.kode_kecamatan, s.kode_desa, sum(s.koperasi) as jumlah
    from di_wilayah('simkopdes_desa_aktif', $provinsi, $kabupaten, $kecamatan, $desa) as s
    join pembanding as p on p.kode_kabupaten = s.kode_kabupaten and p.minggu_simkopdes = s.minggu
    group by s.kode_kabupaten, s.kode_kecamatan, s.kode_desa
), beda as (
    select
        coalesce(l.kode_kabupaten, s.kode_kabupaten) as kode_kabupaten,
        coalesce(l.kode_kecamatan, s.kode_kecamatan) as kode_kecamatan,
        coalesce(l.kode_desa, s.kode_desa) as kode_desa,
        coalesce(s.jumlah, 0) as simkopdes,
        coalesce(l.jumlah, 0) as laporan
    from laporan as l
    full outer join simkopdes as s on s.kode_desa = l.kode_desa
    -- a desa SIMKOPDES lists without a count is not compared
    where s.kode_desa is null or s.jumlah is not null
)
select
    $aturan as aturan, b.kode_kabupaten, b.kode_kecamatan, b.kode_desa,
    null::varchar as id_koperasi, null::varchar as nama_koperasi,
    $minggu::date as minggu, p.minggu_simkopdes as minggu_lalu,
    b.simkopdes::varchar as nilai_lalu, b.laporan::varchar as nilai_kini,
    'SIMKOPDES ' || b.simkopdes || ' koperasi, laporan mingguan ' || b.laporan as keterangan,
    'desa' as objek, null::varchar as nama_objek
from beda as b
join pembanding as p on p.kode_kabupaten = b.kode_kabupaten
where b.simkopdes <> b.laporan
order by b.kode_kabupaten, b.kode_desa
