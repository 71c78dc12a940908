"""The usage guard's decision: what was decided, by which layer, and what to tell the user (pure Python).

``reason`` is the internal explanation (rule id, matched fragment) kept for the journal, the
administration and the tests; ``user_reason`` is the French sentence shown to the agent, per category,
without rule ids. ``clarification`` is set when the guard could not tell the two readings apart and asks
the agent which one is meant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ALLOWED_REASON = (
    "Aucun usage interdit détecté : la demande peut être traitée, sous votre responsabilité et avec "
    "validation humaine."
)
# Layers, from the most to the least specific (docs/framework.md, "Usage guard").
DOCUMENT, ADMIN, RULE, LEXICON, CLASSIFIER, CLARIFICATION, SECOND_OPINION = (
    "document",
    "admin_rule",
    "rule",
    "lexicon",
    "classifier",
    "clarification",
    "second_opinion",
)
LAYERS = (DOCUMENT, ADMIN, RULE, LEXICON, CLASSIFIER, CLARIFICATION, SECOND_OPINION)


@dataclass
class GuardDecision:
    allowed: bool
    category: str | None = None
    rule_id: str | None = None
    use_case_slug: str | None = None
    charter_article: str | None = None
    reason: str = ""
    matched: list[str] = field(default_factory=list)
    source: str = "request"  # request | attachment name | "message N (role)"
    journal_seq: int | None = None  # seq of the journal entry (set by services.enforce)
    layer: str | None = None  # which layer decided a refusal (see LAYERS)
    score: float | None = None  # classifier's probability that the request is a forbidden use
    model_version: str = ""  # short SHA-256 of the classifier file
    user_reason: str = ""
    clarification: str = ""  # French question stating the two readings (layer "clarification")
    deobfuscated: bool = False  # the request was encoded or disguised and has been decoded

    def as_dict(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed,
            "category": self.category,
            "rule_id": self.rule_id,
            "use_case_slug": self.use_case_slug,
            "charter_article": self.charter_article,
            "reason": self.reason,
            "user_reason": self.user_reason,
            "clarification": self.clarification,
            "matched": self.matched,
            "source": self.source,
            "journal_seq": self.journal_seq,
            "layer": self.layer,
            "score": None if self.score is None else round(self.score, 4),
            "model_version": self.model_version,
            "deobfuscated": self.deobfuscated,
        }


def user_reason(categories: dict[str, dict[str, str]], category: str | None) -> str:
    """The French sentence shown to the agent for a refusal of ``category`` (no rule id)."""
    meta = categories.get(category or "", {})
    if meta.get("user_reason"):
        return meta["user_reason"]
    label = meta.get("label", "").lower()
    if label:
        return f"Cette demande relève d'un usage exclu de l'IA en RH : {label}."
    return "Cette demande relève d'un usage exclu de l'IA en RH."
