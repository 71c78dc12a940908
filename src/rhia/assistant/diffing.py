"""Diff between the AI draft and the agent's final text, and the share kept unchanged (pure Python)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\S+")


def words(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def normalise(text: str) -> str:
    return " ".join(words(text))


@dataclass(frozen=True)
class Segment:
    """One run of the diff: ``op`` is "equal", "insert" (added by the agent) or "delete" (removed)."""

    op: str
    text: str


def unchanged_share(ai_text: str, final_text: str) -> float:
    """Share (0..1) of the final text's words that come unchanged, in order, from the AI draft."""
    final_words = words(final_text)
    if not final_words:
        return 0.0
    ai_words = words(ai_text)
    if not ai_words:
        return 0.0
    matcher = SequenceMatcher(a=ai_words, b=final_words, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    return round(kept / len(final_words), 4)


def is_unedited(ai_text: str, final_text: str) -> bool:
    """True when the final text is the AI draft as is (whitespace aside)."""
    return bool(words(ai_text)) and normalise(ai_text) == normalise(final_text)


def diff(ai_text: str, final_text: str) -> list[Segment]:
    """Word-level diff from the AI draft to the final text, consecutive runs merged."""
    ai_words, final_words = words(ai_text), words(final_text)
    matcher = SequenceMatcher(a=ai_words, b=final_words, autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment("equal", " ".join(final_words[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment("delete", " ".join(ai_words[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment("insert", " ".join(final_words[j1:j2])))
    return segments


def diff_stats(segments: list[Segment]) -> dict[str, int]:
    counts = {"equal": 0, "insert": 0, "delete": 0}
    for segment in segments:
        counts[segment.op] += len(words(segment.text))
    return counts
