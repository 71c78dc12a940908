"""PostgreSQL ends a session left idle inside a transaction, so it cannot keep the journal head lock."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL session setting"),
]

HOLDER = textwrap.dedent(
    """
    import time
    import django
    django.setup()
    from django.db import connection, transaction
    from rhia.audit import journal
    with transaction.atomic():
        journal._lock_chain_head()
        time.sleep(2.5)  # idle in transaction, holding the journal head lock
        try:
            connection.cursor().execute("SELECT 1")
        except Exception as error:
            print("ended:", type(error).__name__)
        else:
            print("still open")
    """
)


def test_app_connections_carry_the_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW idle_in_transaction_session_timeout")
        assert cursor.fetchone()[0] == "1min"


def test_session_idle_in_transaction_is_ended_and_the_head_lock_freed():
    settings = connection.settings_dict
    url = (
        f"postgres://{settings.get('USER') or 'postgres'}@{settings.get('HOST') or '127.0.0.1'}:"
        f"{settings.get('PORT') or 5432}/{settings['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "rhia.settings",
        "RHIA_DB_IDLE_IN_TRANSACTION_TIMEOUT": "1",
    }
    holder = subprocess.run(
        [sys.executable, "-c", HOLDER], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert "ended:" in holder.stdout, holder.stdout + holder.stderr[-2000:]
