"""Precision and recall of the bias checker on labelled sentences (JSONL).

Each line: ``{"id", "family", "split", "text", "categories": [..], "context"?}``; an empty
``categories`` is a hard negative. A sentence is predicted positive for a category when the checker
reports at least one finding of that category.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from rhia.fairness.checker import CATEGORIES, check


class EvalError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def load_sentences(path: Path, split: str | None = None) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise EvalError(f"Impossible de lire {path} : {error.strerror}.") from error
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row.get("text"), str) or not isinstance(row.get("categories"), list):
                raise ValueError
        except (ValueError, AttributeError) as error:
            raise EvalError(f"Ligne {number} de {path.name} : attendu text et categories.") from error
        if split is None or row.get("split") == split:
            rows.append(row)
    if not rows:
        raise EvalError(f"Aucune phrase à évaluer dans {path.name}.")
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
    timings.sort()
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
        "p95_ms": round(1000 * timings[int(0.95 * (len(timings) - 1))], 3),
        "errors": errors,
    }
