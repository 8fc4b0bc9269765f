"""Entry point: routing only. The classic pages/ mode serves the pages; this file sends a visitor
(and any filter in the URL) on to Ringkasan."""

import streamlit as st

from ui import shell
from ui.shell import ICON

st.set_page_config(page_title="Dasbor KDKMP & MBG", page_icon=ICON, layout="wide")
shell.init_state()
st.switch_page("pages/1_ringkasan.py")
