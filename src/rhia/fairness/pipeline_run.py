"""One run of the answer pipeline for the counterfactual check, without a case or a model call.

It does what a case does before the model: the pseudonymized question goes to retrieval, and the
sources are what the agent would see pre-selected. Model drafts are not part of the default run: the
facts they state are the facts of the sources they are given, so a change of sources is what matters.
"""

from __future__ import annotations

from rhia.fairness.counterfactual import Run
from rhia.fairness.neutral import strip_person_descriptors

SOURCES_K = 5


def answer_run(question: str) -> Run:
    from rhia.search.services import search_passages

    hits = search_passages(strip_person_descriptors(question), k=SOURCES_K)
    return Run(sources=tuple(f"{hit.document_id}#{hit.passage_id}" for hit in hits))
