"""Text from files and visitors made safe to store and to show.

Plotly reads a few HTML tags in axis labels, legends, bar text and hover text (`<a href>`, `<b>`,
`<span style>`, `<br>`) and decodes entities, so a name from a file must reach a figure escaped to
show literally. `escape_figure` does it once per figure, where the figure is finished
(ui/charts.py and the Presentasi deck). Map tooltips need nothing here: Streamlit's pydeck chart
escapes the values it puts into the tooltip template itself.
"""

from __future__ import annotations

import re
import unicodedata

FILE_NAME_LIMIT = 200
# Control characters, format characters (zero-width, bidi overrides that flip "exe.csv" into
# view), surrogates and line/paragraph separators: invisible or able to break a line or a file.
_HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp"}
# "&" starts an entity only when one follows; escaping is idempotent, so a second pass is harmless.
_AMPERSAND = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|nbsp|#\d{1,7}|#x[0-9a-fA-F]{1,6});)")
# Trace properties shown as text (never customdata: it carries the keys a click returns).
_TRACE_TEXT = ("x", "y", "text", "hovertext", "labels", "name")
_AXIS_TEXT = ("categoryarray", "tickvals", "ticktext")


def is_hidden(ch: str) -> bool:
    return unicodedata.category(ch) in _HIDDEN


def hidden_characters(text: str) -> list[str]:
    """The control/format characters in `text`, as U+XXXX, for a message."""
    return [f"U+{ord(ch):04X}" for ch in dict.fromkeys(ch for ch in text if is_hidden(ch))]


def strip_hidden(text: str) -> str:
    return "".join(ch for ch in text if not is_hidden(ch))


def file_name(name: object, limit: int = FILE_NAME_LIMIT) -> str:
    """An uploaded file's name as a label: control characters removed, at most `limit` characters,
    the extension kept when it is cut."""
    # Line breaks and tabs become spaces (split), other hidden characters go.
    text = strip_hidden(" ".join(str(name or "").split())).strip() or "(tanpa nama)"
    if len(text) <= limit:
        return text
    _, dot, ext = text.rpartition(".")
    tail = dot + ext if dot and 0 < len(ext) <= 10 else ""
    return text[: limit - len(tail) - 1] + "…" + tail


def markup(value: object) -> str:
    """`value` as text that plotly shows literally: `<`, `>` and a bare `&` escaped."""
    text = value if isinstance(value, str) else str(value)
    if not any(c in text for c in "<>&"):
        return text
    return _AMPERSAND.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def _escaped(value):
    if isinstance(value, str):
        return markup(value)
    if isinstance(value, (list, tuple)) or getattr(value, "dtype", None) is not None and value.dtype.kind in "OUT":
        if not any(isinstance(v, str) for v in value):
            return value
        return [markup(v) if isinstance(v, str) else v for v in value]
    return value


def escape_figure(fig):
    """Every text a plotly figure shows from its data (labels, categories, names, bar and hover
    text) escaped in place; returns the figure. Text written by the code itself (hovertemplate,
    annotations, titles) and customdata are left alone: a figure that shows a name through
    customdata escapes it with `markup` where it builds it."""
    for trace in fig.data:
        for prop in _TRACE_TEXT:
            if prop in trace and trace[prop] is not None:
                new = _escaped(trace[prop])
                if new is not trace[prop]:
                    trace[prop] = new
    for axis in [*fig.select_xaxes(), *fig.select_yaxes()]:
        for prop in _AXIS_TEXT:
            if axis[prop] is not None:
                new = _escaped(axis[prop])
                if new is not axis[prop]:
                    axis[prop] = new
    return fig
