"""Supersession after ranking: the replacing internal text first, the replaced passages labelled.

Called by ``rhia.search.services`` on every result list (a post-ranking step, so the ranking itself is
untouched). Labels are stored with a case's sources so drafts, the validation page and exports say it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from rhia.corpus.freshness import french


def replaced_label(rule) -> str:
    """« Remplacé par DOC-NOTE (Note de service…) depuis le 01/09/2025 »."""
    replacing = rule.replacing
    return f"Remplacé par {replacing.doc_id} ({replacing.title}) depuis le {french(rule.effective_from)}"


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


def apply(hits: list, at: dt.date) -> list:
    """Label replaced hits and put each replacing passage right before the first hit it replaces."""
    rules = active_rules({hit.document_id for hit in hits}, at)
    if not rules:
        return hits
    out: list = []
    placed: set[int] = set()
    for hit in hits:
        rule = next(
            (r for r in rules if r.replaced.doc_id == hit.document_id and r.covers(hit.section_path)), None
        )
        if rule is None:
            if hit.passage_id not in placed:
                out.append(hit)
                placed.add(hit.passage_id)
            continue
        existing = next((h for h in hits if h.document_id == rule.replacing.doc_id), None)
        first = existing or _replacing_hit(rule, hit, at, tuple(hit.terms))
        if first is not None and first.passage_id not in placed:
            out.append(replace(first, supersedes=replacing_label(rule)))
            placed.add(first.passage_id)
        if hit.passage_id not in placed:
            out.append(replace(hit, superseded_by=replaced_label(rule)))
            placed.add(hit.passage_id)
    return out


def source_label(source: dict) -> str:
    """The supersession line of a stored source (empty when it neither replaces nor is replaced)."""
    return source.get("superseded_by") or source.get("supersedes") or ""
