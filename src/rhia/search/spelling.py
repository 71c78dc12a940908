"""Typo tolerance: a query term the index has never seen is replaced by the closest indexed term.

Agents type fast ("détachemment", "conventionelle", "arret maladie"): an unknown analysed term would
match nothing. The vocabulary (term -> number of passages) is read once from the index and rebuilt
when the index changes; a term is corrected only when it is long enough to be a word (7+ characters: a short stem is often a real word, "rentr" is one edit from "rendr"),
unknown, and one edit away (two from 8 characters) from an indexed term of the same first letter;
ties go to the most frequent term. Numbers and acronyms are never touched.
"""

from __future__ import annotations

import threading
from collections import Counter

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

MIN_LENGTH = 7
_lock = threading.Lock()
_cache: dict[str, object] = {"key": None, "vocab": {}, "by_initial": {}}


def _index_key() -> tuple[int, int]:
    from django.db.models import Count, Max

    from rhia.search.models import IndexedPassage

    stats = IndexedPassage.objects.aggregate(n=Count("passage_id"), last=Max("passage_id"))
    return int(stats["n"] or 0), int(stats["last"] or 0)


def vocabulary() -> dict[str, int]:
    """Indexed term -> number of passages holding it (cached until the index changes)."""
    from rhia.search.models import IndexedPassage

    key = _index_key()
    with _lock:
        if _cache["key"] == key:
            return _cache["vocab"]  # type: ignore[return-value]
    counts: Counter[str] = Counter()
    for title, body in IndexedPassage.objects.values_list("title_terms", "body_terms").iterator(
        chunk_size=2000
    ):
        counts.update(set(title.split()) | set(body.split()))
    by_initial: dict[str, list[str]] = {}
    for term in counts:
        by_initial.setdefault(term[:1], []).append(term)
    with _lock:
        _cache.update(key=key, vocab=dict(counts), by_initial=by_initial)
    return _cache["vocab"]  # type: ignore[return-value]


def correct(terms: list[str]) -> list[str]:
    """``terms`` with each unknown word-like term replaced by its closest indexed term (if any)."""
    vocab = vocabulary()
    if not vocab:
        return terms
    by_initial: dict[str, list[str]] = _cache["by_initial"]  # type: ignore[assignment]
    out = []
    for term in terms:
        if term in vocab or len(term) < MIN_LENGTH or not term.isalpha():
            out.append(term)
            continue
        limit = 1 if len(term) < 8 else 2
        matches = process.extract(
            term, by_initial.get(term[:1], ()), scorer=Levenshtein.distance, score_cutoff=limit, limit=20
        )
        if not matches:
            out.append(term)
            continue
        best = min(matches, key=lambda match: (match[1], -vocab[match[0]]))
        out.append(best[0])
    return out
