"""README's configuration table and the settings read the same variables, and only settings.py reads them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "rhia"
VARIABLE = re.compile(r"\b(RHIA_[A-Z][A-Z0-9_]*[A-Z0-9])\b")
# Read by the scripts around the application, not by it: the interpreter choice and the test database.
OUTSIDE_THE_APPLICATION = {"RHIA_PYTHON", "RHIA_TEST_POSTGRES_URL"}
# Test-only switches read by settings.py (the suite's own database names and backends).
TEST_ONLY = {"RHIA_TEST_DB_NAME", "RHIA_TEST_BACKEND"}


def documented() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in VARIABLE.findall(row.split("|")[1])}


def read_by_settings() -> set[str]:
    """Variables settings.py reads through its env_* helpers (every read goes through them)."""
    source = (SRC / "settings.py").read_text(encoding="utf-8")
    return set(re.findall(r'\benv_[a-z]+\(\s*"(RHIA_[A-Z0-9_]+)"', source)) - TEST_ONLY


def test_every_setting_is_documented_and_every_documented_variable_is_read():
    settings_vars, readme_vars = read_by_settings(), documented() - OUTSIDE_THE_APPLICATION
    prefixes = {name for name in readme_vars if name.endswith("_KEY_") or "…" in name}
    assert not settings_vars - readme_vars, "read by settings.py but missing from README's table"
    assert not readme_vars - settings_vars - prefixes, "in README's table but never read by settings.py"


def test_only_settings_and_entry_points_read_the_environment():
    entry_points = {"settings.py", "cli.py", "wsgi.py", "asgi.py"}
    offenders = [
        f"{path.relative_to(SRC)}:{number}"
        for path in SRC.rglob("*.py")
        if path.name not in entry_points or path.parent != SRC
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "os.environ" in line or "getenv(" in line
    ]
    assert offenders == [], offenders


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("RHIA_AUDIT_RETENTION_DAYS", "30", "at least 183"),
        ("RHIA_AUDIT_RETENTION_DAYS", "beaucoup", "must be an integer"),
        ("RHIA_LLM_THREADS", "0", "at least 1"),
        ("RHIA_DEBUG", "peut-être", "on or off"),
        ("RHIA_LOGIN_COOLOFF_HOURS", "quart", "must be a number"),
        ("RHIA_PRIVACY_PATTERNS", "{pas du json", "JSON object"),
        ("RHIA_PRIVACY_PATTERNS", '{"x": "(("}', "JSON object"),
    ],
)
def test_a_bad_value_stops_the_start_up_with_its_name(variable, value, message):
    result = subprocess.run(
        [sys.executable, "-c", "import rhia.settings"],
        env={**os.environ, variable: value, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and variable in result.stderr and message in result.stderr
