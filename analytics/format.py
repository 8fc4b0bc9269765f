"""Indonesian number formats: 1.166, 45,2%, Rp1,2 M."""

from __future__ import annotations

import math


def angka(value, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def persen(value, decimals: int = 1) -> str:
    """`value` is a share between 0 and 1."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{angka(value * 100, decimals)}%"


def selisih(value) -> str:
    """Change since last week with an arrow: '▲ 12', '▼ 3', '= 0'."""
    if value is None:
        return "–"
    if value > 0:
        return f"▲ {angka(value)}"
    if value < 0:
        return f"▼ {angka(-value)}"
    return "= 0"


def rupiah(value) -> str:
    if value is None:
        return "–"
    v = float(value)
    for limit, suffix in ((1e12, " T"), (1e9, " M"), (1e6, " jt")):
        if abs(v) >= limit:
            return f"Rp{angka(v / limit, 1)}{suffix}"
    return f"Rp{angka(v)}"
