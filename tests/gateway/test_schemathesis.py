"""Schemathesis fuzzes the gateway from its own OpenAPI schema: no input may cause a server error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_no_server_error_on_generated_requests(live_server, agent_key, upstream_provider, tmp_path):
    from rhia.gateway.models import QuotaPolicy

    # Fuzzing sends many requests: lift the per-minute limit for this key's structure.
    QuotaPolicy.objects.create(
        structure=agent_key[1].structure, requests_per_minute=100_000, tokens_per_day=10_000_000
    )
    output = _fuzz(
        f"{live_server.url}/v1/openapi.json",
        [f"Authorization: Bearer {agent_key[2]}"],
        examples=25,
        cwd=tmp_path,
        extra=["--seed", "2026"],
    )
    assert "not_a_server_error" in output or "passed" in output.lower()


def test_no_server_error_on_the_session_api(live_server, client, make_user, tmp_path):
    """The same fuzzing on ``/api/`` as a logged-in agent (session cookie and CSRF token): it found
    500s for multipart bodies without a boundary on every POST operation, now a French 400."""
    from rhia.accounts.roles import Role

    client.force_login(make_user(Role.AGENT_RH.value))
    session = client.cookies["sessionid"].value
    token = "rhiaschemathesiscsrftoken0000000"
    output = _fuzz(
        f"{live_server.url}/api/openapi.json",
        [
            f"Cookie: sessionid={session}; csrftoken={token}",
            f"X-CSRFToken: {token}",
            f"Referer: {live_server.url}/",
        ],
        examples=10,
        cwd=tmp_path,
    )
    assert " passed" in output


def _fuzz(schema: str, headers: list[str], *, examples: int, cwd, extra: list[str] | None = None) -> str:
    """Run schemathesis' server-error check on ``schema``; fail with its report when it finds one."""
    executable = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    assert executable, "schemathesis is a dev dependency (pyproject.toml)"
    command = [executable, "run", schema, "--checks", "not_a_server_error"]
    for header in headers:
        command += ["-H", header]
    command += [
        "--max-examples",
        str(examples),
        *(extra or []),
        "--generation-deterministic",
        "--request-timeout",
        "30",
        "--suppress-health-check",
        "all",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=cwd, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    return output
