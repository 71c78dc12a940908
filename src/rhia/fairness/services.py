"""Bias findings for what the pages show, and the aggregate the journal keeps (no text, no person)."""

from __future__ import annotations

from collections.abc import Iterable

from rhia.fairness.checker import CATEGORIES, Finding, check


def case_sources(case) -> list[str]:
    """Texts of the passages the case's answer is built on (the agent's selection)."""
    return [str(source.get("text") or "") for source in (case.sources or []) if source.get("selected")]


def findings_for(text: str, case=None) -> list[Finding]:
    """Findings in a draft or final text of ``case`` (its question for civilities, its sources)."""
    if case is None:
        return check(text or "")
    return check(text or "", context=case.question or "", sources=case_sources(case))


def summary(texts: Iterable[str], case=None) -> dict:
    """How many texts have findings, per category — what the journal records for the dashboards."""
    texts = [t for t in texts if t and t.strip()]
    per_text = [{f.category for f in findings_for(t, case)} for t in texts]
    return {
        "texts": len(texts),
        "with_findings": sum(1 for found in per_text if found),
        "categories": {key: sum(1 for found in per_text if key in found) for key in CATEGORIES},
    }
