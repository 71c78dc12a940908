"""Search page for agents (thin view over services.search_documents)."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import render

from rhia.accounts.authz import require
from rhia.search.services import search_documents
from rhia.search.snippets import segments

AUDIENCES = [
    ("", "Toutes les fonctions publiques"),
    ("FPE", "État (FPE)"),
    ("FPT", "Territoriale (FPT)"),
    ("FPH", "Hospitalière (FPH)"),
]


@require("search.use")
def page(request):
    query = (request.GET.get("q") or "").strip()[:500]
    audience = request.GET.get("audience") or ""
    if audience not in dict(AUDIENCES):
        audience = ""
    date_text = request.GET.get("date") or ""
    error = ""
    at = None
    if date_text:
        try:
            at = dt.date.fromisoformat(date_text)
        except ValueError:
            error = "Date invalide : utilisez le format JJ/MM/AAAA."
    results = []
    if query and not error:
        for hit in search_documents(query, k=10, at=at, audience=audience or None):
            terms = set(hit.terms)
            results.append({"hit": hit, "snippet": segments(hit.snippet, terms), "section": hit.section_path})
    context = {
        "title": "Recherche",
        "query": query,
        "audience": audience,
        "audiences": AUDIENCES,
        "date": date_text,
        "error": error,
        "results": results,
        "searched": bool(query) and not error,
    }
    return render(request, "search/page.html", context)
