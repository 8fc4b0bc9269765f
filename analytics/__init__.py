"""The analytic layer: plain Python over DuckDB, no Streamlit. Used by the app, the CLI and tests."""
