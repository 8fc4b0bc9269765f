-- Schema version 10: failed sign-ins remember their source address, so a lock can hold one
-- address that sprays many accounts (analytics/access.py).
alter table gagal_masuk add column sumber varchar;
