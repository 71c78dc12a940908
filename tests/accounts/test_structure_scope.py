"""Roles are scoped by structure: a role over a structure covers everything below it, nothing beside it."""

from __future__ import annotations

import pytest

from rhia.accounts.authz import has_perm, structures_for
from rhia.accounts.roles import Role


@pytest.mark.django_db
def test_scope_covers_subtree_only(make_user, structures):
    referent = make_user(Role.ETHICS_REFERENT.value, structure="academy")
    assert has_perm(referent, "governance.handle_reports", structures["academy"])
    assert has_perm(referent, "governance.handle_reports", structures["service"])
    assert not has_perm(referent, "governance.handle_reports", structures["other"])
    assert not has_perm(referent, "governance.handle_reports", structures["ministry"])
    assert set(structures_for(referent, "governance.handle_reports")) == {
        structures["academy"],
        structures["service"],
    }


@pytest.mark.django_db
def test_unknown_permission_is_a_programming_error(make_user):
    with pytest.raises(KeyError):
        has_perm(make_user(Role.ADMIN.value), "no.such.permission")


@pytest.mark.django_db
def test_pending_user_holds_no_permission(make_user, structures):
    from rhia.accounts.models import RoleAssignment, User

    user = make_user(None)
    RoleAssignment.objects.create(user=user, role=Role.ADMIN, structure=structures["ministry"])
    assert user.access == User.Access.PENDING
    assert not has_perm(user, "admin.access")


@pytest.mark.django_db
def test_structure_in_scope_is_the_one_asked_for_or_the_highest(make_user, structures):
    from rhia.accounts.authz import structure_in_scope

    referent = make_user(Role.ETHICS_REFERENT.value, structure="academy")
    permission = "governance.handle_reports"
    assert structure_in_scope(referent, permission) == structures["academy"]
    assert structure_in_scope(referent, permission, str(structures["service"].pk)) == structures["service"]
    assert structure_in_scope(referent, permission, structures["other"].pk) == structures["academy"]
    assert structure_in_scope(referent, permission, "abc") == structures["academy"]
    assert structure_in_scope(make_user(Role.AGENT_RH.value), permission) is None
