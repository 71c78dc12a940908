"""Granting and removing roles: journaled with who did it; no one gives themselves the powers to
read the journal (DPO) or to administer (administrator).

Those two roles are granted by a second administrator in the administration pages, or on the
server with ``rhia roles grant`` (someone with shell access to the server is already trusted with
its secrets). Every change — from the pages, the command or the demo seed — leaves a journal entry.
"""

from __future__ import annotations

from django.db import transaction

from rhia.accounts.models import RoleAssignment, Structure, User
from rhia.accounts.roles import Role

SELF_GRANT_FORBIDDEN = frozenset({Role.DPO.value, Role.ADMIN.value})


class GrantError(ValueError):
    """A refused role change (French message)."""


def self_grant_problem(user_pk: int | None, role: str, by: User | None) -> str:
    """The French refusal when ``by`` would give themselves ``role``, else ""."""
    if by is not None and user_pk is not None and by.pk == user_pk and role in SELF_GRANT_FORBIDDEN:
        label = Role(role).label
        return (
            f"Vous ne pouvez pas vous attribuer vous-même le rôle « {label} » : un autre administrateur "
            "doit le faire (ou la commande « rhia roles grant » sur le serveur)."
        )
    return ""


def journal_granted(assignment: RoleAssignment, by: User | None, via: str) -> None:
    from rhia.audit.journal import record

    record(
        "accounts.role_granted",
        actor=by,
        obj=("accounts.user", assignment.user_id),
        payload={"role": assignment.role, "structure_id": assignment.structure_id, "via": via},
    )


def journal_revoked(user_id: int, role: str, structure_id: int, by: User | None, via: str) -> None:
    from rhia.audit.journal import record

    record(
        "accounts.role_revoked",
        actor=by,
        obj=("accounts.user", user_id),
        payload={"role": role, "structure_id": structure_id, "via": via},
    )


@transaction.atomic
def grant(user: User, role: str, structure: Structure, *, by: User | None, via: str) -> RoleAssignment:
    if role not in Role.values:
        raise GrantError(f"Rôle inconnu « {role} » (rôles : {', '.join(Role.values)}).")
    problem = self_grant_problem(user.pk, role, by)
    if problem:
        raise GrantError(problem)
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, structure=structure, defaults={"granted_by": by}
    )
    if created:
        journal_granted(assignment, by, via)
    return assignment


@transaction.atomic
def revoke(user: User, role: str, structure: Structure, *, by: User | None, via: str) -> bool:
    deleted, _ = RoleAssignment.objects.filter(user=user, role=role, structure=structure).delete()
    if deleted:
        journal_revoked(user.pk, role, structure.pk, by, via)
    return bool(deleted)
