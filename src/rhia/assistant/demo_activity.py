"""``rhia demo --activity``: a team of demo agents starting to use the assistant, so the dashboards
show figures instead of « < 5 ».

Everything goes through the services the pages call (charter, training, self-assessment, intake with
the usage guard and personal-data detection, privacy review and sources), so the journal holds real
events and the dashboards read them as usual. The cases stop where the agent would ask the model for
drafts: no model runs, the demo builds in seconds. Idempotent: the team is created once.
"""

from __future__ import annotations

import contextlib

from django.db import transaction
from django.utils import timezone

from rhia.accounts.models import RoleAssignment, Structure, User
from rhia.accounts.roles import Role

TEAM_STRUCTURE = "Division des personnels enseignants"
TEAM_SIZE = 15
NEWCOMERS = 5  # not trained yet: no access; five, so neither group is under the suppression size
FIRST_NAMES = [
    "Léa",
    "Hugo",
    "Inès",
    "Nathan",
    "Chloé",
    "Yanis",
    "Manon",
    "Théo",
    "Sarah",
    "Lucas",
    "Jade",
    "Enzo",
]
LAST_NAMES = [
    "Bernard",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Laurent",
    "Simon",
    "Michel",
    "Garcia",
]
# Questions as staff members write them (the guard lets them through) and requests it refuses.
QUESTIONS = [
    "Bonjour, je suis à 80 % depuis septembre, combien de jours de congés annuels j'ai cette année ? Merci",
    "bonjour, est ce que je peux reporter mes congés non pris sur l'an prochain ? cordialement",
    "Madame, Monsieur, mon fils est malade, ai-je droit à des autorisations d'absence pour garde d'enfant ?",
    "Hello, je voudrais passer à temps partiel à la rentrée, quelle est la démarche et le délai ?",
    "Bonjour, combien de temps dure un congé de paternité dans la fonction publique ?",
    "bonjour je souhaite savoir si le compte épargne temps peut être payé quand on part à la retraite",
]
REFUSED = [
    "Classe les CV des candidats au poste d'adjoint administratif du meilleur au moins bon.",
    "Trie les lettres de motivation reçues pour le poste de secrétaire et garde les trois meilleures.",
]


def _team(structure: Structure) -> list[User]:
    team = []
    for index in range(TEAM_SIZE):
        username = f"agent{index + 1:02d}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                first_name=FIRST_NAMES[index % len(FIRST_NAMES)],
                last_name=LAST_NAMES[index % len(LAST_NAMES)],
                email=f"{username}@demo.rhia.invalid",
            )
            user.set_unusable_password()  # figures only: nobody signs in with these accounts
            user.structure, user.access, user.job_title = structure, User.Access.ACTIVE, "Gestionnaire RH"
            user.save()
        RoleAssignment.objects.get_or_create(user=user, role=Role.AGENT_RH, structure=structure)
        team.append(user)
    return team


def _self_assess(user: User, index: int) -> None:
    from rhia.training.services import active_questions, submit_self_assessment

    questions = [question for group in active_questions().values() for question in group]
    if questions:
        submit_self_assessment(user, {q.pk: (index + n) % 4 for n, q in enumerate(questions)})


def seed_activity(stdout=None) -> int:
    """Create the team and its first requests once; returns the number of requests opened."""
    from rhia.assistant.services import CaseError, confirm_review, open_case
    from rhia.governance.services import acknowledge_current_charter, current_charter
    from rhia.training.models import Training
    from rhia.training.services import record_completion

    structure = Structure.objects.filter(name=TEAM_STRUCTURE).first()
    if structure is None or User.objects.filter(username="agent01").exists():
        return 0
    basic = Training.objects.filter(is_basic=True).first()
    trainer = User.objects.filter(username="formation").first()
    opened = 0
    with transaction.atomic():
        team = _team(structure)
        for index, agent in enumerate(team):
            _self_assess(agent, index)
            if index >= TEAM_SIZE - NEWCOMERS:
                continue
            if current_charter() is not None:
                acknowledge_current_charter(agent)
            if basic is not None:
                record_completion(agent, basic, on=timezone.localdate(), by=trainer)
            for turn in range(2):
                refused = turn == 1 and index % 2 == 0
                text = (
                    REFUSED[index % len(REFUSED)] if refused else QUESTIONS[(index + turn) % len(QUESTIONS)]
                )
                case = open_case(agent, text=text)
                opened += 1
                if not case.refusal:
                    # Personal data checked, sources retrieved; a refused step (e.g. no provider for
                    # sensitive data) leaves the case waiting for the agent, as on the pages.
                    with contextlib.suppress(CaseError):
                        confirm_review(case, agent)
    if stdout is not None:
        stdout.write(
            f"Activité de démonstration : {TEAM_SIZE} agents, {opened} demandes (dont refus du garde-fou)."
        )
    return opened
