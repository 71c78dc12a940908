"""Data the role journeys walk through: the demo accounts and register, a small corpus, cases at
each step, all made through the apps' own services."""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO

from django.core.management import call_command

DEMO_PASSWORD = "mot-de-passe-demo-2026"
FORBIDDEN = "Peux-tu trier les CV reçus pour le poste de secrétaire et garder les trois meilleurs ?"


@dataclass
class World:
    users: dict
    pending: object  # a case waiting for the validator
    validated: object  # a case validated by a second person, ready to export
    second_validation: object  # a case in edit whose use case requires another validator
    in_review: object  # a case waiting for the agent's personal-data review


def build_world(tmp_path, grant_assistant_access, monkeypatch) -> World:
    from django.conf import settings

    from rhia.accounts.models import User
    from rhia.assistant.services import (
        choose_draft,
        confirm_review,
        open_case,
        save_final,
        submit_for_validation,
        validate_case,
    )
    from rhia.policy.models import OPERATIONAL_USE_CASE, UseCase
    from tests.assistant.conftest import DRAFT_TEXTS, QUESTION, import_case_corpus, put_drafts

    monkeypatch.setattr(settings, "RHIA_DEMO_PASSWORD", DEMO_PASSWORD)  # read at start-up, so set here
    call_command("demo", stdout=StringIO())
    import_case_corpus(tmp_path)
    users = {user.username: user for user in User.objects.all()}
    agent = grant_assistant_access(users["agent"])
    validator = grant_assistant_access(users["valideur"])

    def drafted():
        case = confirm_review(open_case(agent, text=QUESTION), agent)
        return put_drafts(case, agent, DRAFT_TEXTS, citations=[["F99001"], ["F99001"]])

    pending = submit_for_validation(choose_draft(drafted(), agent, 0), agent)
    validated = choose_draft(drafted(), agent, 1)
    edited = validated.final_html.replace("Cordialement", "Je reste à votre disposition.</p><p>Cordialement")
    validated = submit_for_validation(save_final(validated, agent, edited), agent)
    validated = validate_case(validated, validator, sources_checked=True)
    in_review = open_case(agent, text=QUESTION)
    open_case(agent, text=FORBIDDEN)  # refused by the guard, journaled
    UseCase.objects.filter(slug=OPERATIONAL_USE_CASE).update(requires_second_validation=True)
    second = choose_draft(drafted(), agent, 0)
    return World(
        users=users, pending=pending, validated=validated, second_validation=second, in_review=in_review
    )
