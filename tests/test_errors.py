"""Uncaught errors: the visitor reads a short message with a code, the log has the details."""

import re
import tomllib

from streamlit.testing.v1 import AppTest

from conftest import ROOT


def test_an_uncaught_error_shows_a_code_and_logs_the_details(caplog):
    def page_that_fails():
        import streamlit as st

        from ui import shell

        shell.catch_errors()
        st.write("sebelum galat")
        raise RuntimeError("rahasia: /srv/kdkmp/data/kdkmp.duckdb")

    at = AppTest.from_function(page_that_fails, default_timeout=30)
    at.run()
    assert not at.exception
    message = at.error[0].value
    kode = re.search(r"kode ([0-9a-f]{6})", message).group(1)
    assert "rahasia" not in message and "Traceback" not in message
    logged = [r for r in caplog.records if kode in r.getMessage()]
    assert logged and logged[0].exc_info[1].args == ("rahasia: /srv/kdkmp/data/kdkmp.duckdb",)


def test_st_stop_is_not_an_error():
    def page_that_stops():
        import streamlit as st

        from ui import shell

        shell.catch_errors()
        st.write("berhenti di sini")
        st.stop()

    at = AppTest.from_function(page_that_stops, default_timeout=30)
    at.run()
    assert not at.exception and not at.error and at.markdown[0].value == "berhenti di sini"


def test_the_shipped_config_hides_error_details():
    with (ROOT / ".streamlit" / "config.toml").open("rb") as fh:
        assert tomllib.load(fh)["client"]["showErrorDetails"] == "none"
