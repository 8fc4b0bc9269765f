"""Jejak Audit: every upload, undo, zone-rule change and sign-in, for administrators."""

import json

import pandas as pd
import streamlit as st

from analytics import audit, periode
from ui import shell, teks, unduh

ctx = shell.page(teks.HALAMAN["audit"][0])
shell.require(ctx, "audit")
st.write(teks.AUDIT_PETUNJUK)

entries = audit.jejak_audit(ctx.con, 2000)
if entries.empty:
    st.info(teks.AUDIT_KOSONG)
    st.stop()


def _details(text: str) -> str:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return text or ""
    return "; ".join(f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in data.items())


shown = pd.DataFrame(
    {
        "#": entries["id"],
        "waktu": [periode.waktu(w) for w in entries["waktu"]],
        "pengguna": entries["pengguna"],
        "aksi": entries["aksi"].map(lambda a: audit.ACTIONS.get(a, a)),
        "rincian": entries["rincian"].map(_details),
    }
)
who = st.multiselect(teks.AUDIT_PENGGUNA, sorted(shown["pengguna"].unique()))
what = st.multiselect(teks.AUDIT_AKSI, sorted(shown["aksi"].unique()))
if who:
    shown = shown[shown["pengguna"].isin(who)]
if what:
    shown = shown[shown["aksi"].isin(what)]
st.dataframe(shown.iloc[::-1], hide_index=True)
unduh.table_downloads(shown, "jejak-audit")
