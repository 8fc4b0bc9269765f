-- Schema version 6: zona_koperasi carries every region code, so zone counts and zone moves are
-- read from it alone (one narrow table) instead of through the koperasi views. Existing zones
-- are recomputed: forgetting the rules digest makes zones.ensure_current() redo them all.
alter table zona_koperasi add column kode_provinsi varchar;
alter table zona_koperasi add column kode_kecamatan varchar;
alter table zona_koperasi add column kode_desa varchar;
delete from meta where kunci = 'aturan_zona_sha256';
