"""The shared region filter and its bound parameters (no SQL is built here)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

LEVELS = ("provinsi", "kabupaten", "kecamatan", "desa")
CODE_PATTERN = {
    "provinsi": re.compile(r"\d{2}"),
    "kabupaten": re.compile(r"\d{2}\.\d{2}"),
    "kecamatan": re.compile(r"\d{2}\.\d{2}\.\d{2}"),
    "desa": re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}"),
}


@dataclass(frozen=True)
class Filter:
    provinsi: str | None = None
    kabupaten: str | None = None
    kecamatan: str | None = None
    desa: str | None = None

    @classmethod
    def from_code(cls, code: str | None) -> Filter:
        """The filter that selects one region and its ancestors, from its dotted code."""
        if not code:
            return cls()
        parts = code.split(".")
        values = [".".join(parts[: i + 1]) for i in range(len(parts))]
        return cls(*values)

    def params(self) -> dict:
        """The parameters every query's filter clause binds."""
        return {"provinsi": self.provinsi, "kabupaten": self.kabupaten, "kecamatan": self.kecamatan, "desa": self.desa}

    @property
    def level(self) -> str | None:
        """The finest level chosen (None: the whole country)."""
        for level in reversed(LEVELS):
            if getattr(self, level):
                return level
        return None

    @property
    def code(self) -> str | None:
        return getattr(self, self.level) if self.level else None

    @property
    def group_level(self) -> str:
        """The level charts break the filter down by: one below the chosen level."""
        level = self.level
        if level is None:
            return "provinsi"
        if level in ("kecamatan", "desa"):
            return "desa"
        return LEVELS[LEVELS.index(level) + 1]

    def consistent(self) -> Filter:
        """Keep each level only while it sits inside the one above; fill missing parents."""
        result = Filter()
        for level in LEVELS:
            value = getattr(self, level)
            if not value:
                continue
            if not CODE_PATTERN[level].fullmatch(value):
                break
            if result.code and not value.startswith(result.code + "."):
                break
            result = Filter.from_code(value)
        return result

    def up(self) -> Filter:
        """The filter one level coarser (the breadcrumb's parent)."""
        level = self.level
        if level is None:
            return self
        return replace(self, **{level: None})
