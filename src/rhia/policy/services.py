"""Policy services: the guard with the administrator's extra rules, enforcement with journaling, refusal links."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Max
from django.urls import NoReverseMatch, reverse

from rhia.audit.journal import record
from rhia.policy.guard import (
    GuardDecision,
    RuleSet,
    build_ruleset,
    check_conversation,
    check_request,
    shipped_rules,
)
from rhia.policy.models import GuardRule, UseCase

CHANNELS = ("case", "gateway", "check")
REPORT_FALLBACK_URL = "/gouvernance/signaler/"

_cache: dict[str, object] = {"key": None, "ruleset": None}


def _extra_rules() -> list[dict]:
    rules = []
    for rule in GuardRule.objects.filter(enabled=True).select_related("use_case"):
        rules.append(
            {
                "id": rule.rule_id,
                "category": rule.category,
                "description": rule.description,
                "patterns": list(rule.patterns),
                "requires": list(rule.requires) or None,
                "use_case": rule.use_case.slug if rule.use_case else None,
                "charter_article": rule.charter_article or None,
            }
        )
    return rules


def current_ruleset() -> RuleSet:
    """Shipped rules plus enabled database rules; rebuilt only when the database rules change."""
    state = GuardRule.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    key = (state["n"], state["last"])
    if _cache["key"] != key or _cache["ruleset"] is None:
        _cache["ruleset"] = build_ruleset(shipped_rules(), _extra_rules())
        _cache["key"] = key
    return _cache["ruleset"]  # type: ignore[return-value]


def enforce(
    text: str = "",
    attachments: Sequence[tuple[str, str]] = (),
    *,
    actor,
    channel: str,
    messages: Sequence[tuple[str, str]] | None = None,
) -> GuardDecision:
    """Check a request (or a whole conversation of (role, text) ``messages``) before any model call.

    Every decision is journaled without the text: "policy.refused" (refusals and requests held for a
    clarifying question) or "policy.allowed", with the layer, the score and the classifier's version.
    """
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    if messages is not None:
        decision = check_conversation(messages, attachments)
    else:
        decision = check_request(text, attachments)
    payload = {
        "channel": channel,
        "layer": decision.layer,
        "score": None if decision.score is None else round(decision.score, 3),
        "model": decision.model_version,
        "deobfuscated": decision.deobfuscated,
    }
    if decision.allowed:
        record("policy.allowed", actor=actor, payload=payload)
        return decision
    entry = record(
        "policy.refused",
        actor=actor,
        payload={
            "category": decision.category,
            "rule": decision.rule_id,
            "use_case": decision.use_case_slug,
            **payload,
        },
    )
    decision.journal_seq = entry.seq
    return decision


def report_url(journal_seq: int | None = None, case_reference: str = "") -> str:
    """Link to "signaler un besoin / contester" (the governance report form), identifying the refusal
    by its journal entry (``refus``) and the case (``cas``); never the request text."""
    try:
        base = reverse("governance:report_new")
    except NoReverseMatch:
        base = REPORT_FALLBACK_URL
    query = {key: value for key, value in (("refus", journal_seq), ("cas", case_reference)) if value}
    return f"{base}?{urlencode(query)}" if query else base


def _get(decision: Any, *names: str) -> Any:
    for name in names:
        value = decision.get(name) if isinstance(decision, dict) else getattr(decision, name, None)
        if value:
            return value
    return None


def refusal_info(decision: Any, case_reference: str = "") -> dict[str, Any]:
    """What ``policy/_refusal.html`` shows, from a GuardDecision or its stored dict form."""
    slug = _get(decision, "use_case_slug", "use_case")
    category = _get(decision, "category") or ""
    label = current_ruleset().category_label(category) if category else ""
    return {
        "reason": _get(decision, "reason") or "Cette demande correspond à un usage interdit de l'IA.",
        # What an agent reads: the excluded use in words, never the internal rule id.
        "user_reason": _get(decision, "user_reason")
        or (
            f"Cette demande relève d'un usage exclu : {label[:1].lower() + label[1:]}."
            if label
            else "Cette demande relève d'un usage exclu de l'IA en RH."
        ),
        "clarification": _get(decision, "clarification") or "",
        "rule_id": _get(decision, "rule_id", "rule") or "",
        "category": category,
        "category_label": label,
        "charter_article": _get(decision, "charter_article") or "",
        "matched": _get(decision, "matched") or [],
        "use_case": UseCase.objects.filter(slug=slug).first() if slug else None,
        "report_url": report_url(_get(decision, "journal_seq"), case_reference),
    }
