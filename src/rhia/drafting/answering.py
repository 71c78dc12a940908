"""The answer pipeline end to end for one question: situation -> passages -> extractive -> model drafts.

``rhia ask`` and ``rhia eval answers`` call this; the case workflow calls the same stages on the
case's own situation and chosen sources.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from rhia.drafting.passages import Passage, documents, fit_of
from rhia.drafting.passages import retrieve as retrieve_passages
from rhia.drafting.situation import Situation, extract_situation

# Passages searched to rank the fiches, and fiches whose sections form the sentence pool.
SEARCHED = 30
DOCUMENTS = 3
_ANY = {"", "any"}


def situation_of(question: str, *, versant: str = "", statut: str = "") -> Situation:
    """Situation read from the question; explicit values (a confirmed chip, a test file) win."""
    found = extract_situation(question)
    return replace(
        found,
        versant=found.versant if versant in _ANY else versant,
        statut=found.statut if statut in _ANY else statut,
    )


def retrieve(
    question: str, situation: Situation, *, fiches: int = DOCUMENTS, at: dt.date | None = None
) -> list[Passage]:
    """Every section of the best ``fiches`` that applies to the situation, best fiche first.

    A fiche answers a question across several sections (the rule in one, the délai in another),
    so the pool is whole fiches, filtered by versant and statut, rather than the top passages alone.
    Sections search ranked keep their score; the others have 0.
    """
    from rhia.corpus.models import Passage as Row
    from rhia.corpus.supersession import active_rules, replaced_label, replacing_first, replacing_label

    on = at or dt.date.today()
    hits = retrieve_passages(question, situation, on_date=at, k=SEARCHED)
    docs = documents(hits)[:fiches]
    rules = active_rules(set(docs), on)
    scores = {hit.passage_id: hit.score for hit in hits}
    rows = (
        Row.objects.in_force(on)
        .filter(document__doc_id__in=docs)
        .select_related("document")
        .order_by("document_id", "position")
    )
    pool = []
    for row in rows:
        versants, statuts = tuple(row.versants.split()), tuple(row.statuts.split())
        if fit_of(versants, statuts, situation):
            continue
        doc_id, path = row.document.doc_id, row.section_path
        replaced = next((r for r in rules if r.replaced.doc_id == doc_id and r.replaces(path)), None)
        if replaced is not None and replaced.replacing.doc_id in docs:
            # The replacing text is in the pool: the replaced section is never quoted; the
            # replacing passage's label (« Remplace … depuis le … ») says what it replaces.
            continue
        replacing = next((r for r in rules if r.replacing.doc_id == doc_id), None)
        pool.append(
            Passage(
                passage_id=row.pk,
                document_id=row.document.doc_id,
                title=row.document.title,
                section_path=row.section_path,
                url=row.document.url,
                text=row.text,
                score=float(scores.get(row.pk, 0.0)),
                versants=versants,
                statuts=statuts,
                superseded_by=replaced_label(replaced) if replaced else "",
                supersedes=replacing_label(replacing) if replacing else "",
            )
        )
    pool.sort(key=lambda passage: docs.index(passage.document_id))
    return replacing_first(pool)
