"""Dashboard fixtures: many agents at once (no password hashing: they never log in)."""

from __future__ import annotations

import itertools

import pytest

_numbers = itertools.count(1)


@pytest.fixture
def make_agents(db, structures):
    """make_agents(n, structure="service", role="agent_rh") -> n active users holding the role."""
    from rhia.accounts.models import RoleAssignment, User
    from rhia.accounts.roles import Role

    def factory(n: int, structure: str = "service", role: str = Role.AGENT_RH.value) -> list[User]:
        place = structures[structure]
        users = []
        for _ in range(n):
            number = next(_numbers)
            user = User(
                username=f"agent-{number}",
                first_name="Agent",
                last_name=f"Nomdagent{number}",
                structure=place,
                access=User.Access.ACTIVE,
            )
            user.set_unusable_password()
            user.save()
            RoleAssignment.objects.create(user=user, role=role, structure=place)
            users.append(user)
        return users

    return factory
