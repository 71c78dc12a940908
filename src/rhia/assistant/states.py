"""The case state machine: which action is allowed from which state (pure Python, no Django).

A case has a lifecycle ``status`` (brouillon -> en validation -> validé -> exporté, or abandonné) and,
while it is a draft, a ``stage`` telling which step of the flow comes next (review -> sources ->
drafts -> edit). Every channel (pages, API, CLI) asks ``transition`` before changing a case, so the
rules live in one place: no export before validation, no model before the privacy review, a second
person validates when the use case requires it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rhia.transitions import TransitionRefused

# Lifecycle statuses (stored values).
DRAFT = "brouillon"
PENDING = "en_validation"
VALIDATED = "valide"
EXPORTED = "exporte"
ABANDONED = "abandonne"

STATUS_LABELS = {
    DRAFT: "Brouillon",
    PENDING: "En validation",
    VALIDATED: "Validé",
    EXPORTED: "Exporté",
    ABANDONED: "Abandonné",
}

# Stages of a draft case (what the agent does next).
REVIEW = "review"
SOURCES = "sources"
DRAFTS = "drafts"
EDIT = "edit"
DONE = "done"  # not a draft any more (pending, validated, exported, abandoned)

STAGE_LABELS = {
    REVIEW: "Vérification des données personnelles",
    SOURCES: "Choix des sources",
    DRAFTS: "Choix d'une proposition",
    EDIT: "Rédaction",
    DONE: "",
}

# Actions.
CONFIRM_REVIEW = "confirm_review"
SELECT_SOURCES = "select_sources"
GENERATE = "generate"
CHOOSE = "choose"
EDIT_TEXT = "edit"
SUBMIT = "submit"
VALIDATE = "validate"
RETURN = "return"
EXPORT = "export"
ABANDON = "abandon"

# action -> {(status, stage) allowed} and the resulting (status, stage); None keeps the current value.
_RULES: dict[str, tuple[frozenset[tuple[str, str]], tuple[str | None, str | None]]] = {
    CONFIRM_REVIEW: (frozenset({(DRAFT, REVIEW), (DRAFT, SOURCES)}), (DRAFT, SOURCES)),
    SELECT_SOURCES: (frozenset({(DRAFT, SOURCES), (DRAFT, DRAFTS)}), (DRAFT, SOURCES)),
    GENERATE: (frozenset({(DRAFT, SOURCES), (DRAFT, DRAFTS)}), (DRAFT, DRAFTS)),
    CHOOSE: (frozenset({(DRAFT, DRAFTS), (DRAFT, EDIT)}), (DRAFT, EDIT)),
    EDIT_TEXT: (frozenset({(DRAFT, EDIT)}), (DRAFT, EDIT)),
    SUBMIT: (frozenset({(DRAFT, EDIT)}), (PENDING, DONE)),
    VALIDATE: (frozenset({(DRAFT, EDIT), (PENDING, DONE)}), (VALIDATED, DONE)),
    RETURN: (frozenset({(PENDING, DONE)}), (DRAFT, EDIT)),
    EXPORT: (frozenset({(VALIDATED, DONE), (EXPORTED, DONE)}), (EXPORTED, DONE)),
    ABANDON: (
        frozenset({(DRAFT, REVIEW), (DRAFT, SOURCES), (DRAFT, DRAFTS), (DRAFT, EDIT), (PENDING, DONE)}),
        (ABANDONED, DONE),
    ),
}
ACTIONS = tuple(_RULES)

_REFUSALS = {
    CONFIRM_REVIEW: "La vérification des données personnelles n'est plus modifiable à ce stade du cas.",
    SELECT_SOURCES: "Les sources ne sont plus modifiables à ce stade du cas.",
    GENERATE: "Les propositions ne peuvent être générées qu'après la vérification des données et le choix des sources.",
    CHOOSE: "Il faut d'abord générer les propositions avant d'en choisir une.",
    EDIT_TEXT: "Le texte n'est modifiable qu'après avoir choisi une proposition (ou être parti de zéro), avant validation.",
    SUBMIT: "Seul un cas en cours de rédaction peut être soumis à validation.",
    VALIDATE: "Ce cas ne peut pas être validé dans son état actuel (le texte final doit être rédigé).",
    RETURN: "Seul un cas en attente de validation peut être renvoyé au gestionnaire.",
    EXPORT: "Un cas ne peut être exporté qu'après sa validation.",
    ABANDON: "Ce cas ne peut plus être abandonné.",
}


@dataclass(frozen=True)
class State:
    status: str
    stage: str


@dataclass(frozen=True)
class Actor:
    """What the state machine needs to know about who acts."""

    is_owner: bool
    can_use: bool  # holds assistant.use
    can_validate: bool  # holds assistant.validate over the case's structure


def allowed(state: State, action: str) -> bool:
    sources, _target = _RULES[action]
    return (state.status, state.stage) in sources


def transition(state: State, action: str, actor: Actor, *, second_validation: bool = False) -> State:
    """The state after ``action``, or ``TransitionRefused`` with a French reason."""
    if action not in _RULES:
        raise TransitionRefused(f"Action inconnue : {action}.", code="unknown")
    _check_actor(state, action, actor, second_validation=second_validation)
    sources, (status, stage) = _RULES[action]
    if (state.status, state.stage) not in sources:
        raise TransitionRefused(_REFUSALS[action])
    return State(status or state.status, stage or state.stage)


def _check_actor(state: State, action: str, actor: Actor, *, second_validation: bool) -> None:
    if action == VALIDATE:
        if second_validation:
            if actor.is_owner:
                raise TransitionRefused(
                    "Ce cas d'usage exige une validation par une autre personne que le gestionnaire : "
                    "soumettez-le à un valideur.",
                    code="second_validation",
                )
            if not actor.can_validate:
                raise TransitionRefused("Seul un valideur peut valider ce cas.", code="role")
            if state.status != PENDING:
                raise TransitionRefused("Le cas doit d'abord être soumis à validation.", code="state")
            return
        if actor.is_owner and actor.can_use:
            return
        if not actor.is_owner and actor.can_validate and state.status == PENDING:
            return
        raise TransitionRefused("Seul le gestionnaire du cas ou un valideur peut le valider.", code="role")
    if action == RETURN:
        if not actor.can_validate or actor.is_owner:
            raise TransitionRefused("Seul un valideur peut renvoyer un cas au gestionnaire.", code="role")
        return
    if action == EXPORT:
        if not ((actor.is_owner and actor.can_use) or actor.can_validate):
            raise TransitionRefused(
                "Seul le gestionnaire du cas ou un valideur peut l'exporter.", code="role"
            )
        return
    if not (actor.is_owner and actor.can_use):
        raise TransitionRefused(
            "Seul le gestionnaire qui a ouvert ce cas peut faire cette action.", code="role"
        )


def available_actions(state: State, actor: Actor, *, second_validation: bool = False) -> list[str]:
    """Actions the actor may take now (drives the buttons shown)."""
    result = []
    for action in ACTIONS:
        try:
            transition(state, action, actor, second_validation=second_validation)
        except TransitionRefused:
            continue
        result.append(action)
    return result
