"""One normalisation of numbers for both sides of a comparison (draft and sources).

Numbers written in words become digits with ``text2num`` ("quatre-vingt-dix jours" -> "90 jours"),
thousands separators and non-breaking spaces disappear ("18 552 €" -> "18552 €"), decimal commas
become points, and a percentage always reads "50 %". List numbering at the start of a line
("1.", "2)", "3 -") is not a figure and is removed.
"""

from __future__ import annotations

import re
from contextlib import suppress
from functools import lru_cache

from text_to_num import alpha2digit

from rhia.folding import fold

_SPACES = re.compile(r"[\u00a0\u202f\u2009\t ]+")
_LIST_NUMBER = re.compile(r"(?m)^\s*(?:\d{1,2}\s*[.)\-–]|[-•*–])\s+")
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3})(?:[ .](\d{3}))+(?![\d])")
_PERCENT = re.compile(r"(\d)\s*(?:%|pour\s*cent|pour\s*100|pourcents?)")
_DECIMAL = re.compile(r"(\d),(\d)")
_ARTICLE = re.compile(
    r"\b([Uu]ne?)\b(?!\s+(?:jours?|semaines?|mois|ans?|années?|heures?|trimestres?|enfants?|fois|demi|tiers|quart)\b)"
)
_ORDINAL = re.compile(r"\b(1)(?:er|re|ère)\b")


def strip_list_numbers(text: str) -> str:
    return _LIST_NUMBER.sub("", text)


def _join_thousands(match: re.Match) -> str:
    return re.sub(r"[ .]", "", match.group(0))


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Folded text (lower case, no accents) with every number in one canonical digit form."""
    text = _SPACES.sub(" ", strip_list_numbers(text))
    # "un"/"une" are articles unless a unit follows ("un an", "une semaine"): keep them as words.
    text = _ARTICLE.sub(lambda m: m.group(1) + "QARTICLEQ", text)
    # text2num gives up on a few odd sequences: the words are then kept as they are.
    with suppress(ValueError, IndexError):
        text = alpha2digit(text, "fr", threshold=0)
    text = text.replace("QARTICLEQ", "")
    text = fold(text)
    text = _ORDINAL.sub(r"\1", text)
    text = _THOUSANDS.sub(_join_thousands, text)
    text = _DECIMAL.sub(r"\1.\2", text)
    text = _PERCENT.sub(r"\1 %", text)
    text = re.sub(r"(\d)\s*€", r"\1 €", text)
    return re.sub(r"\s+", " ", text).strip()


_UNIT = (
    r"%|€|euros?|jours?|semaines?|mois|ans?|annees?|heures?|h|minutes?|trimestres?|points?|"
    r"enfants?|kg|ieme|e\b|mes?\b"
)
_QUANTITY = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?(?:\s*/\s*\d+)?)(?:\s*(" + _UNIT + r"))?(?![\w])")
_UNIT_CANON = {
    "euro": "€", "euros": "€", "jours": "jour", "semaines": "semaine", "ans": "an", "annee": "an",
    "annees": "an", "heures": "heure", "h": "heure", "minutes": "minute", "trimestres": "trimestre",
    "points": "point", "enfants": "enfant", "e": "", "ieme": "", "me": "", "mes": "",
}  # fmt: skip


def quantities(text: str) -> list[tuple[str, str]]:
    """(value, unit) pairs of a text, on the canonical form ("2 mois" -> ("2", "mois"))."""
    found = []
    for match in _QUANTITY.finditer(normalise(text)):
        unit = match.group(2) or ""
        found.append((re.sub(r"\s+", "", match.group(1)), _UNIT_CANON.get(unit, unit)))
    return found
