"""Retrieval evaluation: hit@1, recall@5/10, MRR and latency over ``{"query", "expected_ids"}`` lines."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from rhia.evaldata import EvalError, percentile, read_jsonl


def load_queries(path: Path) -> list[dict]:
    path = Path(path)
    queries = []
    for number, item in read_jsonl(path):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("query"), str)
            or not isinstance(item.get("expected_ids"), list)
        ):
            raise EvalError(
                f"{path.name}, ligne {number} : il faut les champs « query » (texte) et « expected_ids » (liste)."
            )
        queries.append(item)
    if not queries:
        raise EvalError(f"{path.name} : aucune requête.")
    return queries


def _figures(ranks: list[int | None], k: int) -> dict:
    n = len(ranks) or 1
    return {
        "n": len(ranks),
        "hit@1": round(sum(rank == 1 for rank in ranks) / n, 4),
        "recall@5": round(sum(rank is not None and rank <= 5 for rank in ranks) / n, 4),
        "recall@10": round(sum(rank is not None and rank <= 10 for rank in ranks) / n, 4),
        f"recall@{k}": round(sum(rank is not None and rank <= k for rank in ranks) / n, 4),
        "mrr": round(sum(1 / rank for rank in ranks if rank) / n, 4),
    }


def evaluate(
    queries: list[dict], search: Callable[[str, int], list[str]], k: int = 10, *, group_by: str = "versant"
) -> dict:
    """``search(query, k)`` returns document ids best first.

    Also per value of ``group_by`` when the lines carry that field (``per_versant``: FPE, FPT, FPH, any).
    """
    ranks: list[int | None] = []
    groups: dict[str, list[int | None]] = {}
    latencies: list[float] = []
    failures = []
    depth = max(k, 10)
    for item in queries:
        expected = set(item["expected_ids"])
        started = time.perf_counter()
        ids = search(item["query"], depth)
        latencies.append((time.perf_counter() - started) * 1000)
        rank = next((i for i, doc in enumerate(ids, start=1) if doc in expected), None)
        ranks.append(rank)
        if group_by in item:
            groups.setdefault(str(item[group_by] or "any"), []).append(rank)
        if rank != 1:
            failures.append(
                {
                    "id": item.get("id"),
                    "query": item["query"],
                    "expected": sorted(expected),
                    "rank": rank,
                    "top": ids[:3],
                }
            )
    report = {
        **_figures(ranks, k),
        "p50_ms": round(statistics.median(latencies), 2),
        "p95_ms": round(percentile(latencies, 0.95), 2),
        "failures": sorted(failures, key=lambda f: -(f["rank"] or 10_000)),
    }
    if groups:
        report[f"per_{group_by}"] = {name: _figures(values, k) for name, values in sorted(groups.items())}
    return report
