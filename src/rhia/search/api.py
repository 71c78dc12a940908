"""JSON API of search: the same service functions as the page and ``rhia search``."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema
from ninja.errors import HttpError

from rhia.accounts.authz import api_require
from rhia.search.services import search_documents, search_passages

router = Router(tags=["Recherche"])


class HitOut(Schema):
    passage_id: int
    document_id: str
    title: str
    section_path: str
    url: str
    text: str
    snippet: str
    score: float
    audience: str


class SearchOut(Schema):
    query: str
    results: list[HitOut]


@router.get("/", response=SearchOut, summary="Rechercher (documents ou passages en vigueur)")
@api_require("search.use")
def search(request, q: str = "", k: int = 10, level: str = "documents", date: str = "", audience: str = ""):
    if level not in ("documents", "passages"):
        raise HttpError(400, "level doit valoir « documents » ou « passages ».")
    if not 1 <= k <= 50:
        raise HttpError(400, "k doit être compris entre 1 et 50.")
    if audience not in ("", "FPE", "FPT", "FPH"):
        raise HttpError(400, "audience doit valoir FPE, FPT ou FPH.")
    at = None
    if date:
        try:
            at = dt.date.fromisoformat(date)
        except ValueError as error:
            raise HttpError(400, "Date invalide : format attendu AAAA-MM-JJ.") from error
    if not q.strip():
        return {"query": q, "results": []}
    finder = search_documents if level == "documents" else search_passages
    hits = finder(q[:2000], k=k, at=at, audience=audience or None)
    return {"query": q, "results": [hit.as_dict() for hit in hits]}
