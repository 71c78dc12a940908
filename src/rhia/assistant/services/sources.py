"""Sources of a case: passages retrieved for the pseudonymized question; the agent unticks or adds some."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from rhia.assistant import states
from rhia.assistant.models import Case
from rhia.assistant.services.access import advance, get_case
from rhia.assistant.services.errors import CaseError
from rhia.corpus.freshness import stamp

DEFAULT_K = 6
# Pre-ticked: the best passages only (the agent may tick the others or add some).
PRESELECTED = 4
PRESELECT_RELATIVE_SCORE = 0.3


def hit_to_source(hit, *, selected: bool = True, added: bool = False) -> dict:
    return {
        "passage_id": int(hit.passage_id),
        "document_id": str(hit.document_id),
        "title": hit.title or "",
        "section_path": _path(getattr(hit, "section_path", "")),
        "url": hit.url or "",
        "snippet": getattr(hit, "snippet", "") or "",
        "text": hit.text or "",
        "score": float(getattr(hit, "score", 0.0) or 0.0),
        "selected": selected,
        "added": added,
        "superseded_by": getattr(hit, "superseded_by", "") or "",
        "supersedes": getattr(hit, "supersedes", "") or "",
    }


def _path(value) -> str:
    if isinstance(value, list | tuple):
        return " > ".join(str(part) for part in value if part)
    return str(value or "")


def case_date(case: Case):
    """Texts are searched as in force on the day the case was opened."""
    return timezone.localdate(case.created_at) if case.created_at else timezone.localdate()


def search(query: str, *, k: int = 8, at=None) -> list:
    from rhia.search.services import search_passages

    query = (query or "").strip()
    if not query:
        return []
    return list(search_passages(query, k=k, at=at))


def _classify(question: str) -> dict:
    try:
        from rhia.drafting.intent import classify
    except ImportError:  # the drafts engineer's module is not there yet
        return {}
    intent = classify(question)
    return {"kind": intent.kind, "reply": intent.reply}


def retrieve_sources(case: Case, user, *, k: int = DEFAULT_K) -> Case:
    """Fill the case's sources from search (on the pseudonymized question) and record its intent."""
    hits = search(case.question, k=k, at=case_date(case))
    intent = _classify(case.question)
    with transaction.atomic():
        case = get_case(user, case.pk, for_update=True)
        top = max((float(getattr(hit, "score", 0.0) or 0.0) for hit in hits), default=0.0)
        case.sources = [
            hit_to_source(
                hit,
                selected=rank < PRESELECTED
                and float(getattr(hit, "score", 0.0) or 0.0) >= PRESELECT_RELATIVE_SCORE * top,
            )
            for rank, hit in enumerate(hits)
        ]
        stamp(case.sources)
        case.intent = intent
        case.save(update_fields=["sources", "intent", "updated_at"])
    return case


def update_sources(case: Case, user, *, selected: list[int], add: list[dict] | None = None) -> Case:
    """Keep ticked passages (by passage id) and append the ones the agent added by search."""
    with transaction.atomic():
        case = get_case(user, case.pk, for_update=True)
        advance(case, user, states.SELECT_SOURCES)
        keep = {int(pid) for pid in selected} | {int(extra["passage_id"]) for extra in add or []}
        known = {source["passage_id"] for source in case.sources}
        for source in case.sources:
            source["selected"] = source["passage_id"] in keep
        for extra in add or []:
            if extra["passage_id"] not in known:
                case.sources.append({**extra, "selected": True, "added": True})
                known.add(extra["passage_id"])
        case.save()
    return case


def add_source_from_search(case: Case, user, *, query: str, passage_id: int) -> Case:
    """Add one passage found by a search the agent ran on the sources step."""
    hits = {int(hit.passage_id): hit for hit in search(query, k=20, at=case_date(case))}
    hit = hits.get(int(passage_id))
    if hit is None:
        raise CaseError("Ce passage n'a pas été trouvé : relancez la recherche.", code="input")
    selected = [source["passage_id"] for source in case.sources if source.get("selected")]
    return update_sources(case, user, selected=selected, add=stamp([hit_to_source(hit, added=True)]))
