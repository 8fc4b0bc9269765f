"""Runs the inbox folder import inside the app process, every few seconds, on a daemon thread."""

from __future__ import annotations

import logging
import threading
import time

import streamlit as st

from analytics import kotak_masuk

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 10


@st.cache_resource(show_spinner=False)
def start(path: str, folder: str) -> threading.Thread:
    """One watcher per process and database; `path` keys the cache, the connection is the app's."""
    from ui.shell import connection

    con = connection(path)
    target = kotak_masuk.folder(folder or None)
    target.mkdir(parents=True, exist_ok=True)

    def loop() -> None:
        while True:
            try:
                for report in kotak_masuk.process_inbox(con, target):
                    log.info("kotak masuk: %s %s", report.get("file"), report.get("status"))
            except Exception:  # keep watching; the failure is in the log
                log.exception("kotak masuk gagal")
            time.sleep(INTERVAL_SECONDS)

    thread = threading.Thread(target=loop, name="kotak-masuk", daemon=True)
    thread.start()
    return thread
