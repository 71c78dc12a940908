"""One run of the answer pipeline for the counterfactual check, without a case or a model call.

It does what a case does before the model: the situation is read from the (pseudonymized) question,
situation-aware retrieval gives the passages the agent would see pre-selected, then the first
proposal the agent sees is composed: the extractive answer ("Réponse tirée des textes", or the
not-found answer), the sentences chosen from the sources and their citations. Model drafts reword
those sentences one by one, so the sentences chosen are what must not change with who the person is.
"""

from __future__ import annotations

from typing import Any

from rhia.fairness.counterfactual import Run

SOURCES_K = 5
DEFAULT_VERSANT = "FPE"  # the demo ministry's; the same for every variant


def draft_facts(draft: Any, passages: list[Any]) -> tuple[str, ...]:
    """The first proposal as comparable facts: its kind, each quoted source sentence (passage id,
    place in the passage, text, [n]) and the documents it cites."""
    facts = [draft.style]
    selection = getattr(draft, "selection", None)
    for item in selection.chosen if selection else []:
        sentence = item.sentence
        passage = passages[sentence.number - 1]
        facts.append(
            f"{passage.document_id}#{passage.passage_id}/{sentence.position}: {sentence.text} [{sentence.number}]"
        )
    facts.append("cite " + " ".join(draft.citations))
    return tuple(facts)


def answer_run(question: str) -> Run:
    from rhia.drafting.passages import retrieve
    from rhia.drafting.pipeline import iter_drafts
    from rhia.drafting.situation import extract_situation

    situation = extract_situation(question, default_versant=DEFAULT_VERSANT)
    passages = retrieve(question, situation, k=SOURCES_K)
    # The first draft only: it is composed in code; the generator stops before any model call.
    first = next(
        iter_drafts(
            question, passages, data_class="public", versant=situation.versant, statut=situation.statut
        )
    )
    return Run(
        sources=tuple(f"{p.document_id}#{p.passage_id}" for p in passages),
        facts=(situation.versant, situation.statut),
        draft=draft_facts(first, passages),
    )
