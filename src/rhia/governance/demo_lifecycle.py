"""``rhia demo``: the operational use case walks the whole lifecycle, step by step, with its evidence.

Without it the register would say "Généralisé" while the representatives were never informed and the
direction never validated. Each step goes through ``lifecycle_service.advance`` (permissions, order,
evidence, register update, journal), by the demo account that holds the role.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from rhia.governance.lifecycle_flow import Evidence, State
from rhia.governance.lifecycle_service import advance
from rhia.policy.models import OPERATIONAL_USE_CASE, Status, UseCase

# Days before today of each step, in the workflow's order: the history the demo documents ends before
# the demo activity (``rhia demo --activity``, the last eight weeks) begins.
DAYS_AGO = {
    State.DPIA: 200,
    State.STAFF_CONSULTATION: 185,
    State.DIRECTION_VALIDATION: 175,
    State.PILOT: 165,
    State.REVIEW: 75,
    State.GENERALISED: 65,
}


def _steps(today):
    def on(state: State):
        return today - timedelta(days=DAYS_AGO[state])

    return [
        (
            "dpo",
            State.DPIA,
            Evidence(
                text="AIPD réalisée avec le RSSI : pseudonymisation avant tout appel au modèle, modèle hébergé "
                "sur site, journal conservé un an, aucune décision automatisée (RGPD art. 22).",
                dpia_outcome="realisee",
                occurred_on=on(State.DPIA),
            ),
        ),
        (
            "admin",
            State.STAFF_CONSULTATION,
            Evidence(
                text="Présentation du projet, de la charte et des indicateurs de suivi au comité social "
                "d'administration ; avis favorable, demande d'un bilan à six mois.",
                occurred_on=on(State.STAFF_CONSULTATION),
                instance="CSA académique",
            ),
        ),
        (
            "valideur",
            State.DIRECTION_VALIDATION,
            Evidence(
                text="Validation par la direction des ressources humaines après l'AIPD et l'information "
                "du CSA : pilote sur la division des personnels enseignants.",
                occurred_on=on(State.DIRECTION_VALIDATION),
            ),
        ),
        (
            "admin",
            State.PILOT,
            Evidence(
                text="Pilote de trois mois avec dix gestionnaires formés (module socle) et une relecture "
                "systématique par un valideur.",
                occurred_on=on(State.PILOT),
                next_review_on=on(State.REVIEW),  # the clause set at the start, honoured by the review
            ),
        ),
        (
            "dpo",
            State.REVIEW,
            Evidence(
                text="Revue du pilote : sources citées vérifiées sur un échantillon de 50 réponses, aucun "
                "incident de données personnelles, deux signalements traités.",
                occurred_on=on(State.REVIEW),
            ),
        ),
        (
            "admin",
            State.GENERALISED,
            Evidence(
                text="Généralisation aux services RH de l'académie, avec la même charte, la même formation "
                "préalable et un bilan annuel présenté au CSA.",
                occurred_on=on(State.GENERALISED),
                next_review_on=on(State.GENERALISED) + timedelta(days=365),
            ),
        ),
    ]


def walk_operational_use_case(stdout=None) -> int:
    """Record the lifecycle of the operational use case if it has none yet; returns the steps added."""
    from rhia.accounts.models import User

    use_case = UseCase.objects.filter(slug=OPERATIONAL_USE_CASE).first()
    if use_case is None or use_case.lifecycle_steps.exists():
        return 0
    actors = {user.username: user for user in User.objects.filter(username__in=["dpo", "admin", "valideur"])}
    if len(actors) < 3:
        return 0
    today = timezone.localdate()
    with transaction.atomic():
        # The seed registers it as generalised; its history starts from the proposal instead.
        UseCase.objects.filter(pk=use_case.pk).update(status=Status.PROPOSED)
        for username, target, evidence in _steps(today):
            advance(use_case, target, evidence, actor=actors[username])
    if stdout is not None:
        stdout.write(
            f"Cycle de vie de « {use_case.name} » documenté : 6 étapes, de la proposition à la généralisation."
        )
    return 6
