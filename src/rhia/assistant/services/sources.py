"""Sources of a case: passages retrieved for the pseudonymized question; the agent unticks or adds some."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from rhia.assistant import states
from rhia.assistant.models import Case
from rhia.assistant.services.access import advance, get_case
from rhia.assistant.services.errors import CaseError
from rhia.corpus.freshness import stamp
from rhia.drafting.situation import Situation

DEFAULT_K = 6
# Pre-ticked: the best passages only (the agent may tick the others or add some).
PRESELECTED = 4
PRESELECT_RELATIVE_SCORE = 0.3


def hit_to_source(hit, *, selected: bool = True, added: bool = False) -> dict:
    """A retrieved passage (``rhia.drafting.passages.Passage`` or a search hit) as a stored source."""
    from rhia.drafting.passages import Passage, from_hit

    passage = hit if isinstance(hit, Passage) else from_hit(hit)
    return {**passage.as_dict(), "selected": selected, "added": added}


def _path(value) -> str:
    if isinstance(value, list | tuple):
        return " > ".join(str(part) for part in value if part)
    return str(value or "")


def case_date(case: Case):
    """Texts are searched as in force on the day the case was opened."""
    return timezone.localdate(case.created_at) if case.created_at else timezone.localdate()


def search(
    query: str, *, k: int = 8, at=None, situation: Situation | None = None, scope: str = "all"
) -> list:
    """Passages for ``query``: those that apply to ``situation`` first, the others after, labelled."""
    from rhia.drafting.passages import retrieve

    query = (query or "").strip()
    if not query:
        return []
    return retrieve(query, situation, at, k, scope=scope)


def _classify(question: str) -> dict:
    try:
        from rhia.drafting.intent import classify
    except ImportError:  # the drafts engineer's module is not there yet
        return {}
    intent = classify(question)
    return {"kind": intent.kind, "reply": intent.reply}


def retrieve_sources(case: Case, user, *, k: int = DEFAULT_K) -> Case:
    """Fill the case's sources from the situation-aware search (on the pseudonymized question).

    Only passages that apply to the person's situation are proposed; the ones the agent added by
    hand stay. Also records the situation read from the question (until the agent confirms one)
    and the intent.
    """
    from rhia.assistant.services.situation import case_situation
    from rhia.drafting.passages import SITUATION

    situation = case_situation(case)
    hits = search(case.question, k=k, at=case_date(case), situation=situation, scope=SITUATION)
    intent = _classify(case.question)
    with transaction.atomic():
        case = get_case(user, case.pk, for_update=True)
        top = max((hit.score for hit in hits), default=0.0)
        proposed = [
            hit_to_source(hit, selected=rank < PRESELECTED and hit.score >= PRESELECT_RELATIVE_SCORE * top)
            for rank, hit in enumerate(hits)
        ]
        known = {source["passage_id"] for source in proposed}
        kept = [s for s in case.sources if s.get("added") and s["passage_id"] not in known]
        case.sources = stamp(proposed + kept)
        case.situation = situation.as_dict()
        case.intent = intent
        case.save(update_fields=["sources", "situation", "intent", "updated_at"])
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
    """Add one passage found by a search the agent ran on the sources step (any versant)."""
    from rhia.assistant.services.situation import case_situation

    found = search(query, k=40, at=case_date(case), situation=case_situation(case))
    hits = {int(hit.passage_id): hit for hit in found}
    hit = hits.get(int(passage_id))
    if hit is None:
        raise CaseError("Ce passage n'a pas été trouvé : relancez la recherche.", code="input")
    selected = [source["passage_id"] for source in case.sources if source.get("selected")]
    return update_sources(case, user, selected=selected, add=stamp([hit_to_source(hit, added=True)]))
