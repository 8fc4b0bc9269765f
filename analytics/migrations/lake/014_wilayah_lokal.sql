-- Schema version 14 in a lake: the gazetteer is no longer kept in the lake. Each server holds it
-- in its own memory, loaded from the shipped CSVs at connect (lake/wilayah.sql, db.connect).
drop table provinsi;
drop table kabupaten;
drop table kecamatan;
drop table desa;
