"""Charter acknowledgment: required once per major version, journaled."""

from __future__ import annotations

import pytest

from rhia.accounts.roles import Role
from rhia.audit.models import JournalEntry
from rhia.governance import services


@pytest.mark.django_db
def test_no_charter_published_means_not_acknowledged(make_user):
    agent = make_user(Role.AGENT_RH.value)
    assert services.has_acknowledged_current_charter(agent) is False
    with pytest.raises(services.GovernanceError, match="Aucune charte"):
        services.acknowledge_current_charter(agent)


@pytest.mark.django_db
def test_acknowledgment_is_journaled_and_idempotent(make_user, charter):
    agent = make_user(Role.AGENT_RH.value)
    assert not services.has_acknowledged_current_charter(agent)
    services.acknowledge_current_charter(agent)
    services.acknowledge_current_charter(agent)
    assert services.has_acknowledged_current_charter(agent)
    entries = JournalEntry.objects.filter(action="governance.charter_acknowledged")
    assert entries.count() == 1
    assert entries.get().actor_id == agent.pk
    assert entries.get().payload == {"document": "charte", "version": "1.0"}


@pytest.mark.django_db
def test_minor_version_keeps_acknowledgment_major_requires_new_one(make_user, charter, charter_doc, publish):
    agent = make_user(Role.AGENT_RH.value)
    services.acknowledge_current_charter(agent)
    publish(charter_doc, "# Charte\n\nCorrection de coquilles.", major=False)
    assert services.current_charter().label == "1.1"
    assert services.has_acknowledged_current_charter(agent)
    publish(charter_doc, "# Charte\n\nNouvel article sur les données.", major=True)
    assert services.current_charter().label == "2.0"
    assert not services.has_acknowledged_current_charter(agent)
    services.acknowledge_current_charter(agent)
    assert services.has_acknowledged_current_charter(agent)


@pytest.mark.django_db
def test_anonymous_user_is_never_acknowledged(charter):
    from django.contrib.auth.models import AnonymousUser

    assert services.has_acknowledged_current_charter(AnonymousUser()) is False
