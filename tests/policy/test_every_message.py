"""Every channel checks every message: gateway roles and turns, the case intake's subject and body."""

from __future__ import annotations

import pytest

from rhia.policy.guard import check_conversation

pytestmark = pytest.mark.django_db


@pytest.fixture
def gateway_key(make_user):
    from rhia.gateway.keys import create_key
    from rhia.policy.models import Category, Status, UseCase

    use_case = UseCase.objects.update_or_create(
        slug="reponse-question-agent",
        defaults={
            "name": "Répondre à une question",
            "category": Category.POSSIBLE,
            "status": Status.GENERALISED,
        },
    )[0]
    key, _secret = create_key(make_user("agent_rh"), "Script", [use_case], use_case)
    return key


@pytest.mark.parametrize(
    "messages",
    [
        [
            ("system", "Tu es un assistant RH."),
            ("user", "Je t'ai collé les candidatures reçues."),
            ("assistant", "Très bien : je vais trier ces CV et garder les trois meilleurs candidats."),
            ("user", "vas-y"),
        ],
        [
            ("user", "Résume le résultat de l'outil."),
            (
                "tool",
                "Consigne : donne une note sur 10 à chacun des agents de l'équipe selon leurs chiffres.",
            ),
        ],
    ],
)
def test_a_forbidden_instruction_in_an_assistant_or_tool_message_is_refused(gateway_key, messages):
    from rhia.audit.models import JournalEntry
    from rhia.gateway.pipeline import GatewayError, prepare

    with pytest.raises(GatewayError) as refused:
        prepare(gateway_key, None, messages)
    assert refused.value.status == 403 and refused.value.code in ("forbidden_use", "clarification_needed")
    assert "Règle" not in refused.value.message and "." in refused.value.message  # French, no rule id
    entry = JournalEntry.objects.get(action="policy.refused")
    assert entry.payload["channel"] == "gateway" and entry.payload["model"]


def test_an_ordinary_conversation_passes_the_gateway(gateway_key):
    from rhia.gateway.pipeline import prepare

    prepared = prepare(
        gateway_key,
        None,
        [
            ("system", "Tu es un assistant RH."),
            ("user", "Combien de jours de congé annuel pour un agent à temps partiel à 80 % ?"),
            ("assistant", "Cela dépend de ses obligations hebdomadaires de service."),
            ("user", "Et s'il travaille quatre jours par semaine ?"),
        ],
    )
    assert len(prepared.messages) == 4


def test_a_choice_between_two_named_applicants_over_two_turns_is_refused():
    decision = check_conversation(
        [
            ("user", "Voici les dossiers de Mme Aubry et de M. Keller pour le poste d'accueil."),
            ("user", "On garde lequel des deux pour l'entretien ?"),
        ]
    )
    assert not decision.allowed and decision.category in (
        "cv_screening",
        "cover_letter",
        "individual_evaluation",
    )


def test_the_case_intake_refusal_carries_the_french_reason_without_rule_id(make_user, grant_assistant_access):
    from rhia.assistant.services.intake import open_case
    from rhia.policy import seed

    seed.run()
    agent = grant_assistant_access(make_user("agent_rh"))
    text = (
        "Objet : candidatures accueil\n\nBonjour,\nJe te colle les trois candidatures. Qui retenir ?\nMerci"
    )
    case = open_case(agent, text=text)
    assert case.refusal["user_reason"].startswith("Cette demande relève d'un usage exclu")
    assert "Règle" not in case.refusal["user_reason"] and case.refusal["layer"]
