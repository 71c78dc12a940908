"""The answer pipeline end to end for one question: situation -> passages -> extractive -> model drafts.

``rhia ask`` and ``rhia eval answers`` call this; the case workflow calls the same stages on the
case's own situation and chosen sources. Retrieval uses the situation-aware ``retrieve`` of
``rhia.drafting.passages`` when it is installed, and the plain search filtered by versant otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

POOL = 6
DOCUMENTS = 3


@dataclass(frozen=True)
class Facts:
    """The non-identifying situation the pipeline needs (versant, statut)."""

    versant: str = ""
    statut: str = ""


def situation_of(question: str, *, versant: str = "", statut: str = "") -> Facts:
    """Situation read from the question; explicit values (a confirmed chip, a test file) win."""
    found_versant = found_statut = ""
    try:
        from rhia.drafting.situation import extract_situation
    except ImportError:  # part A not installed yet: only explicit values
        pass
    else:
        found = extract_situation(question)
        found_versant, found_statut = found.versant, found.statut
    keep = {"", "any"}
    return Facts(
        versant=versant if versant not in keep else found_versant,
        statut=statut if statut not in keep else found_statut,
    )


def retrieve(
    question: str, facts: Facts, *, documents: int = DOCUMENTS, at: dt.date | None = None
) -> list[dict]:
    """Every passage of the best ``documents`` fiches that fits the situation, best fiche first.

    A fiche answers a question across several sections (the rule in one, the délai in another),
    so the pool is whole fiches, filtered by versant and statut, rather than the top passages alone.
    Each passage carries ``doc_rank`` and its passage-level ``score`` (0 when search did not rank it).
    """
    from rhia.corpus.models import Passage
    from rhia.drafting.selection import situation_fit
    from rhia.search.services import search_documents, search_passages

    audience = facts.versant or None
    docs = [hit.document_id for hit in search_documents(question, k=documents, at=at, audience=audience)]
    scores = {
        hit.passage_id: hit.score for hit in search_passages(question, k=POOL * 3, at=at, audience=audience)
    }
    rows = (
        Passage.objects.in_force(at or dt.date.today())
        .filter(document__doc_id__in=docs)
        .select_related("document")
        .order_by("id")
    )
    pool = []
    for passage in rows:
        item = {
            "passage_id": passage.pk,
            "document_id": passage.document.doc_id,
            "title": passage.document.title,
            "section_path": passage.section_path,
            "url": passage.document.url,
            "text": passage.text,
            "audience": passage.audience,
            "score": float(scores.get(passage.pk, 0.0)),
            "doc_rank": docs.index(passage.document.doc_id),
        }
        if situation_fit(item, facts.versant, facts.statut) is not None:
            pool.append(item)
    pool.sort(key=lambda item: item["doc_rank"])
    return pool
