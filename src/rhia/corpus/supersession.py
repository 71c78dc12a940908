"""Supersession after ranking: the replacing internal text first, the replaced passages labelled.

Called by ``rhia.search.services`` on every result list (a post-ranking step, so the ranking itself is
untouched). Labels are stored with a case's sources so drafts, the validation page and exports say it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from rhia.corpus.freshness import french


def replaced_label(rule, *, whole_document: bool = False) -> str:
    """« Remplacé par DOC-NOTE (Note de service…) depuis le 01/09/2025 »; for a document shown by one
    passage while only a section is replaced: « Section « … » remplacée par … »."""
    replacing = rule.replacing
    by = f"par {replacing.doc_id} ({replacing.title}) depuis le {french(rule.effective_from)}"
    if whole_document and rule.section:
        return f"Section « {rule.section} » remplacée {by}"
    return f"Remplacé {by}"


def replacing_label(rule) -> str:
    target = rule.replaced.doc_id + (f" › {rule.section}" if rule.section else "")
    return f"Remplace {target} ({rule.replaced.title}) depuis le {french(rule.effective_from)}"


def active_rules(doc_ids: set[str], at: dt.date) -> list:
    from rhia.corpus.models import Supersession

    if not doc_ids:
        return []
    return list(
        Supersession.objects.select_related("replacing", "replaced").filter(
            replaced__doc_id__in=doc_ids, effective_from__lte=at
        )
    )


def _replacing_hit(rule, template, at: dt.date, terms: tuple[str, ...]):
    """The replacing document's passage sharing most query terms with the query (first one on a tie)."""
    from rhia.corpus.models import Passage
    from rhia.search.analysis import expand, tokenize
    from rhia.search.snippets import snippet

    passages = list(Passage.objects.in_force(at).filter(document=rule.replacing).order_by("position")[:50])
    if not passages:
        return None
    wanted = set(terms)
    best = max(
        passages,
        key=lambda p: (len(wanted & set(expand(tokenize(p.section_path + " " + p.text)))), -p.position),
    )
    document = rule.replacing
    return replace(
        template,
        passage_id=best.pk,
        document_id=document.doc_id,
        title=document.title,
        section_path=best.section_path,
        url=document.url,
        text=best.text,
        snippet=snippet(best.text, wanted),
        audience=best.audience,
        superseded_by="",
        supersedes=replacing_label(rule),
    )


def apply(hits: list, at: dt.date, *, documents: bool = False) -> list:
    """Replacing passages first (an administrator's note outranks the text it replaces), then the
    other hits in their order, the replaced ones labelled. ``documents``: each hit stands for its
    whole document, so a replaced section concerns it whichever passage represents it."""
    rules = active_rules({hit.document_id for hit in hits}, at)
    if not rules:
        return hits
    first: list = []
    rest: list = []
    for hit in hits:
        rule = next(
            (
                r
                for r in rules
                if r.replaced.doc_id == hit.document_id and (documents or r.replaces(hit.section_path))
            ),
            None,
        )
        if rule is None:
            rest.append(hit)
            continue
        if not any(h.supersedes == replacing_label(rule) for h in first):
            existing = next((h for h in hits if h.document_id == rule.replacing.doc_id), None)
            found = existing or _replacing_hit(rule, hit, at, tuple(hit.terms))
            if found is not None:
                first.append(replace(found, supersedes=replacing_label(rule)))
        rest.append(replace(hit, superseded_by=replaced_label(rule, whole_document=documents)))
    placed = {hit.passage_id for hit in first}
    return first + [hit for hit in rest if hit.passage_id not in placed]


def source_label(source: dict) -> str:
    """The supersession line of a stored source (empty when it neither replaces nor is replaced)."""
    return source.get("superseded_by") or source.get("supersedes") or ""


def replacing_first(items: list) -> list:
    """Re-sorted results keep the replacing texts first (stable: the rest keeps its order)."""
    return [i for i in items if getattr(i, "supersedes", "")] + [
        i for i in items if not getattr(i, "supersedes", "")
    ]
