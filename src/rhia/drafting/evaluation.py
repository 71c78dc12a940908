"""``rhia eval answers``: does a draft state the facts an expert expects, citing the right fiche?

Each line of the query file: ``id, query, versant, statut, expected_ids, facts [{fact, any_of}],
not_facts``. A question runs what a case runs: the situation read from the question (overridden
by the file's versant/statut when given), retrieval, the extractive answer, the model drafts when
asked, verification. A fact is stated when one of its strings appears (case- and accent-folded)
in a draft that cites a fiche of ``expected_ids``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rhia.evaldata import EvalError, percentile, read_jsonl
from rhia.folding import fold_words

MODES = ("extractive", "model", "all")


def load_answers(path: Path) -> list[dict]:
    path = Path(path)
    items = []
    for number, item in read_jsonl(path):
        if not isinstance(item, dict) or not isinstance(item.get("query"), str) or not item["query"].strip():
            raise EvalError(f"{path.name}, ligne {number} : le champ « query » (texte) est obligatoire.")
        for key in ("expected_ids", "facts", "not_facts"):
            if not isinstance(item.get(key, []), list):
                raise EvalError(f"{path.name}, ligne {number} : « {key} » doit être une liste.")
        for fact in item.get("facts", []) + item.get("not_facts", []):
            if not isinstance(fact, dict) or not isinstance(fact.get("any_of"), list) or not fact["any_of"]:
                raise EvalError(f"{path.name}, ligne {number} : chaque fait demande une liste « any_of ».")
        item.setdefault("id", f"l{number}")
        items.append(item)
    if not items:
        raise EvalError(f"{path.name} : aucune question.")
    return items


@dataclass
class EvalDraft:
    """What the evaluation reads of a draft (the pipeline's Draft has these fields)."""

    style: str
    text: str
    citations: list[str]
    verified: bool
    failing_sentences: list[str]
    seconds: float
    reworded: int = 0  # model drafts: sentences the model reworded (the others quoted as written)
    given: int = 0  # model drafts: sentences it was asked to reword


Runner = Callable[[dict, str], tuple[list[EvalDraft], float]]


def states(fact: dict, draft: EvalDraft, expected: set[str]) -> bool:
    if not expected & set(draft.citations):
        return False
    text = fold_words(draft.text)
    return any(fold_words(s) in text for s in fact["any_of"])


def _mentions(fact: dict, draft: EvalDraft) -> bool:
    text = fold_words(draft.text)
    return any(fold_words(s) in text for s in fact["any_of"])


def score_question(item: dict, drafts: list[EvalDraft]) -> dict:
    expected = set(item.get("expected_ids", []))
    facts = item.get("facts", [])
    verified = [d for d in drafts if d.verified]
    complete = [d.style for d in verified if facts and all(states(f, d, expected) for f in facts)]
    stated = [f["fact"] for f in facts if any(states(f, d, expected) for d in verified)]
    wrong = [f["fact"] for f in item.get("not_facts", []) if any(_mentions(f, d) for d in drafts)]
    return {
        "id": item["id"],
        "all_facts": bool(complete),
        "complete_styles": complete,
        "facts_stated": len(stated),
        "facts": len(facts),
        "missing": [f["fact"] for f in facts if f["fact"] not in stated],
        "gold_cited": any(expected & set(d.citations) for d in drafts),
        "unsupported": sum(len(d.failing_sentences) for d in drafts),
        "not_facts_stated": wrong,
        "words": len(drafts[0].text.split()) if drafts else 0,
        "styles": [d.style for d in drafts],
        "verified": [d.verified for d in drafts],
        "reworded": [f"{d.reworded}/{d.given}" for d in drafts if d.given],
    }


def evaluate_answers(items: list[dict], run: Runner, *, mode: str = "extractive") -> dict:
    """``run(item, mode)`` returns the drafts of one question and the seconds to the first one."""
    per_question = []
    first: list[float] = []
    model_times: list[float] = []
    reworded = given = 0
    words: list[int] = []
    for item in items:
        started = time.perf_counter()
        drafts, first_seconds = run(item, mode)
        per_question.append(score_question(item, drafts))
        per_question[-1]["seconds"] = round(time.perf_counter() - started, 3)
        first.append(first_seconds)
        model_times += [d.seconds for d in drafts if d.style != "extractive" and d.style != "non_trouve"]
        reworded += sum(d.reworded for d in drafts)
        given += sum(d.given for d in drafts)
        if drafts:
            words.append(len(drafts[0].text.split()))
    n = len(items)
    total_facts = sum(q["facts"] for q in per_question)
    return {
        "n": n,
        "mode": mode,
        "questions_all_facts": round(sum(q["all_facts"] for q in per_question) / n, 3),
        "facts_recall": round(sum(q["facts_stated"] for q in per_question) / total_facts, 3)
        if total_facts
        else 0.0,
        "gold_cited": round(sum(q["gold_cited"] for q in per_question) / n, 3),
        "unsupported_sentences": sum(q["unsupported"] for q in per_question),
        "not_facts_stated": sum(len(q["not_facts_stated"]) for q in per_question),
        "first_draft_p50_s": round(percentile(first, 0.5), 3),
        "first_draft_p95_s": round(percentile(first, 0.95), 3),
        "model_draft_p50_s": round(statistics.median(model_times), 2) if model_times else None,
        "words_p50": int(statistics.median(words)) if words else 0,
        "reworded_share": round(reworded / given, 3) if given else None,
        "per_question": per_question,
    }
