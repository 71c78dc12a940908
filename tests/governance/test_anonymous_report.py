"""An anonymous report stores no identity: not in any table, not in the journal."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from rhia.accounts.roles import Role
from rhia.audit.journal import record
from rhia.audit.models import JournalEntry
from rhia.governance.models import MisuseReport

USER_AGENT = "NavigateurTemoin/4.2 (signalement)"
ADDRESS = "10.77.88.99"


def _user_columns() -> dict[str, set[str]]:
    """Per table, the columns that point to a user (foreign keys to the user model, the journal actor)."""
    columns: dict[str, set[str]] = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if (
                field.is_relation
                and field.related_model is not None
                and field.related_model._meta.label == settings.AUTH_USER_MODEL
            ):
                columns.setdefault(model._meta.db_table, set()).add(field.column)
    columns.setdefault(JournalEntry._meta.db_table, set()).add("actor_id")
    return columns


def _snapshot() -> dict[str, tuple[list[str], set[tuple]]]:
    data = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (table names from introspection)
            names = [col[0] for col in cursor.description]
            data[table] = (names, {tuple(row) for row in cursor.fetchall()})
    return data


@pytest.mark.django_db
def test_anonymous_report_leaves_no_identity_anywhere(client, make_user):
    agent = make_user(
        Role.AGENT_RH.value,
        username="camille.identifiable",
        first_name="Camille",
        last_name="Témoin",
        email="camille.temoin@exemple.gouv.fr",
    )
    refusal = record(
        "policy.refused",
        actor=agent,
        payload={"category": "mental_health_inference", "rule": "r1", "use_case": "", "channel": "case"},
    )
    from rhia.assistant.models import Case

    Case.objects.create(owner=agent, reference="DOSSIER-42")
    client.force_login(agent)
    session_key = client.session.session_key
    before = _snapshot()

    response = client.post(
        f"/gouvernance/signaler/?refus={refusal.seq}&cas=DOSSIER-42",
        {
            "category": "usage_interdit",
            "description": "Une collègue a demandé à l'outil de repérer les agents fragiles.",
            "anonymous": "on",
            "cas": "DOSSIER-42",
            "refus": str(refusal.seq),
        },
        HTTP_USER_AGENT=USER_AGENT,
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 302
    after = _snapshot()

    report = MisuseReport.objects.get()
    assert report.anonymous and report.reporter_id is None
    assert report.case_reference == "" and report.refusal_seq is None
    assert report.refusal_category == "mental_health_inference"  # the category is not an identity
    assert report.structure == agent.structure

    user_columns = _user_columns()
    forbidden_text = [
        agent.username,
        agent.email,
        agent.last_name,
        USER_AGENT,
        ADDRESS,
        session_key,
        "DOSSIER-42",
    ]
    changed_tables = []
    for table, (names, rows) in after.items():
        new_rows = rows - before.get(table, (names, set()))[1]
        if not new_rows:
            continue
        changed_tables.append(table)
        for row in new_rows:
            values = dict(zip(names, row, strict=True))
            for column in user_columns.get(table, ()):
                assert values[column] != agent.pk, (table, column)
            dumped = repr(row)
            for needle in forbidden_text:
                assert needle not in dumped, (table, needle)
            if table == JournalEntry._meta.db_table:
                assert values["actor_roles"] == ""
                assert values["object_type"] in ("", "governance.misusereport")
    assert "governance_misusereport" in changed_tables and JournalEntry._meta.db_table in changed_tables

    entry = JournalEntry.objects.get(action="governance.report_created")
    assert entry.actor_id is None and entry.payload == {"category": "usage_interdit"}
    assert entry.structure_id == agent.structure_id

    # The reporter has no way back to it either.
    page = client.get("/gouvernance/mes-signalements/").content.decode()
    assert "Vous n'avez fait aucun signalement nominatif." in page


@pytest.mark.django_db
def test_database_refuses_an_anonymous_report_with_a_reporter(make_user):
    from django.db import IntegrityError

    agent = make_user(Role.AGENT_RH.value)
    with pytest.raises(IntegrityError):
        MisuseReport.objects.create(
            structure=agent.structure, category="autre", description="x" * 20, anonymous=True, reporter=agent
        )
