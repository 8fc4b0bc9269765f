-- For each kabupaten/kota of a file, its previous week with koperasi data before $minggu (as
-- minggu_data gives it for a kabupaten filter: the coverage of the uploads that count); a
-- kabupaten/kota reporting for the first time has no row.
select kode_kabupaten, max(minggu) as minggu_lalu
from cakupan_aktif
where dataset = 'koperasi'
  and minggu < $minggu::date
  and kode_kabupaten in (select unnest($kabupaten::varchar[]))
group by kode_kabupaten
order by kode_kabupaten
