"""What every ``rhia eval`` reads and reports alike (pure Python, no Django): JSONL lines with French
errors naming the file and the line, and latency percentiles."""

from __future__ import annotations

import json
from pathlib import Path


class EvalError(Exception):
    """An evaluation file that cannot be used (French message)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def read_jsonl(path: Path) -> list[tuple[int, object]]:
    """(line number, parsed JSON) for each non-empty line; French errors naming the file and the line."""
    path = Path(path)
    if not path.is_file():
        raise EvalError(f"{path.name} : fichier introuvable.")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as error:
            raise EvalError(f"{path.name}, ligne {number} : JSON invalide ({error.msg}).") from error
    return rows


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) by nearest rank; 0.0 for no values."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]
