"""Four processes appending at the same time never fork the chain (SQLite file and PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from rhia.audit.models import JournalEntry
from rhia.audit.services import verify_journal

WRITER = Path(__file__).with_name("concurrent_writer.py")
WORKERS, PER_WORKER = 4, 40


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        host, port = settings.get("HOST") or "127.0.0.1", settings.get("PORT") or 5432
        return f"postgres://{settings.get('USER') or 'postgres'}@{host}:{port}/{settings['NAME']}"
    return f"sqlite:///{settings['NAME']}"


def _run_writers(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "rhia.settings"}
    processes = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(worker), str(PER_WORKER)], env=env, stderr=subprocess.PIPE
        )
        for worker in range(WORKERS)
    ]
    for process in processes:
        _out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()[-2000:]


@pytest.mark.django_db(transaction=True)
def test_four_writers_on_the_test_database(tmp_path):
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        # An in-memory test database is invisible to other processes: use a migrated SQLite file.
        database = tmp_path / "journal.sqlite3"
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{database}",
            "DJANGO_SETTINGS_MODULE": "rhia.settings",
        }
        subprocess.run(
            [sys.executable, "-m", "django", "migrate", "audit", "--verbosity", "0"], env=env, check=True
        )
        _run_writers(f"sqlite:///{database}")
        check = subprocess.run(
            [sys.executable, "-m", "django", "audit", "verify", "--json"],
            env=env,
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stdout + check.stderr
        assert f'"checked": {WORKERS * PER_WORKER}' in check.stdout.strip().splitlines()[-1]
        return
    _run_writers(_database_url())
    seqs = list(JournalEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, WORKERS * PER_WORKER + 1))
    report = verify_journal()
    assert report.ok, report.problem
    assert report.checked == WORKERS * PER_WORKER
