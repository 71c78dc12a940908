"""Demo structure and one account per role (idempotent: existing accounts keep their password)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import transaction

from rhia.accounts.models import RoleAssignment, Structure, User
from rhia.accounts.roles import Role

DEMO_TREE = [
    ("Ministère de l'Éducation nationale", Structure.Kind.MINISTRY, None),
    ("Académie de Lyon", Structure.Kind.ACADEMY, "Ministère de l'Éducation nationale"),
    ("Division des personnels enseignants", Structure.Kind.SERVICE, "Académie de Lyon"),
    ("Direction des ressources humaines", Structure.Kind.DIRECTION, "Ministère de l'Éducation nationale"),
]

DEMO_ACCOUNTS = [
    ("agent", "Camille", "Moreau", Role.AGENT_RH, "Division des personnels enseignants", "Gestionnaire RH"),
    (
        "valideur",
        "Dominique",
        "Lefèvre",
        Role.VALIDATOR,
        "Division des personnels enseignants",
        "Cheffe de bureau",
    ),
    ("referent", "Sacha", "Garnier", Role.ETHICS_REFERENT, "Académie de Lyon", "Référent éthique IA"),
    (
        "commission",
        "Alix",
        "Roux",
        Role.ETHICS_COMMITTEE,
        "Ministère de l'Éducation nationale",
        "Membre de la commission d'éthique",
    ),
    (
        "dpo",
        "Claude",
        "Fontaine",
        Role.DPO,
        "Ministère de l'Éducation nationale",
        "Délégué à la protection des données",
    ),
    ("formation", "Maxime", "Chevalier", Role.TRAINING, "Académie de Lyon", "Conseiller formation"),
    ("representant", "Noa", "Girard", Role.STAFF_REP, "Académie de Lyon", "Représentant du personnel"),
    ("admin", "Morgan", "Bonnet", Role.ADMIN, "Ministère de l'Éducation nationale", "Administrateur rhia"),
]


@dataclass
class DemoAccount:
    username: str
    role: str
    password: str | None  # None when the account already existed


@transaction.atomic
def ensure_demo(password: str | None = None) -> list[DemoAccount]:
    structures: dict[str, Structure] = {}
    for name, kind, parent in DEMO_TREE:
        structures[name], _ = Structure.objects.get_or_create(
            name=name, parent=structures.get(parent) if parent else None, defaults={"kind": kind}
        )
        if kind == Structure.Kind.MINISTRY and not structures[name].versant:
            structures[name].versant = "FPE"  # a ministry's staff: fonction publique de l'État
            structures[name].save(update_fields=["versant"])
    accounts = []
    for username, first, last, role, structure_name, job in DEMO_ACCOUNTS:
        structure = structures[structure_name]
        user = User.objects.filter(username=username).first()
        new_password = None
        if user is None:
            new_password = password or secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username,
                password=new_password,
                first_name=first,
                last_name=last,
                email=f"{username}@demo.rhia.invalid",
            )
            user.structure = structure
            user.access = User.Access.ACTIVE
            user.job_title = job
            user.save()
        RoleAssignment.objects.get_or_create(user=user, role=role, structure=structure)
        accounts.append(DemoAccount(username, Role(role).label, new_password))
    return accounts
