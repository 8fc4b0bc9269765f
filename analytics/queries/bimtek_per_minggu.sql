-- Training events and participants per week and participant category, up to the chosen week
-- (the latest $jumlah_minggu weeks).
select
    minggu,
    coalesce(kategori_peserta, 'tidak_diisi') as kategori_peserta,
    count(*) as kegiatan,
    coalesce(sum(jumlah_peserta), 0)::bigint as peserta
from bimtek_di_wilayah($provinsi, $kabupaten, $kecamatan)
where minggu <= $minggu
  and minggu > $minggu::date - 7 * $jumlah_minggu
group by all
order by minggu, kategori_peserta
