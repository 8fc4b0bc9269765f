-- Schema version 18: a check ("sudah dicek") remembers the values of the finding it was made on, so
-- that a finding about the state of a week (kualitas.aturan.KEADAAN: the same parcel still 20 km from
-- its desa, the same NIB still without badan hukum) stays checked in later weeks while its values
-- are the same. Rows checked before this version have none and hold for their own week only.
alter table kualitas_dicek add column nilai_lalu varchar;
alter table kualitas_dicek add column nilai_kini varchar;
