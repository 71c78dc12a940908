"""Snippets around the matched terms, and their highlighting (pure functions)."""

from __future__ import annotations

import re
from functools import lru_cache

from rhia.search.analysis import _token

_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|[^\w]+|_", re.UNICODE)


@lru_cache(maxsize=100_000)
def _word_token(word: str) -> str | None:
    bare = re.sub(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]", "", word, flags=re.IGNORECASE)
    return _token(bare.lower(), bare.isupper() and len(bare) > 1)


def _matches(word: str, terms: set[str]) -> bool:
    token = _word_token(word)
    return token is not None and token in terms


def segments(text: str, terms: set[str]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, matched) so a template can wrap matched words in <mark>."""
    return [
        (piece, bool(piece.strip()) and piece[0].isalnum() and _matches(piece, terms))
        for piece in _WORDS.findall(text)
    ]


def snippet(text: str, terms: set[str], width: int = 40) -> str:
    """About ``width`` words of ``text`` centred on the densest run of matched terms."""
    words = text.split()
    if len(words) <= width:
        return " ".join(words)
    flags = [_matches(w.strip(".,;:!?()«»\"'"), terms) for w in words]
    best, best_start = -1, 0
    window = sum(flags[:width])
    best, best_start = window, 0
    for start in range(1, len(words) - width + 1):
        window += flags[start + width - 1] - flags[start - 1]
        if window > best:
            best, best_start = window, start
    piece = " ".join(words[best_start : best_start + width])
    prefix = "… " if best_start > 0 else ""
    suffix = " …" if best_start + width < len(words) else ""
    return f"{prefix}{piece}{suffix}"
