"""What every page calls first: page config, the shared sidebar filter, navigation, demo badge.

The app uses Streamlit's classic `pages/` mode. The filter lives in `st.session_state["filter"]`
(the source of truth, kept across page switches) and is mirrored into the URL with
`st.query_params` (provinsi, kabupaten, kecamatan, desa as Kemendagri codes; minggu as the
Monday) so a filtered view can be shared and opened directly.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import secrets
import types
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from analytics import access, db, kualitas, periode, ringkasan, unggahan, zona
from analytics import demo as demo_data
from analytics.filters import LEVELS, Filter
from analytics.format import angka
from analytics.wilayah import Gazetteer
from ui import teks

ROOT = Path(__file__).resolve().parents[1]
# A local file: a Material icon name would make the browser fetch it from Google's font servers.
ICON = str(ROOT / "static" / "ikon.png")
# Every page of the app in menu order; a page is listed once its file exists.
PAGES = (
    ("pages/1_ringkasan.py", "ringkasan"),
    ("pages/12_target.py", "target"),
    ("pages/2_zona.py", "zona"),
    ("pages/3_lahan.py", "lahan"),
    ("pages/4_sppg.py", "sppg"),
    ("pages/5_digitalisasi.py", "digitalisasi"),
    ("pages/6_kelengkapan.py", "kelengkapan"),
    ("pages/7_peta.py", "peta"),
    ("pages/8_unggah.py", "unggah"),
    ("pages/9_presentasi.py", "presentasi"),
    ("pages/10_audit.py", "audit"),
    ("pages/11_kualitas.py", "kualitas"),
)
# The permission a page needs (analytics.access.PERMISSIONS); others need "lihat".
PAGE_PERMISSION = {"unggah": "unggah", "audit": "audit"}


@st.cache_resource(show_spinner="Membuka basis data…")
def connection(path: str):
    """One DuckDB connection per process; every query takes its own cursor."""
    con = db.connect(path)
    zona.aturan.ensure_current(con, zona.aturan.load_rules())
    kualitas.aturan.ensure_current(con, kualitas.load_aturan())
    return con


@st.cache_resource(show_spinner=False)
def gazetteer(path: str) -> Gazetteer:
    return Gazetteer.load(connection(path))


def _nama_fungsi(fungsi: types.FunctionType) -> str:
    return f"{fungsi.__module__}.{fungsi.__qualname__}"


# Streamlit would hash a function by its bare name; two modules may share one (zona_per_wilayah).
@st.cache_data(show_spinner=False, max_entries=1024, hash_funcs={types.FunctionType: _nama_fungsi})
def _tanya(path: str, version: str, fungsi: types.FunctionType, args: tuple):
    """One analytic answer shared by every session: keyed by the question and the data version, read
    from one snapshot (another server's commit meanwhile shows in the next answer, never in half)."""
    con = connection(path)
    with db.one_snapshot(con):
        return fungsi(con, *args)


def versi(path: str, con, f: Filter | None = None) -> str:
    """The data version inside `f`: the key of every cached answer. In a lake it is read once per
    lake snapshot (any server's commit makes a new one, so a commit on one server shows on another
    at its next rerun): the version scans the upload tables, the snapshot is one catalog lookup."""
    snapshot = db.snapshot(con)
    if snapshot is None:
        return unggahan.versi_data(con, f)
    return _tanya(path, f"snapshot {snapshot}", unggahan.versi_data, (f or Filter(),))


def weeks_for(path: str, version: str, f: Filter) -> dict:
    """The weeks with data per dataset inside `f` (the sidebar's week list)."""
    return _tanya(path, version, periode.minggu_data, (f,))


@dataclass
class Context:
    path: str
    con: object
    g: Gazetteer
    filter: Filter
    minggu: dt.date | None  # the week chosen (None: latest with data)
    version: str
    demo: bool
    user: access.User = access.LOCAL_ADMIN

    def picture(self) -> ringkasan.Picture:
        return self.tanya(ringkasan.picture, self.filter, self.minggu)

    def tanya(self, fungsi, *args):
        """`fungsi(con, *args)` from the analytic layer, answered once per data version for all sessions.

        A Monday morning opens the same pages at the same filters many times; the answer of the
        first view serves the others until an upload, undo or rule change makes a new version."""
        return _tanya(self.path, self.version, fungsi, args)


def _state_from_url(g: Gazetteer) -> None:
    qp = st.query_params
    raw = Filter(*(qp.get(level) or None for level in LEVELS)).consistent()
    # Unknown codes in a shared link are dropped, deepest first.
    while raw.level and not g.exists(raw.level, raw.code):
        raw = raw.up()
    st.session_state["filter"] = raw
    minggu = None
    if qp.get("minggu"):
        try:
            minggu = periode.monday(qp.get("minggu"))
        except ValueError:
            minggu = None
    st.session_state["minggu"] = minggu


log = logging.getLogger(__name__)


def _uncaught(exc: Exception) -> bool:
    """An error the page did not handle: the visitor reads a short message with a code, the server
    log gets the traceback under the same code. Returning True replaces Streamlit's own display
    (redacted anyway by client.showErrorDetails = "none"). st.stop and st.rerun never get here."""
    kode = secrets.token_hex(3)
    log.error("Galat tak tertangani, kode %s", kode, exc_info=exc)
    st.error(teks.GALAT_UMUM.format(kode=kode), icon=":material/error:")
    return True


def catch_errors() -> None:
    """Route this run's uncaught errors to `_uncaught` (Streamlit's on_script_error hook, which
    st.App sets per server; the classic `streamlit run` has only the run's context for it)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is not None and hasattr(ctx, "on_script_error"):
        ctx.on_script_error = _uncaught


def init_state() -> None:
    """Read the URL into the session once; later runs keep the session's own filter."""
    catch_errors()
    path = str(db.default_path())
    if "filter" not in st.session_state:
        _state_from_url(gazetteer(path))


def _sync_url(f: Filter, minggu: dt.date | None) -> None:
    wanted = {level: getattr(f, level) for level in LEVELS if getattr(f, level)}
    if minggu:
        wanted["minggu"] = minggu.isoformat()
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def _select_level(g: Gazetteer, f: Filter, level: str, user: access.User = access.LOCAL_ADMIN) -> Filter:
    """One cascading selectbox; returns the filter with this level (and children) updated.
    Levels at or above the user's own region are fixed to it."""
    parent_level = LEVELS[LEVELS.index(level) - 1] if level != "provinsi" else None
    parent = getattr(f, parent_level) if parent_level else ""
    label = {
        "provinsi": teks.LABEL_PROVINSI,
        "kabupaten": teks.LABEL_KABUPATEN,
        "kecamatan": teks.LABEL_KECAMATAN,
        "desa": teks.LABEL_DESA,
    }[level]
    semua = {
        "provinsi": teks.SEMUA_PROVINSI,
        "kabupaten": teks.SEMUA_KABUPATEN,
        "kecamatan": teks.SEMUA_KECAMATAN,
        "desa": teks.SEMUA_DESA,
    }[level]
    key = f"w_{level}"
    if user.region and LEVELS.index(level) < len(user.region.split(".")):
        fixed = getattr(Filter.from_code(user.region), level)
        st.session_state[key] = fixed
        st.selectbox(label, [fixed], format_func=lambda c: g.nama_tampil(level, c), key=key, disabled=True)
        return f
    if parent is None:
        st.session_state[key] = None
        st.selectbox(label, [None], format_func=lambda c: semua, key=key, disabled=True, placeholder=semua)
        return f
    children = g.children(level, parent)
    names = {c: g.nama_tampil(level, c) for c, _ in children}
    options = [None] + [c for c, _ in children]
    current = getattr(f, level)
    st.session_state[key] = current if current in names else None
    # None is both the first option and the placeholder, so "Semua …" shows when nothing is chosen.
    st.selectbox(
        label,
        options,
        key=key,
        format_func=lambda c: semua if c is None else names[c],
        on_change=_level_changed,
        args=(level,),
        placeholder=semua,
    )
    return f


def _level_changed(level: str) -> None:
    """Widget callback: runs before the page, so the new filter is in place for every widget."""
    f: Filter = st.session_state["filter"]
    values = {lv: getattr(f, lv) for lv in LEVELS}
    values[level] = st.session_state[f"w_{level}"]
    for deeper in LEVELS[LEVELS.index(level) + 1 :]:
        values[deeper] = None
    st.session_state["filter"] = Filter(**values)


def _week_changed() -> None:
    st.session_state["minggu"] = st.session_state["w_minggu"]


def _sidebar_filter(
    ctx_path: str, g: Gazetteer, con, user: access.User = access.LOCAL_ADMIN
) -> tuple[Filter, dt.date | None, str]:
    """The filter and week chosen in the sidebar, and the data version inside that filter."""
    f: Filter = access.clamp(user, st.session_state["filter"])
    st.session_state["filter"] = f
    st.sidebar.subheader(teks.FILTER_JUDUL)
    with st.sidebar:
        for level in LEVELS:
            f = _select_level(g, f, level, user)
        version = versi(ctx_path, con, f)
        available = periode.semua_minggu(weeks_for(ctx_path, version, f))
        minggu = st.session_state.get("minggu")
        if minggu not in available:
            minggu = None
        st.session_state["w_minggu"] = minggu
        latest_label = (
            teks.MINGGU_TERBARU.format(minggu=available[0].isocalendar()[1])
            if available
            else teks.MINGGU_TERBARU_KOSONG
        )
        minggu = st.selectbox(
            teks.LABEL_MINGGU,
            [None] + available,
            key="w_minggu",
            on_change=_week_changed,
            format_func=lambda m: latest_label if m is None else periode.label(m),
            placeholder=latest_label,
            help=teks.MINGGU_BANTUAN.format(minggu=f" ({periode.label(available[0])})" if available else ""),
        )
        if (
            f.level
            and f != access.clamp(user, Filter())
            and st.button(teks.FILTER_RESET, icon=":material/filter_alt_off:", width="stretch")
        ):
            f, minggu = access.clamp(user, Filter()), None
            st.session_state["filter"], st.session_state["minggu"] = f, minggu
            _sync_url(f, minggu)
            st.rerun()
    st.session_state["filter"] = f
    st.session_state["minggu"] = minggu
    return f, minggu, version


def _navigation(user: access.User = access.LOCAL_ADMIN) -> None:
    with st.sidebar:
        st.markdown(f"### {teks.APP_JUDUL}")
        for path, name in PAGES:
            if not (ROOT / path).is_file() or not user.can(PAGE_PERMISSION.get(name, "lihat")):
                continue
            label, icon = teks.HALAMAN[name]
            st.page_link(path, label=label, icon=icon)


def _demo_controls(con, demo: bool, user: access.User = access.LOCAL_ADMIN) -> None:
    if not demo:
        return
    with st.sidebar:
        st.divider()
        st.badge(teks.DEMO_BADGE, icon=":material/science:", color="orange")
        if not user.can("hapus_contoh"):
            return
        with st.popover(teks.DEMO_HAPUS, icon=":material/delete:"):
            st.write(teks.DEMO_PENJELASAN)
            if st.button(teks.DEMO_HAPUS_YAKIN, type="primary", key="hapus_demo"):
                from analytics import ingest

                removed = ingest.remove_demo(con, user.email)
                st.cache_data.clear()
                st.toast(teks.DEMO_TERHAPUS.format(n=removed))
                st.rerun()


def page(title: str, *, wide: bool = True) -> Context:
    """Call first on every page: config, navigation, the shared filter, the demo badge."""
    catch_errors()
    st.set_page_config(page_title=f"{title} · {teks.APP_JUDUL}", page_icon=ICON, layout="wide" if wide else "centered")
    path = str(db.default_path())
    con = connection(path)
    g = gazetteer(path)
    from analytics.config import load as load_settings
    from ui import kotak_masuk, masuk

    user = masuk.current_user(con)
    kotak_masuk.start(path, load_settings().kotak_masuk)
    init_state()
    demo = demo_data.is_loaded(con)
    _navigation(user)
    f, minggu, version = _sidebar_filter(path, g, con, user)
    _sync_url(f, minggu)
    _demo_controls(con, demo, user)
    _who(con, user, g)
    st.title(title)
    if demo:
        st.badge(teks.DEMO_BADGE, icon=":material/science:", color="orange", help=teks.DEMO_PENJELASAN)
    return Context(path, con, g, f, minggu, version, demo, user)


def _who(con, user: access.User, g: Gazetteer) -> None:
    from ui import masuk

    with st.sidebar:
        st.divider()
        if user is access.LOCAL_ADMIN or user == access.LOCAL_ADMIN:
            st.caption(teks.MODE_LOKAL)
            return
        region = (
            g.nama_tampil("provinsi" if "." not in (user.region or "") else "kabupaten", user.region)
            if user.region
            else teks.SELURUH_INDONESIA
        )
        st.caption(teks.PENGGUNA_INFO.format(email=user.email, peran=teks.PERAN[user.role], wilayah=region))
        if st.button(teks.KELUAR, icon=":material/logout:", key="keluar"):
            masuk.sign_out(con, user)


def require(ctx: Context, action: str) -> None:
    """Stop the page unless the signed-in user may do `action` (the analytic layer checks again)."""
    if not ctx.user.can(action):
        st.error(teks.TIDAK_BERHAK.format(peran=teks.PERAN[ctx.user.role]))
        st.stop()


def area_name(g: Gazetteer, f: Filter) -> str:
    """'Kec. Balik Bukit · Kab. Lampung Barat · Lampung': the filter, named as tables name areas."""
    if f.level is None:
        return teks.SELURUH_INDONESIA
    parts = []
    for level in reversed(LEVELS):
        code = getattr(f, level)
        if code:
            name = g.nama_tampil(level, code)
            parts.append(f"Kec. {name}" if level == "kecamatan" else name)
    return " · ".join(parts)


def set_filter(f: Filter) -> None:
    """Narrow or widen the shared filter (drill-down, breadcrumb) and rerun."""
    st.session_state["filter"] = f
    _sync_url(f, st.session_state.get("minggu"))
    st.rerun()


def minggu_teks(kini, lalu) -> str:
    """'Minggu 47 · 16–22 Nov 2026 · dibandingkan dengan …' (or 'tanpa pembanding')."""
    return periode.label(kini) + (
        f" · {teks.DIBANDING.format(minggu=periode.label(lalu))}" if lalu else f" · {teks.TANPA_PEMBANDING}"
    )


def drill(event, shown=None) -> None:
    """A click on a bar narrows the shared filter to its area: the code in the bar's customdata[0],
    else the bar's label looked up in `shown` (kode, nama). Labels reach plotly escaped, so the
    label is unescaped before it is compared."""
    points = event.selection.points if event and event.selection else []
    if not points:
        return
    code = (points[0].get("customdata") or [None])[0] if shown is None else None
    if shown is not None:
        chosen = shown[shown["nama"] == html.unescape(str(points[0].get("y")))]
        code = chosen["kode"].iat[0] if len(chosen) == 1 else None
    current = st.session_state.get("filter")
    if code and code != (current.code if current else None):
        set_filter(Filter.from_code(code))


def grafik_wilayah(fig, key: str, shown, total: int, *, klik: bool = True, terbatas: str | None = None) -> None:
    """A chart of the areas one level down, `shown` (kode, nama) being the first of `total`: says when
    areas are left out (`terbatas`, with {n} and {total}; default teks.TERBATAS_WILAYAH) and, when
    `klik`, that a click on a bar narrows the shared filter, and does it."""
    event = st.plotly_chart(
        fig,
        config={"displayModeBar": False},
        on_select="rerun" if klik else "ignore",
        selection_mode="points",
        key=key,
    )
    if len(shown) < total:
        st.caption((terbatas or teks.TERBATAS_WILAYAH).format(n=angka(len(shown)), total=angka(total)))
    if klik:
        st.caption(teks.KLIK_BATANG)
        drill(event, shown)


def breadcrumb(ctx: Context) -> None:
    """Seluruh Indonesia › Provinsi › Kabupaten › Kecamatan, each a step back up."""
    f = ctx.filter
    steps = [(teks.SELURUH_INDONESIA, Filter())]
    for level in LEVELS:
        code = getattr(f, level)
        if code:
            steps.append((ctx.g.nama_tampil(level, code), Filter.from_code(code)))
    with st.container(horizontal=True, gap="small"):
        for i, (label, target) in enumerate(steps):
            last = i == len(steps) - 1
            if st.button(("› " if i else "") + label, key=f"crumb_{i}", disabled=last, type="tertiary"):
                set_filter(target)
