"""One run of the answer pipeline for the counterfactual check, without a case or a model call.

It does what a case does before the model: the situation is read from the (pseudonymized) question,
then situation-aware retrieval gives the passages the agent would see pre-selected. Model drafts are
not part of the default run: the facts they state are those of the sources they are given, so the
situation and the sources are what must not change with who the person is.
"""

from __future__ import annotations

from rhia.fairness.counterfactual import Run

SOURCES_K = 5
DEFAULT_VERSANT = "FPE"  # the demo ministry's; the same for every variant


def answer_run(question: str) -> Run:
    from rhia.drafting.passages import retrieve
    from rhia.drafting.situation import extract_situation

    situation = extract_situation(question, default_versant=DEFAULT_VERSANT)
    passages = retrieve(question, situation, k=SOURCES_K)
    return Run(
        sources=tuple(f"{p.document_id}#{p.passage_id}" for p in passages),
        facts=(situation.versant, situation.statut),
    )
