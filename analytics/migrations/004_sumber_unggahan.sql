-- Schema version 4: which file format an upload came in (template or a SIMKOPDES export).
alter table upload_batch add column sumber varchar default 'templat';
