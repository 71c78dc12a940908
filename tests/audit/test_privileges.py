"""PostgreSQL role separation: the application role appends to the journal and cannot rewrite it,
even with the purge permit a session can grant itself (``rhia audit grants``)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from rhia.audit import services
from rhia.audit.journal import record
from rhia.audit.models import JournalEntry
from rhia.audit.permit import journal_permit
from rhia.audit.privileges import grants_sql

pytestmark = pytest.mark.django_db

APP_ROLE = "rhia_app_test"


def test_grants_refuse_odd_role_names():
    with pytest.raises(ValueError, match="invalide"):
        grants_sql("app; DROP TABLE x", "rhia_owner")


def test_grants_command_prints_the_statements(capsys):
    call_command("audit", "grants", "rhia_web")
    out = capsys.readouterr().out
    assert "REVOKE UPDATE, DELETE, TRUNCATE ON audit_journalentry FROM rhia_web;" in out


@pytest.mark.skipif(connection.vendor != "postgresql", reason="roles exist on PostgreSQL only")
def test_application_role_cannot_rewrite_the_journal():
    record("test.before")
    with connection.cursor() as cursor:
        # CREATE ROLE is transactional: the test's rollback removes it.
        cursor.execute(f"CREATE ROLE {APP_ROLE} NOLOGIN")
        owner = connection.settings_dict["USER"] or "postgres"
        for sql in grants_sql(APP_ROLE, owner):
            cursor.execute(sql)
        cursor.execute(f"SET LOCAL ROLE {APP_ROLE}")
    entry = record("test.as_application")  # appending works
    assert entry.seq == 2
    for sql in ("UPDATE audit_journalentry SET action = 'x'", "DELETE FROM audit_journalentry"):
        with (
            pytest.raises(DatabaseError, match="permission denied"),
            transaction.atomic(),
            journal_permit(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
        services.purge(content_days=0, metadata_days=365)
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
    assert JournalEntry.objects.count() == 2
    assert services.verify_journal().ok
