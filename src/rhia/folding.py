"""Text folding, one rule for every layer (search, guard, privacy, drafting, fairness): lower case,
no accents, compatibility forms and ligatures spelled out ("Œuvre", "ﬁn" -> "oeuvre", "fin").

``fold`` is the rule. ``fold_words`` adds straight apostrophes and single spaces, the form texts are
compared in and patterns are written for. ``fold_same_length`` applies the rule one character for one,
so that offsets found in the folded text are offsets in the original. Pure Python, no Django.
"""

from __future__ import annotations

import unicodedata
from functools import cache

_APOSTROPHES = str.maketrans(dict.fromkeys("’‘`´", "'"))


def fold(text: str) -> str:
    """Lower case, no accents, ligatures and compatibility forms decomposed (positions are not kept)."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def fold_words(text: str, *, ascii_only: bool = False) -> str:
    """``fold`` with straight apostrophes and single spaces; ``ascii_only`` also drops what has no
    ASCII form left (€, «, —, ß, other scripts)."""
    text = fold(text.translate(_APOSTROPHES))
    if ascii_only:
        text = text.encode("ascii", "ignore").decode("ascii")
    return " ".join(text.split())


@cache
def _same_length_table() -> dict[int, str]:
    """Latin-1 and Latin Extended-A/B characters that ``fold`` turns into one other character."""
    table = {}
    for code in range(0x80, 0x250):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded != char:
            table[code] = folded
    table[0x130] = "i"  # "İ".lower() is two characters
    for code in range(0x41, 0x5B):
        table[code] = chr(code + 32)
    return table


def fold_same_length(text: str) -> str:
    """``fold`` one character for one: what folds to several characters (œ, ĳ) is only lower-cased."""
    folded = text.translate(_same_length_table())
    lowered = folded.lower()
    return lowered if len(lowered) == len(text) else folded
