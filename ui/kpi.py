"""The one KPI tile of the dashboard: a registry metric, its value and the change since the
previous week with data, coloured by the metric's good direction."""

from __future__ import annotations

from analytics import periode
from analytics.kamus import TARGET_STATUS_LABEL
from analytics.metrik import METRIK
from analytics.ringkasan import Picture
from analytics.target import kalimat
from ui.teks import TARGET_LABEL


def tile_nilai(
    column,
    metrik_id: str,
    value,
    before=None,
    *,
    label: str | None = None,
    teks: str | None = None,
    target: dict | None = None,
) -> None:
    """Draw metric `metrik_id` with `value` (and last week's `before`) in `column`; with `target` (a
    row of analytics.target.daftar for this metric and area) a line under it names the target and
    the help says whether it will be met."""
    m = METRIK[metrik_id]
    bantuan = m.bantuan or None
    if target is not None:
        bantuan = kalimat.kalimat(target)
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
        help=bantuan,
        delta_arrow="auto" if delta not in (None, "0") else "off",
    )
    if target is not None:  # under the tile, so the label stays the registry's
        column.caption(
            TARGET_LABEL.format(
                target=kalimat.nilai(target, target["target"]),
                tenggat=periode.tanggal(target["tenggat"]),
                status=TARGET_STATUS_LABEL[target["status"]].lower(),
            )
        )


def tile(column, p: Picture, metrik_id: str, *, label: str | None = None, target: dict | None = None) -> None:
    """Draw a registry metric from the weekly picture."""
    tile_nilai(column, metrik_id, p[metrik_id], p.lalu(metrik_id), label=label, target=target)
