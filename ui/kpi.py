"""The one KPI tile of the dashboard: a registry metric, its value and the change since the
previous week with data, coloured by the metric's good direction."""

from __future__ import annotations

from analytics.metrik import METRIK
from analytics.ringkasan import Picture


def tile_nilai(
    column, metrik_id: str, value, before=None, *, label: str | None = None, teks: str | None = None
) -> None:
    """Draw metric `metrik_id` with `value` (and last week's `before`) in `column`."""
    m = METRIK[metrik_id]
    delta = None
    if before is not None and teks is None:
        diff = value - before
        delta = "0" if diff == 0 else ("+" if diff > 0 else "-") + m.teks(abs(diff))
    column.metric(
        label or m.label,
        teks if teks is not None else m.teks(value),
        delta=delta,
        border=True,
        delta_color={"turun": "inverse", "naik": "normal"}.get(m.arah, "off"),
        help=m.bantuan or None,
        delta_arrow="auto" if delta not in (None, "0") else "off",
    )


def tile(column, p: Picture, metrik_id: str, *, label: str | None = None) -> None:
    """Draw a registry metric from the weekly picture."""
    tile_nilai(column, metrik_id, p[metrik_id], p.lalu(metrik_id), label=label)
