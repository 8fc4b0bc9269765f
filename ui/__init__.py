"""Streamlit helpers shared by every page: the shell (sidebar filter, navigation), texts, charts."""
