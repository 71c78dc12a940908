"""The whole draft flow with the network blocked (only loopback): ``rhia ask`` on the embedded model.

Runs in a child process inside a new network namespace (``unshare --net``, root here; ``-r`` maps
the user otherwise) where only ``lo`` is up: no telemetry, no hub, no registry can be reached.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.model

CHILD = textwrap.dedent(
    """
    import io, json, os, socket
    import django
    django.setup()
    from django.core.management import call_command
    try:
        socket.create_connection(("1.1.1.1", 443), timeout=3)
        outside = True
    except OSError:
        outside = False
    call_command("migrate", verbosity=0)
    from rhia.llm import seed
    seed.run()
    out = io.StringIO()
    call_command("ask", "Combien de jours d'absence pour un mariage ?", "--json", "--samples", "--n", "1", stdout=out)
    result = json.loads(out.getvalue().strip().splitlines()[-1])
    from rhia.audit.models import JournalEntry
    calls = list(JournalEntry.objects.filter(action="llm.call").values_list("payload", flat=True))
    print(json.dumps({"outside": outside, "ask": result, "calls": calls}))
    """
)


def _namespace_prefix() -> list[str]:
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        pytest.skip("unshare/ip not available")
    base = ["unshare", "--net"] if os.geteuid() == 0 else ["unshare", "-rn"]
    probe = subprocess.run([*base, "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"network namespaces not permitted here: {probe.stderr.decode()[:200]}")
    return base


def test_whole_flow_without_network(tmp_path):
    from rhia.llm.model_files import ensure_model

    model = ensure_model()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rhia.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'offline.sqlite3'}",
        "RHIA_VAR_DIR": str(tmp_path),
        "RHIA_LLM_MODEL_PATH": str(model),
        "RHIA_DRAFT_MAX_TOKENS": "60",
        "RHIA_DRAFT_RETRY": "0",
        "HF_HUB_OFFLINE": "1",
    }
    env.pop("RHIA_LLM_BASE_URL", None)
    child = tmp_path / "child.py"
    child.write_text(CHILD, encoding="utf-8")
    script = f"ip link set lo up && exec '{sys.executable}' '{child}'"
    done = subprocess.run(
        [*_namespace_prefix(), "sh", "-c", script], env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["outside"] is False
    ask = result["ask"]
    assert ask["intent"] == "hr_question" and ask["sources"]
    # The extractive answer (composed in code), then the one model draft asked for.
    assert [d["style"] for d in ask["drafts"]][0] == "extractive" and len(ask["drafts"]) == 2
    assert all(d["text"].strip() for d in ask["drafts"])
    assert ask["provider"].startswith("Modèle embarqué")
    assert len(result["calls"]) == 1 and result["calls"][0]["prompt_tokens"] > 100
