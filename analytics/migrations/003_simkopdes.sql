-- Schema version 3: per-desa counts from the SIMKOPDES village statistics export.
create table simkopdes_desa (
    batch_id integer not null,
    baris integer not null,
    minggu date not null,
    kode_provinsi varchar not null,
    kode_kabupaten varchar not null,
    kode_kecamatan varchar not null,
    kode_desa varchar not null,
    id_desa_simkopdes varchar,
    koperasi integer,
    akun integer,
    npwp integer,
    nib integer,
    rat integer,
    volume_transaksi bigint,
    nilai_transaksi double,
    simpanan_total double
);

create view simkopdes_desa_aktif as
select s.*
from simkopdes_desa as s
join cakupan_aktif as a
  on a.dataset = 'simkopdes_desa' and a.batch_id = s.batch_id
 and a.minggu = s.minggu and a.kode_kabupaten = s.kode_kabupaten;
