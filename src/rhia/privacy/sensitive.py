"""Sensitive categories (GDPR art. 9 and HR-sensitive data): a classification of the text.

Each category lists French trigger expressions matched on lowercase, accent-free text at
word boundaries. Hits are reported with the words found; policy uses them (sensitive text
may only go to on-premises providers), they are not redacted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rhia.privacy.entities import SensitiveHit
from rhia.privacy.lexicon import fold, lemma
from rhia.privacy.sensitive_lexicon import EXPRESSIONS, IMPLIES, LEMMAS, NEUTRALISERS, TRIGGERS

CATEGORY_LABELS = {
    "sante": "Santé",
    "handicap": "Handicap",
    "grossesse": "Grossesse",
    "syndicat": "Appartenance syndicale",
    "religion": "Religion ou convictions",
    "opinion_politique": "Opinions politiques",
    "orientation_sexuelle": "Vie ou orientation sexuelle",
    "origine_ethnique": "Origine raciale ou ethnique",
    "condamnation": "Condamnations et infractions pénales",
}

_COMPILED = {
    category: re.compile(r"(?<![\w])(?:" + "|".join(patterns + EXPRESSIONS.get(category, [])) + r")(?![\w])")
    for category, patterns in TRIGGERS.items()
}
_NEUTRAL = re.compile(r"(?<![\w])(?:" + "|".join(NEUTRALISERS) + r")(?![\w])")
WORD_RE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def _lemma_forms(word: str) -> frozenset[str]:
    """The word's lemma and plain plural / feminine reductions (lookup tables miss rare words)."""
    folded = fold(word)
    forms = {folded, lemma(word.lower())}
    for suffix in ("es", "s", "x", "e"):
        if folded.endswith(suffix) and len(folded) > len(suffix) + 3:
            forms.add(folded[: -len(suffix)])
    return frozenset(forms)


@lru_cache(maxsize=65536)
def _lemma_categories(word: str) -> tuple[str, ...]:
    forms = _lemma_forms(word)
    upper_only = fold(word) in UPPER_ONLY and not word[:2].isupper()
    return () if upper_only else tuple(c for c, lemmas in LEMMAS.items() if forms & lemmas)


# Acronyms that are also ordinary words: they count only when written in upper case.
UPPER_ONLY = frozenset({"fo", "sud", "sud education", "das", "rom", "roms", "fiv", "pma", "aah", "lfi"})


def find_sensitive(text: str, exclude: Iterable[tuple[int, int]] = ()) -> list[SensitiveHit]:
    """Sensitive categories of ``text``; words inside ``exclude`` spans (detected values: M. Gay,
    Mme Chrétien, rue de l'Église) do not count."""
    # one character for one (not fold_words, which collapses spaces and spells ligatures out): the
    # offsets found in ``folded`` are read back in ``text``
    folded = fold(text).replace("’", "'")
    neutral = [(m.start(), m.end()) for m in _NEUTRAL.finditer(folded)] + list(exclude)
    hits: dict[str, list[str]] = {}

    def add(category: str, start: int, end: int) -> None:
        word = text[start:end]
        hits.setdefault(category, [])
        if word.lower() not in (w.lower() for w in hits[category]):
            hits[category].append(word)

    for category, regex in _COMPILED.items():
        for m in regex.finditer(folded):
            if any(s <= m.start() < e for s, e in neutral):
                continue
            if m.group() in UPPER_ONLY and not text[m.start() : m.end()][:2].isupper():
                continue
            add(category, m.start(), m.end())
    for m in WORD_RE.finditer(text):
        if len(m.group()) < 3 or any(s <= m.start() < e for s, e in neutral):
            continue
        for category in _lemma_categories(m.group()):
            add(category, m.start(), m.end())
    for category, implied in IMPLIES.items():
        if category in hits:
            for other in implied:
                hits.setdefault(other, [])
    order = list(CATEGORY_LABELS)
    return [SensitiveHit(category, hits[category]) for category in sorted(hits, key=order.index)]
