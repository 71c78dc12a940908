"""French analysis shared by indexing and querying: elisions, accent folding, stopwords, Snowball
stemming and an HR acronym lexicon expanded both ways (``CLM`` <-> ``congé de longue maladie``).

Tokens are plain ``[a-z0-9]+`` strings, so SQLite FTS5 and PostgreSQL count them the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from rhia.folding import fold
from rhia.search.lexicon import (
    ACRONYMS,
    AMBIGUOUS,
    COLLOQUIAL,
    COLLOQUIAL_PHRASES,
    STOPWORDS,
)

_STEMMER = Stemmer.Stemmer("french")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball French stem of a lower-case (accented) word, then accent-folded."""
    return fold(_STEMMER.stemWord(word))


def _words(text: str) -> list[tuple[str, bool]]:
    """(lower-case word, written in capitals) after elision removal."""
    text = _ELISION.sub(" ", text.replace("’", "'"))
    return [(w.lower(), w.isupper() and len(w) > 1) for w in _WORD.findall(text)]


def _token(word: str, upper: bool) -> str | None:
    folded = fold(word)
    if not folded.isascii() or not folded.isalnum():
        folded = re.sub(r"[^a-z0-9]", "", folded)
        if not folded:
            return None
    if folded in ACRONYMS and (upper or folded not in AMBIGUOUS):
        return folded
    if folded in STOPWORDS:
        return None
    return re.sub(r"[^a-z0-9]", "", stem(word)) or None


def tokenize(text: str) -> list[str]:
    """Index-side analysis: one token per meaningful word, in order."""
    out = []
    for word, upper in _words(text):
        token = _token(word, upper)
        if token:
            out.append(token)
    return out


@lru_cache(maxsize=1)
def _expansions() -> tuple[dict[str, tuple[str, ...]], list[tuple[tuple[str, ...], str]]]:
    forward = {acro: tuple(tokenize(expansion)) for acro, expansion in ACRONYMS.items()}
    backward = sorted(
        ((tokens, acro) for acro, tokens in forward.items() if tokens), key=lambda item: -len(item[0])
    )
    return forward, backward


def expand(tokens: list[str]) -> list[str]:
    """Acronyms gain their expansion's tokens; expansions found in sequence gain their acronym."""
    forward, backward = _expansions()
    out = list(tokens)
    for token in tokens:
        if token in forward:
            out.extend(forward[token])
    for phrase, acro in backward:
        n = len(phrase)
        if any(tuple(tokens[i : i + n]) == phrase for i in range(len(tokens) - n + 1)):
            out.append(acro)
    return out


@lru_cache(maxsize=1)
def _colloquial() -> dict[str, tuple[str, ...]]:
    return {word: tuple(tokenize(expansion)) for word, expansion in COLLOQUIAL.items()}


# Who asks must not change what is found: civilities carry no meaning for retrieval, and a feminine
# role noun in -trice finds the texts written with the masculine -teur (the fiches' wording).
_CIVILITY = re.compile(r"\b(?:mmes?|mlles?|madame|mesdames|monsieur|messieurs|mr|m)\b\.?", re.IGNORECASE)
_FEMININE_TRICE = re.compile(r"\b(\w{3,})trice(s?)\b", re.IGNORECASE)
_NOT_FEMININE = frozenset({"ma", "cica"})


def _gender_neutral(text: str) -> str:
    text = _CIVILITY.sub(" ", text)
    return _FEMININE_TRICE.sub(
        lambda m: m.group(0) if m.group(1).lower() in _NOT_FEMININE else f"{m.group(1)}teur{m.group(2)}", text
    )


def query_terms(text: str) -> list[str]:
    """Query-side analysis: tokens plus acronym and everyday-word expansions, de-duplicated, in order."""
    text = _gender_neutral(text)
    extra: list[str] = []
    lowered = text.lower().replace("’", "'")
    for pattern, expansion in COLLOQUIAL_PHRASES:
        if pattern.search(lowered):
            extra.extend(tokenize(expansion))
    colloquial = _colloquial()
    for word, _upper in _words(text):
        extra.extend(colloquial.get(word, ()))
    seen: dict[str, None] = {}
    for token in expand(tokenize(text) + extra):
        seen.setdefault(token, None)
    return list(seen)
