"""Enforcement: refusals are journaled without the request text; administrator rules apply."""

from __future__ import annotations

from io import StringIO

import pytest
from django.urls import reverse

from rhia.accounts.roles import Role
from rhia.audit.models import JournalEntry
from rhia.policy import seed
from rhia.policy.classifier import model_version
from rhia.policy.guard import check_request
from rhia.policy.models import GuardRule, UseCase
from rhia.policy.services import enforce, refusal_info, report_url

pytestmark = pytest.mark.django_db


def test_refusal_is_journaled_with_the_contract_payload(make_user):
    agent = make_user(Role.AGENT_RH.value)
    decision = enforce("Classe ces CV par ordre de pertinence pour Mme Durand", actor=agent, channel="case")
    assert not decision.allowed
    entry = JournalEntry.objects.get(action="policy.refused")
    assert entry.payload == {
        "category": "cv_screening",
        "rule": decision.rule_id,
        "use_case": "lecture-cv-lettres-motivation",
        "channel": "case",
        "layer": decision.layer,
        "score": round(decision.score, 3),
        "model": model_version(),
        "deobfuscated": False,
    }
    assert entry.actor_id == agent.pk and decision.journal_seq == entry.seq
    assert "Durand" not in str(entry.payload)


def test_allowed_request_is_journaled_with_the_model_version_and_no_text(make_user):
    decision = enforce(
        "Quels sont les droits à congé annuel d'un contractuel ?",
        actor=make_user(Role.AGENT_RH.value),
        channel="gateway",
    )
    assert decision.allowed and decision.category is None
    assert not JournalEntry.objects.filter(action="policy.refused").exists()
    entry = JournalEntry.objects.get(action="policy.allowed")
    assert entry.payload["model"] == model_version() and len(model_version()) == 16
    assert entry.payload["channel"] == "gateway" and 0 <= entry.payload["score"] < 0.5
    assert "congé" not in str(entry.payload)


def test_unknown_channel_is_rejected():
    with pytest.raises(ValueError):
        enforce("texte", actor=None, channel="mail")


def test_administrator_rule_is_applied_and_reloaded():
    assert check_request("Rédige l'horoscope de la semaine pour la lettre interne").allowed
    seed.run(StringIO())
    rule = GuardRule.objects.create(
        rule_id="local.astrologie",
        category="individual_evaluation",
        description="horoscopes",
        patterns=[r"\bhoroscope\b"],
        use_case=UseCase.objects.get(slug="notation-classement-individus"),
        charter_article="Charte, article 4",
    )
    decision = check_request("Rédige l'horoscope de la semaine pour la lettre interne")
    assert (decision.allowed, decision.rule_id, decision.use_case_slug) == (
        False,
        "local.astrologie",
        "notation-classement-individus",
    )
    rule.enabled = False
    rule.save()
    assert check_request("Rédige l'horoscope de la semaine pour la lettre interne").allowed


def test_refusal_info_accepts_the_stored_dict_form():
    seed.run(StringIO())
    stored = {
        "category": "emotion_inference",
        "rule_id": "emotion.detection",
        "use_case": "reconnaissance-emotions-travail",
        "charter_article": "Charte",
        "reason": "Refusé.",
    }
    info = refusal_info(stored, "RHIA-2026-000001")
    assert info["use_case"].slug == "reconnaissance-emotions-travail"
    assert info["category_label"] == "Reconnaissance des émotions au travail"
    assert "cas=RHIA-2026-000001" in info["report_url"]


def test_report_url_identifies_the_refusal_without_text():
    url = report_url(42, "RHIA-1")
    assert url.endswith("?refus=42&cas=RHIA-1")
    assert report_url() == reverse("governance:report_new")
