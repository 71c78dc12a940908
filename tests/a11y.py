"""axe-core in the browser tests: injected from tests/browser_js (scripts/install-test-js), no network."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent / "browser_js" / "node_modules" / "axe-core" / "axe.min.js"


class AxeMissing(UserWarning):
    pass


def axe_violations(page) -> list[dict] | None:
    """Every axe-core violation of the current page (WCAG 2.1 A/AA and best practices); None, with a
    warning, when axe-core is not installed (the journey's other checks still run). Under CI (the
    ``CI`` environment variable set) a missing axe-core fails the test: the check is never skipped there."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"axe-core absent ({AXE}) alors que CI est défini : lancez scripts/install-test-js")
        warnings.warn(
            "axe-core absent : lancez scripts/install-test-js (npm ci dans tests/browser_js)",
            AxeMissing,
            stacklevel=3,
        )
        return None
    # evaluate() runs outside the page's Content-Security-Policy, like a browser extension would.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


def assert_accessible(page, name: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{name}: {violations}"
