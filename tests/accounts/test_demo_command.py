"""`rhia demo` is idempotent: a second run keeps accounts and passwords."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from rhia.accounts.models import User
from rhia.accounts.roles import Role


@pytest.mark.django_db
def test_demo_creates_one_account_per_role_and_is_idempotent(capsys):
    call_command("demo")
    first = capsys.readouterr().out
    assert "Notez ces mots de passe" in first
    users = User.objects.filter(
        username__in=[
            "agent",
            "valideur",
            "referent",
            "commission",
            "dpo",
            "formation",
            "representant",
            "admin",
        ]
    )
    assert users.count() == 8
    assert {a.role for u in users for a in u.role_assignments.all()} == {r.value for r in Role}
    # The demo agent has done the basic module; the charter is signed on first visit.
    from rhia.training.gating import assistant_access_missing

    missing = [m.label for m in assistant_access_missing(users.get(username="agent"))]
    assert len(missing) == 1 and "charte" in missing[0].lower()
    hashes = dict(users.values_list("username", "password"))
    call_command("demo")
    second = capsys.readouterr().out
    assert "mot de passe inchangé" in second and "Notez ces mots de passe" not in second
    assert dict(User.objects.filter(username__in=hashes).values_list("username", "password")) == hashes
