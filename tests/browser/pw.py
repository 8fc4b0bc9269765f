"""Playwright for the browser test modules, imported in one place.

Without the playwright package a module importing from here is skipped with the reason, unless CI
requires the browser tests (KDKMP_REQUIRE_BROWSER=1, set by .ci/run): then its collection fails.
The same rule as `conftest.chromium`.
"""

from __future__ import annotations

import os

import pytest

try:
    from playwright.sync_api import Error, Page, expect
except ImportError as exc:
    if os.environ.get("KDKMP_REQUIRE_BROWSER") == "1":
        raise ImportError(
            f"Browser tests are required (KDKMP_REQUIRE_BROWSER=1) but playwright is missing: {exc}"
        ) from exc
    pytest.skip(f"playwright is not installed ({exc}); install requirements-dev.txt", allow_module_level=True)

__all__ = ["Error", "Page", "expect"]
