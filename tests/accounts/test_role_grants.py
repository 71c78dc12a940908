"""Separation of powers on roles (#17 point 2): every grant and removal is journaled with who did it;
nobody gives themselves the DPO or administrator role (a second administrator or the CLI must)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from rhia.accounts.models import RoleAssignment
from rhia.accounts.roles import Role
from rhia.audit.models import JournalEntry
from tests.admin_forms import change_form

pytestmark = pytest.mark.django_db


def _add_role(data: dict, role: str, structure_id: int) -> dict:
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
    i = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(i + 1)
    data.update({f"{prefix}-{i}-role": role, f"{prefix}-{i}-structure": structure_id, f"{prefix}-{i}-id": ""})
    return data


@pytest.mark.parametrize("role", [Role.DPO.value, Role.ADMIN.value])
def test_an_administrator_cannot_grant_themselves_a_protected_role(client, make_user, structures, role):
    admin = make_user(Role.ADMIN.value, structure="ministry")
    client.force_login(admin)
    url, data = change_form(client, admin)
    response = client.post(url, _add_role(data, role, structures["academy"].pk))
    assert response.status_code == 200
    assert "Vous ne pouvez pas vous attribuer vous-même" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=admin, role=role, structure=structures["academy"]).exists()
    assert not JournalEntry.objects.filter(action="accounts.role_granted").exists()


def test_a_second_administrator_grants_and_removes_the_dpo_role(client, make_user, structures):
    first = make_user(Role.ADMIN.value, structure="ministry")
    second = make_user(Role.ADMIN.value, structure="ministry")
    client.force_login(second)
    url, data = change_form(client, first)
    response = client.post(url, _add_role(data, Role.DPO.value, structures["ministry"].pk))
    assert response.status_code == 302, _errors(response)
    assert RoleAssignment.objects.filter(user=first, role=Role.DPO.value).exists()
    entry = JournalEntry.objects.get(action="accounts.role_granted")
    assert (entry.actor_id, entry.object_id, entry.payload["role"], entry.payload["via"]) == (
        second.pk,
        str(first.pk),
        "dpo",
        "administration",
    )
    url, data = change_form(client, first)
    dpo_index = next(k for k, v in data.items() if k.endswith("-role") and v == "dpo").split("-")[-2]
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
    data[f"{prefix}-{dpo_index}-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    assert not RoleAssignment.objects.filter(user=first, role=Role.DPO.value).exists()
    revoked = JournalEntry.objects.get(action="accounts.role_revoked")
    assert (revoked.actor_id, revoked.payload["role"]) == (second.pk, "dpo")


def test_changing_a_role_in_place_is_checked_and_journaled(client, make_user, structures):
    admin = make_user(Role.ADMIN.value, structure="ministry")
    RoleAssignment.objects.create(user=admin, role=Role.TRAINING.value, structure=structures["ministry"])
    client.force_login(admin)
    url, data = change_form(client, admin)
    key = next(k for k, v in data.items() if k.endswith("-role") and v == Role.TRAINING.value)
    data[key] = Role.DPO.value  # turn the training role into DPO
    response = client.post(url, data)
    assert response.status_code == 200 and "vous-même" in response.content.decode()
    data[key] = Role.AGENT_RH.value  # an ordinary role: allowed, journaled as removal + grant
    assert client.post(url, data).status_code == 302
    actions = list(JournalEntry.objects.order_by("seq").values_list("action", "payload__role"))
    assert actions == [("accounts.role_revoked", "formation"), ("accounts.role_granted", "agent_rh")]


def test_the_server_cli_grants_protected_roles_and_journals_them(make_user, structures, capsys):
    user = make_user(Role.ADMIN.value, username="premiere.admin", structure="ministry")
    call_command("roles", "grant", "premiere.admin", "dpo")
    assert RoleAssignment.objects.filter(user=user, role="dpo", structure=structures["ministry"]).exists()
    entry = JournalEntry.objects.get(action="accounts.role_granted")
    assert entry.actor_id is None and entry.payload["via"] == "cli"
    call_command("roles", "revoke", "premiere.admin", "dpo")
    assert JournalEntry.objects.filter(action="accounts.role_revoked").count() == 1
    with pytest.raises(CommandError, match="Rôle inconnu"):
        call_command("roles", "grant", "premiere.admin", "superadmin")
    with pytest.raises(CommandError, match="Utilisateur inconnu"):
        call_command("roles", "grant", "personne", "dpo")


def _errors(response) -> object:
    context = response.context
    return context["adminform"].form.errors, [
        (fs.formset.errors, fs.formset.non_form_errors()) for fs in context["inline_admin_formsets"]
    ]
