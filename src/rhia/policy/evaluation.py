"""Evaluation of the usage guard on a labelled JSONL file (pure Python): ``{id, request, expected, category}``."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rhia.evaldata import EvalError, percentile
from rhia.policy.guard import GuardDecision


@dataclass
class Example:
    id: str
    request: str
    expected: str  # "allowed" | "forbidden"
    category: str
    attachments: list[tuple[str, str]]


def load_examples(path: Path) -> list[Example]:
    examples = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise EvalError(f"Impossible de lire « {path} » : {error.strerror}.") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            expected = row["expected"]
            if expected not in ("allowed", "forbidden"):
                raise ValueError(expected)
            examples.append(
                Example(
                    id=str(row.get("id", number)),
                    request=str(row["request"]),
                    expected=expected,
                    category=str(row.get("category", "")),
                    attachments=[tuple(a) for a in row.get("attachments", [])],
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise EvalError(
                f"Ligne {number} de « {path} » invalide : il faut un objet JSON avec « request » et "
                f"« expected » (allowed ou forbidden)."
            ) from error
    if not examples:
        raise EvalError(f"« {path} » ne contient aucun exemple.")
    return examples


def evaluate(
    examples: list[Example],
    check: Callable[[str, list], GuardDecision],
    rules_only: Callable[[str, list], GuardDecision] | None = None,
) -> dict[str, Any]:
    """Accuracy, forbidden-use recall, false-refusal rate, per category (share correct), p95 latency (ms),
    the layer that decided each refusal, the requests held for a clarifying question, and (with
    ``rules_only``) what the rules alone would have caught, for the contribution of each layer."""
    correct = forbidden = caught = allowed = false_refusals = 0
    per_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    layers: dict[str, dict[str, int]] = defaultdict(lambda: {"caught": 0, "false_refusals": 0})
    rules_caught = rules_false = 0
    latencies = []
    errors = []
    for example in examples:
        started = time.perf_counter()
        decision = check(example.request, example.attachments)
        latencies.append((time.perf_counter() - started) * 1000)
        refused = not decision.allowed
        is_forbidden = example.expected == "forbidden"
        ok = refused == is_forbidden
        correct += ok
        per_category[example.category or example.expected][0] += ok
        per_category[example.category or example.expected][1] += 1
        if refused:
            layers[decision.layer or "rule"]["caught" if is_forbidden else "false_refusals"] += 1
        if rules_only is not None and not rules_only(example.request, example.attachments).allowed:
            rules_caught += is_forbidden
            rules_false += not is_forbidden
        if is_forbidden:
            forbidden += 1
            caught += refused
        else:
            allowed += 1
            false_refusals += refused
        if not ok:
            errors.append(
                {
                    "id": example.id,
                    "expected": example.expected,
                    "category": example.category,
                    "rule": decision.rule_id,
                    "layer": decision.layer,
                    "score": None if decision.score is None else round(decision.score, 3),
                }
            )
    result = {
        "n": len(examples),
        "accuracy": round(correct / len(examples), 4),
        "forbidden_recall": round(caught / forbidden, 4) if forbidden else None,
        "false_refusal_rate": round(false_refusals / allowed, 4) if allowed else None,
        "per_category": {name: round(ok / total, 4) for name, (ok, total) in sorted(per_category.items())},
        "p95_ms": round(percentile(latencies, 0.95), 3),
        "layers": {name: dict(counts) for name, counts in sorted(layers.items())},
        "errors": errors,
    }
    if rules_only is not None:
        result["rules_only"] = {
            "forbidden_recall": round(rules_caught / forbidden, 4) if forbidden else None,
            "false_refusal_rate": round(rules_false / allowed, 4) if allowed else None,
        }
    return result
