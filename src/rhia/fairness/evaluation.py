"""Precision and recall of the bias checker on labelled sentences (JSONL).

Each line: ``{"id", "family", "split", "text", "categories": [..], "context"?}``; an empty
``categories`` is a hard negative. A sentence is predicted positive for a category when the checker
reports at least one finding of that category.
"""

from __future__ import annotations

import time
from pathlib import Path

from rhia.evaldata import EvalError, percentile, read_jsonl
from rhia.fairness.checker import CATEGORIES, check


def load_sentences(path: Path, split: str | None = None) -> list[dict]:
    path = Path(path)
    rows = []
    for number, row in read_jsonl(path):
        if (
            not isinstance(row, dict)
            or not isinstance(row.get("text"), str)
            or not isinstance(row.get("categories"), list)
        ):
            raise EvalError(
                f"{path.name}, ligne {number} : il faut les champs « text » et « categories » (liste)."
            )
        if split is None or row.get("split") == split:
            rows.append(row)
    if not rows:
        raise EvalError(f"{path.name} : aucune phrase à évaluer.")
    return rows


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def evaluate(rows: list[dict]) -> dict:
    """Overall and per-category precision/recall, latency, and the worst errors."""
    per = {key: {"tp": 0, "fp": 0, "fn": 0} for key in CATEGORIES}
    tp = fp = fn = 0
    errors = []
    timings = []
    for row in rows:
        started = time.perf_counter()
        found = {f.category for f in check(row["text"], context=row.get("context", ""))}
        timings.append(time.perf_counter() - started)
        expected = set(row["categories"])
        for key in CATEGORIES:
            if key in found and key in expected:
                per[key]["tp"] += 1
            elif key in found:
                per[key]["fp"] += 1
            elif key in expected:
                per[key]["fn"] += 1
        # Sentence level: a finding counts as right only when its category is the expected one.
        if found and expected and found & expected:
            tp += 1
        elif found:
            fp += 1
            if expected:
                fn += 1
        elif expected:
            fn += 1
        if found != expected:
            errors.append({"id": row.get("id"), "expected": sorted(expected), "found": sorted(found)})
    return {
        "n": len(rows),
        "positives": sum(1 for r in rows if r["categories"]),
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        "per_category": {
            key: {
                "precision": _ratio(c["tp"], c["tp"] + c["fp"]),
                "recall": _ratio(c["tp"], c["tp"] + c["fn"]),
                "support": c["tp"] + c["fn"],
            }
            for key, c in per.items()
        },
        "p95_ms": round(1000 * percentile(timings, 0.95), 3),
        "errors": errors,
    }
