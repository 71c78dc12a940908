"""Search services called by the pages, the API, the CLI and the assistant.

``search_passages`` returns passages (for drafting); ``search_documents`` the best passage of each
document (for people). Only passages in force at ``at`` (default: today) are ever returned.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass

from rhia.corpus.links import web_url
from rhia.search import lexical, spelling
from rhia.search.analysis import query_terms
from rhia.search.snippets import snippet

DOCUMENT_POOL = 200
# Pseudonymization placeholders ("[PERSONNE_1]", "[NIR_2]"…) carry no meaning for retrieval.
_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*_\d+\]")


@dataclass
class PassageHit:
    passage_id: int
    document_id: str
    title: str
    section_path: str
    url: str
    text: str
    snippet: str
    score: float
    audience: str = ""
    terms: tuple[str, ...] = ()
    # Supersession labels (``rhia.corpus.supersession``): "Remplacé par … depuis le …" / "Remplace …".
    superseded_by: str = ""
    supersedes: str = ""
    versants: tuple[str, ...] = ()  # empty: every versant
    statuts: tuple[str, ...] = ()  # empty: every statut

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("terms")
        return data


def _ranked(
    query: str, limit: int, at: dt.date | None, audience: str | None
) -> tuple[list[tuple[int, float]], list[str]]:
    terms = spelling.correct(query_terms(_PLACEHOLDER.sub(" ", query or "")))
    ranked = lexical.search(terms, limit=limit, at=at or dt.date.today(), audience=audience or None)
    return ranked, terms


def _hits(ranked: list[tuple[int, float, int]], terms: list[str]) -> list[PassageHit]:
    from rhia.corpus.models import Passage

    passages = Passage.objects.select_related("document").in_bulk([pid for pid, _, _ in ranked])
    term_set = set(terms)
    hits = []
    for pid, score, _doc in ranked:
        passage = passages.get(pid)
        if passage is None:
            continue
        document = passage.document
        hits.append(
            PassageHit(
                passage_id=pid,
                document_id=document.doc_id,
                title=document.title,
                section_path=passage.section_path,
                url=web_url(document.url),
                text=passage.text,
                snippet=snippet(passage.text, term_set),
                score=round(score, 6),
                audience=passage.audience,
                terms=tuple(terms),
                versants=tuple(passage.versants.split()),
                statuts=tuple(passage.statuts.split()),
            )
        )
    return hits


def search_passages(
    query: str, *, k: int = 8, at: dt.date | None = None, audience: str | None = None
) -> list[PassageHit]:
    """The ``k`` best passages in force at ``at`` for ``query`` (optionally restricted to an audience)."""
    ranked, terms = _ranked(query, max(k, 1), at, audience)
    return _superseded(_hits(ranked[:k], terms), at)[:k]


def _superseded(hits: list[PassageHit], at: dt.date | None, *, documents: bool = False) -> list[PassageHit]:
    """Post-ranking step: replacing internal texts first, replaced passages labelled."""
    from rhia.corpus.supersession import apply

    return apply(hits, at or dt.date.today(), documents=documents)


def search_documents(
    query: str, *, k: int = 8, at: dt.date | None = None, audience: str | None = None
) -> list[PassageHit]:
    """The ``k`` best documents, each represented by its best passage."""
    ranked, terms = _ranked(query, max(DOCUMENT_POOL, k * 10), at, audience)
    best: list[tuple[int, float, int]] = []
    seen: set[int] = set()
    for row in ranked:
        if row[2] in seen:
            continue
        seen.add(row[2])
        best.append(row)
        if len(best) >= k:
            break
    return _superseded(_hits(best, terms), at, documents=True)[:k]
