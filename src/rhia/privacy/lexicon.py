"""Word lists and accent folding shared by the recognizers (no Django import)."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


def _load_list(name: str) -> frozenset[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


def _fold_table() -> dict[int, str]:
    table = {}
    for code in range(0x80, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0].lower()
        if len(base) == 1 and base != char:
            table[code] = base
    table[0x130] = "i"  # "İ".lower() is two characters
    for code in range(0x41, 0x5B):
        table[code] = chr(code + 32)
    return table


_FOLD = _fold_table()


def fold(value: str) -> str:
    """Lowercase without accents, same length as ``value`` (one char in, one char out)."""
    folded = value.translate(_FOLD)
    lowered = folded.lower()
    return lowered if len(lowered) == len(value) else folded


@cache
def first_names() -> frozenset[str]:
    return _load_list("first_names.txt")


@cache
def last_names() -> frozenset[str]:
    return _load_list("last_names.txt")


HARD_NOT_NAMES = _load_list("not_names.txt")
NOT_NAMES = HARD_NOT_NAMES | _load_list("ambiguous_names.txt")
