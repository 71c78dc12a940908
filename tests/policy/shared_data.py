"""The team's development sets beside the clone (../shared/eval); tests using them skip when absent."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = next(
    (p for p in (ROOT.parent / "shared" / "eval", ROOT.parents[1] / "shared" / "eval") if p.exists()),
    ROOT.parent / "shared" / "eval",
)
# HR questions and agents' messages (with names, health, family): none of them a forbidden use.
LEGITIMATE_SETS = ("retrieval_dev_titles.jsonl", "retrieval_dev_paraphrases.jsonl", "pii_dev.jsonl")


def legitimate_hr_texts() -> list[str]:
    texts = []
    for name in LEGITIMATE_SETS:
        path = SHARED / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                texts.append(row.get("query") or row.get("text") or "")
    return [text for text in texts if text]
