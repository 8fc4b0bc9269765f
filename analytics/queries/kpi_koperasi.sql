-- One row of koperasi counts for one week inside the filter: the KPI tiles and the funnel.
with k as (
    select *
    from koperasi_zona
    where minggu = $minggu
      and ($provinsi is null or kode_provinsi = $provinsi)
      and ($kabupaten is null or kode_kabupaten = $kabupaten)
      and ($kecamatan is null or kode_kecamatan = $kecamatan)
      and ($desa is null or kode_desa = $desa)
)
select
    count(*) as terdaftar,
    count(*) filter (where badan_hukum) as badan_hukum,
    count(*) filter (where npwp) as npwp,
    count(*) filter (where nib) as nib,
    count(*) filter (where masuk_portal) as masuk_portal,
    count(*) filter (where gerai_beroperasi) as gerai_beroperasi,
    count(*) filter (where status_lahan = 'terverifikasi') as lahan_terverifikasi,
    -- The funnel: each stage also requires every stage before it.
    count(*) filter (where badan_hukum and masuk_portal) as corong_portal,
    count(*) filter (where badan_hukum and masuk_portal and status_lahan = 'terverifikasi') as corong_lahan,
    count(*) filter (where badan_hukum and masuk_portal and status_lahan = 'terverifikasi'
                     and (tahap_fisik in ('pembangunan', 'selesai') or gerai_beroperasi)) as corong_pembangunan,
    count(*) filter (where badan_hukum and masuk_portal and status_lahan = 'terverifikasi'
                     and (tahap_fisik = 'selesai' or gerai_beroperasi)) as corong_selesai,
    count(*) filter (where badan_hukum and masuk_portal and status_lahan = 'terverifikasi'
                     and gerai_beroperasi) as corong_beroperasi,
    count(*) filter (where tahap_fisik = 'belum_mulai') as tahap_belum_mulai,
    count(*) filter (where tahap_fisik = 'persiapan') as tahap_persiapan,
    count(*) filter (where tahap_fisik = 'pembangunan') as tahap_pembangunan,
    count(*) filter (where tahap_fisik = 'selesai') as tahap_selesai,
    count(*) filter (where tahap_fisik = 'tidak_dapat_dibangun') as tahap_tidak_dapat_dibangun,
    count(*) filter (where tahap_fisik is null) as tahap_tidak_diisi,
    count(*) filter (where status_lahan = 'tidak_ada') as lahan_tidak_ada,
    count(*) filter (where status_lahan = 'diajukan') as lahan_diajukan,
    count(*) filter (where status_lahan = 'verifikasi') as lahan_verifikasi,
    count(*) filter (where status_lahan = 'ditolak') as lahan_ditolak,
    count(*) filter (where status_lahan is null) as lahan_tidak_diisi,
    count(*) filter (where akun_simkopdes = 'aktif') as simkopdes_aktif,
    count(*) filter (where akun_simkopdes = 'kendala') as simkopdes_kendala,
    count(*) filter (where akun_simkopdes = 'belum') as simkopdes_belum,
    count(*) filter (where akun_simkopdes is null) as simkopdes_tidak_diisi,
    count(*) filter (where zona_hitung = 'hijau') as zona_hijau,
    count(*) filter (where zona_hitung = 'kuning') as zona_kuning,
    count(*) filter (where zona_hitung = 'merah') as zona_merah
from k
