"""Who may do what with a case: the permission table, the training gate and the state machine together."""

from __future__ import annotations

from django.db.models import Q

from rhia.accounts.authz import has_perm
from rhia.assistant import states
from rhia.assistant.models import Case
from rhia.assistant.services.errors import CaseError


def access_missing(user) -> list:
    """What the user still lacks before using the assistant (training gate); empty = granted."""
    from rhia.training.gating import assistant_access_missing

    return list(assistant_access_missing(user))


def ensure_access(user, permission: str = "assistant.use") -> None:
    if not has_perm(user, permission):
        raise CaseError("Votre rôle ne permet pas d'utiliser l'assistant.", code="role")
    missing = access_missing(user)
    if missing:
        raise CaseError(
            "Avant d'utiliser l'assistant : " + " ; ".join(item.label for item in missing) + ".",
            code="access_missing",
            missing=[{"label": item.label, "url": item.url} for item in missing],
        )


def can_validate(user, case: Case) -> bool:
    return (
        has_perm(user, "assistant.validate", case.structure)
        if case.structure
        else has_perm(user, "assistant.validate")
    )


def actor_for(case: Case, user) -> states.Actor:
    return states.Actor(
        is_owner=case.owner_id == getattr(user, "pk", None),
        can_use=has_perm(user, "assistant.use"),
        can_validate=can_validate(user, case),
    )


MY_CASES_LIMIT = 200


def my_cases(user, *, limit: int | None = MY_CASES_LIMIT):
    """The user's own cases, newest first: the home page, the API and ``rhia case list`` show these."""
    cases = Case.objects.filter(owner=user).select_related("use_case").order_by("-created_at")
    return cases[:limit] if limit else cases


def visible_cases(user):
    """Cases the user may open: their own, and those submitted to validation in their scope."""
    mine = Q(owner=user)
    if not has_perm(user, "assistant.validate"):
        return Case.objects.filter(mine)
    from rhia.accounts.authz import structures_for

    scope = structures_for(user, "assistant.validate")
    shared = Q(structure__in=scope) & ~Q(status__in=[states.DRAFT, states.ABANDONED])
    return Case.objects.filter(mine | shared)


def get_case(user, key: int | str, *, for_update: bool = False) -> Case:
    """A case by id or reference, if the user may see it (else a French 'not found')."""
    ensure_access(user, "assistant.use")
    query = visible_cases(user).select_related("use_case", "owner", "validator", "structure")
    if for_update:
        query = query.select_for_update(of=("self",))
    text = str(key).strip()
    lookup = {"pk": int(text)} if text.isdigit() else {"reference": text.upper()}
    case = query.filter(**lookup).first()
    if case is None:
        raise CaseError("Ce cas n'existe pas ou vous n'y avez pas accès.", code="not_found")
    return case


def advance(case: Case, user, action: str) -> None:
    """Apply ``action`` to the case in memory (the caller saves), or raise a French ``CaseError``."""
    try:
        new = states.transition(
            case.state, action, actor_for(case, user), second_validation=case.second_validation
        )
    except states.TransitionRefused as refusal:
        raise CaseError(refusal.message, code=refusal.code) from refusal
    case.status, case.stage = new.status, new.stage
