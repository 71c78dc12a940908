"""Access gating: charter acknowledged and basic module completed, configurable per structure."""

from __future__ import annotations

import pytest
from django.utils import timezone

from rhia.accounts.roles import Role
from rhia.training.gating import assistant_access_missing, requirements_for
from rhia.training.models import AccessSetting, Training
from rhia.training.services import record_completion

pytestmark = pytest.mark.django_db


def test_new_agent_lacks_charter_and_basic_module(make_user):
    agent = make_user(Role.AGENT_RH.value)
    missing = assistant_access_missing(agent)
    assert len(missing) == 2
    assert "charte" in missing[0].label
    assert "module socle" in missing[1].label
    assert missing[1].url.startswith("/formation/")


def test_fixture_grants_access(make_user, grant_assistant_access):
    agent = grant_assistant_access(make_user(Role.AGENT_RH.value))
    assert assistant_access_missing(agent) == []
    other = grant_assistant_access(make_user(Role.AGENT_RH.value))  # reuses the charter and module
    assert assistant_access_missing(other) == []
    assert Training.objects.filter(is_basic=True).count() == 1


def test_completion_alone_is_not_enough(make_user):
    agent = make_user(Role.AGENT_RH.value)
    module = Training.objects.create(
        code="socle", title="Socle", source=Training.Source.INTERNAL, duration_minutes=90, is_basic=True
    )
    record_completion(agent, module, on=timezone.localdate())
    missing = assistant_access_missing(agent)
    assert [m.label for m in missing] == ["Prendre connaissance de la charte d'utilisation des outils d'IA"]


def test_another_training_is_not_the_basic_module(make_user, grant_assistant_access):
    agent = grant_assistant_access(make_user(Role.AGENT_RH.value))
    Training.objects.filter(is_basic=True).update(is_basic=False)
    Training.objects.create(
        code="socle-2", title="Nouveau socle", source="interne", duration_minutes=60, is_basic=True
    )
    labels = [m.label for m in assistant_access_missing(agent)]
    assert labels == ["Suivre le module socle « Nouveau socle » (validation par le service formation)"]


def test_setting_is_inherited_down_the_tree_and_overridable(structures, make_user):
    AccessSetting.objects.create(
        structure=structures["academy"], require_charter=True, require_basic_module=False
    )
    agent = make_user(Role.AGENT_RH.value)  # in "service", below the academy
    assert requirements_for(structures["service"]).basic_module is False
    assert [m.label for m in assistant_access_missing(agent)] == [
        "Prendre connaissance de la charte d'utilisation des outils d'IA"
    ]
    # The other academy keeps the default; a closer setting wins over the ancestor's.
    assert requirements_for(structures["other"]).basic_module is True
    AccessSetting.objects.create(
        structure=structures["service"], require_charter=False, require_basic_module=False
    )
    assert assistant_access_missing(agent) == []
    assert requirements_for(structures["academy"]).charter is True


def test_user_without_structure_gets_defaults(make_user, django_user_model):
    assert requirements_for(None).charter and requirements_for(None).basic_module
