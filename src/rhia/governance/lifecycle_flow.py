"""Use-case lifecycle workflow: states, allowed transitions and the evidence each step needs.

Pure Python (no Django): the service layer and the database constraint both read ``TRANSITIONS``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class State(StrEnum):
    PROPOSED = "propose"
    DPIA = "analyse_dpia"
    STAFF_CONSULTATION = "consultation_rp"
    DIRECTION_VALIDATION = "validation_direction"
    PILOT = "pilote"
    REVIEW = "revue"
    GENERALISED = "generalise"
    SUSPENDED = "suspendu"
    WITHDRAWN = "retire"


LABELS: dict[State, str] = {
    State.PROPOSED: "Proposé",
    State.DPIA: "Analyse DPO / RSSI (AIPD)",
    State.STAFF_CONSULTATION: "Information / consultation des représentants du personnel",
    State.DIRECTION_VALIDATION: "Validation par la direction",
    State.PILOT: "Pilote",
    State.REVIEW: "Revue",
    State.GENERALISED: "Généralisé",
    State.SUSPENDED: "Suspendu",
    State.WITHDRAWN: "Retiré",
}

# The main path, in order (for the stepper shown on the pages).
MAIN_PATH: tuple[State, ...] = (
    State.PROPOSED,
    State.DPIA,
    State.STAFF_CONSULTATION,
    State.DIRECTION_VALIDATION,
    State.PILOT,
    State.REVIEW,
    State.GENERALISED,
)

_EARLY = (State.PROPOSED, State.DPIA, State.STAFF_CONSULTATION, State.DIRECTION_VALIDATION)

# from -> allowed next states. Withdrawal is possible from any non-final state; nothing else skips.
TRANSITIONS: dict[State, tuple[State, ...]] = {
    State.PROPOSED: (State.DPIA, State.WITHDRAWN),
    State.DPIA: (State.STAFF_CONSULTATION, State.WITHDRAWN),
    State.STAFF_CONSULTATION: (State.DIRECTION_VALIDATION, State.WITHDRAWN),
    State.DIRECTION_VALIDATION: (State.PILOT, State.WITHDRAWN),
    State.PILOT: (State.REVIEW, State.SUSPENDED, State.WITHDRAWN),
    State.REVIEW: (State.GENERALISED, State.PILOT, State.SUSPENDED, State.WITHDRAWN),
    State.GENERALISED: (State.REVIEW, State.SUSPENDED, State.WITHDRAWN),
    State.SUSPENDED: (State.REVIEW, State.WITHDRAWN),
    State.WITHDRAWN: (),
}

# Target states that a use case classed "interdit" by the framework may never reach.
FORBIDDEN_CATEGORY_BLOCKED = frozenset(
    {State.DIRECTION_VALIDATION, State.PILOT, State.REVIEW, State.GENERALISED, State.SUSPENDED}
)

# Which permission code an actor needs to move a use case INTO a state.
PERMISSION_FOR: dict[State, str] = {s: "governance.lifecycle" for s in State}
PERMISSION_FOR[State.DIRECTION_VALIDATION] = "governance.direction_validate"


def allowed_pairs() -> list[tuple[str, str]]:
    return [(str(a), str(b)) for a, targets in TRANSITIONS.items() for b in targets]


def state_from_register_status(status: str) -> State:
    """Lifecycle state assumed for a use case whose history predates rhia (register status only)."""
    return {
        "propose": State.PROPOSED,
        "pilote": State.PILOT,
        "generalise": State.GENERALISED,
        "suspendu": State.SUSPENDED,
        "retire": State.WITHDRAWN,
    }.get(status, State.PROPOSED)


def register_status_after(target: State, current_status: str) -> str:
    """The ``UseCase.status`` value once the use case has entered ``target``."""
    if target in _EARLY:
        return "propose"
    return {
        State.PILOT: "pilote",
        State.GENERALISED: "generalise",
        State.SUSPENDED: "suspendu",
        State.WITHDRAWN: "retire",
    }.get(target, current_status)  # a review keeps the status under review


@dataclass
class Evidence:
    """What a user attaches to a step. ``has_file`` says a file is joined (stored by the caller)."""

    text: str = ""
    has_file: bool = False
    occurred_on: date | None = None  # date of the step (required for a consultation or a review)
    instance: str = ""  # body consulted (CSA, F3SCT, ...)
    next_review_on: date | None = None  # "clause de revoyure" set at pilot start or generalisation
    dpia_outcome: str = ""  # "realisee" or "non_requise"


@dataclass
class TransitionCheck:
    ok: bool
    errors: dict[str, str] = field(default_factory=dict)


DPIA_OUTCOMES = {"realisee": "AIPD réalisée", "non_requise": "AIPD non requise (justification jointe)"}


def check_transition(
    current: State,
    target: State,
    evidence: Evidence,
    *,
    category: str,
    today: date,
) -> TransitionCheck:
    """Validate one step: the order of the workflow, then the evidence the target step requires.

    Errors are French, keyed by form field ("__all__" for the step itself).
    """
    errors: dict[str, str] = {}
    if target not in TRANSITIONS[current]:
        nexts = ", ".join(LABELS[s] for s in TRANSITIONS[current]) or "aucune (état final)"
        return TransitionCheck(
            False,
            {
                "__all__": f"Étape impossible : depuis « {LABELS[current]} », seules ces étapes sont possibles : {nexts}."
            },
        )
    if category == "interdit" and target in FORBIDDEN_CATEGORY_BLOCKED:
        return TransitionCheck(
            False,
            {
                "__all__": "Ce cas d'usage est interdit par le cadre d'usage : il ne peut être ni validé ni expérimenté."
            },
        )
    if len(evidence.text.strip()) < 20:
        errors["text"] = "Décrivez la pièce justificative de cette étape (au moins 20 caractères)."
    if (
        evidence.occurred_on
        and evidence.occurred_on > today
        and target in (State.STAFF_CONSULTATION, State.REVIEW)
    ):
        errors["occurred_on"] = "La date ne peut pas être dans le futur : enregistrez l'étape une fois tenue."
    if target == State.DPIA and evidence.dpia_outcome not in DPIA_OUTCOMES:
        errors["dpia_outcome"] = "Indiquez si l'analyse d'impact (AIPD) a été réalisée ou n'est pas requise."
    if target == State.STAFF_CONSULTATION:
        if not evidence.occurred_on:
            errors["occurred_on"] = "Indiquez la date de l'information ou de la consultation."
        if not evidence.instance.strip():
            errors["instance"] = "Indiquez l'instance consultée (par exemple : CSA ministériel, F3SCT)."
    if target == State.REVIEW and not evidence.occurred_on:
        errors["occurred_on"] = "Indiquez la date de la revue."
    if target == State.PILOT and not evidence.next_review_on:
        errors["next_review_on"] = "Fixez la date de revue du pilote (clause de revoyure)."
    # A step documented after the fact (its date given) plans its review after that date.
    reference = evidence.occurred_on if evidence.occurred_on and evidence.occurred_on <= today else today
    if evidence.next_review_on and evidence.next_review_on <= reference:
        errors["next_review_on"] = (
            "La date de revue prévue doit être dans le futur."
            if reference == today
            else "La date de revue prévue doit suivre la date de l'étape."
        )
    return TransitionCheck(not errors, errors)
