-- Schema version 14: nothing in a file. In a lake (lake/014_wilayah_lokal.sql) the gazetteer
-- leaves the lake for each server's own memory (lake/wilayah.sql).
select 1;
