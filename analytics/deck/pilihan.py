"""Which slides show, and in which order: the office's choice, kept in a small JSON file
(`data/presentasi.json`, or KDKMP_PRESENTASI)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from analytics import db
from analytics.deck.teks import SLIDE_IDS

if TYPE_CHECKING:
    from analytics.deck.model import Slide


# --- the kept choice: order and hidden slides ---------------------------------------------------


@dataclass(frozen=True)
class Pilihan:
    urutan: tuple[str, ...] = SLIDE_IDS
    sembunyi: frozenset[str] = frozenset()

    def as_json(self) -> dict:
        return {"urutan": list(self.urutan), "sembunyi": sorted(self.sembunyi)}

    @classmethod
    def from_json(cls, doc) -> Pilihan:
        """Unknown ids are dropped and missing ones appended in the default order."""
        if not isinstance(doc, dict):
            return cls()
        urutan = [s for s in doc.get("urutan", []) if isinstance(s, str) and s in SLIDE_IDS]
        urutan = list(dict.fromkeys(urutan)) + [s for s in SLIDE_IDS if s not in urutan]
        sembunyi = frozenset(s for s in doc.get("sembunyi", []) if isinstance(s, str) and s in SLIDE_IDS)
        return cls(tuple(urutan), sembunyi)

    def geser(self, slide_id: str, langkah: int) -> Pilihan:
        """Move one slide up (-1) or down (+1) in the order."""
        urutan = list(self.urutan)
        i = urutan.index(slide_id)
        j = min(max(i + langkah, 0), len(urutan) - 1)
        urutan.insert(j, urutan.pop(i))
        return Pilihan(tuple(urutan), self.sembunyi)

    def tampil(self, slide_id: str, ya: bool) -> Pilihan:
        sembunyi = set(self.sembunyi)
        if ya:
            sembunyi.discard(slide_id)
        else:
            sembunyi.add(slide_id)
        return Pilihan(self.urutan, frozenset(sembunyi))


def terapkan(slides: list[Slide], pilihan: Pilihan) -> list[Slide]:
    by_id = {s.id: s for s in slides}
    out = [by_id[i] for i in pilihan.urutan if i in by_id and i not in pilihan.sembunyi]
    return out or [slides[0]]  # hiding everything would leave nothing to present


def pilihan_path() -> Path:
    return Path(os.environ.get("KDKMP_PRESENTASI") or db.DATA_DIR / "presentasi.json")


def baca_pilihan(path: Path | None = None) -> Pilihan:
    path = path or pilihan_path()
    try:
        return Pilihan.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return Pilihan()


def simpan_pilihan(pilihan: Pilihan, path: Path | None = None) -> None:
    """Written to a temporary file first, so a crash never leaves half a file."""
    path = path or pilihan_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(pilihan.as_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)
