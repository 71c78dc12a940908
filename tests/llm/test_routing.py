"""Routing matrix: data class x provider trust level, refusal when no provider fits."""

from __future__ import annotations

import pytest

from rhia.audit.models import JournalEntry
from rhia.llm import classes
from rhia.llm.models import Provider
from rhia.llm.routing import NoProviderAvailable, candidates, select_provider
from rhia.llm.services import chat

# What an administration typically approves: every trust level receives what it is allowed to.
APPROVALS = {
    classes.ON_PREMISES: [classes.PUBLIC, classes.INTERNAL, classes.PERSONAL, classes.SENSITIVE],
    classes.SOVEREIGN_CLOUD: [classes.PUBLIC, classes.INTERNAL, classes.PERSONAL],
    classes.EXTERNAL: [classes.PUBLIC],
}


def make_provider(name, trust, accepted, *, priority=100, enabled=True, purposes=(classes.GENERATION,)):
    return Provider.objects.create(
        name=name,
        kind=classes.OPENAI,
        trust_level=trust,
        data_classes=list(accepted),
        purposes=list(purposes),
        priority=priority,
        enabled=enabled,
        base_url="http://127.0.0.1:9/v1",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("data_class", list(classes.DATA_CLASSES))
@pytest.mark.parametrize("trust", list(classes.TRUST_LEVELS))
def test_matrix_single_provider(trust, data_class):
    make_provider("seul", trust, APPROVALS[trust])
    if data_class in APPROVALS[trust]:
        assert select_provider(data_class).name == "seul"
    else:
        with pytest.raises(NoProviderAvailable) as refusal:
            select_provider(data_class)
        assert "refusé" in refusal.value.message


@pytest.mark.django_db
def test_most_preferred_provider_that_accepts_the_class_wins():
    make_provider("externe", classes.EXTERNAL, APPROVALS[classes.EXTERNAL], priority=1)
    make_provider("albert", classes.SOVEREIGN_CLOUD, APPROVALS[classes.SOVEREIGN_CLOUD], priority=10)
    make_provider("sur site", classes.ON_PREMISES, APPROVALS[classes.ON_PREMISES], priority=100)
    assert select_provider(classes.PUBLIC).name == "externe"
    assert select_provider(classes.PERSONAL).name == "albert"
    assert select_provider(classes.SENSITIVE).name == "sur site"
    assert [p.name for p in candidates(classes.INTERNAL)] == ["albert", "sur site"]


@pytest.mark.django_db
def test_same_priority_prefers_the_most_trusted():
    make_provider("externe", classes.EXTERNAL, [classes.PUBLIC])
    make_provider("sur site", classes.ON_PREMISES, [classes.PUBLIC])
    assert select_provider(classes.PUBLIC).name == "sur site"


@pytest.mark.django_db
def test_disabled_provider_and_other_purpose_are_ignored():
    make_provider("éteint", classes.ON_PREMISES, APPROVALS[classes.ON_PREMISES], enabled=False)
    make_provider(
        "plongements", classes.ON_PREMISES, APPROVALS[classes.ON_PREMISES], purposes=[classes.EMBEDDING]
    )
    with pytest.raises(NoProviderAvailable):
        select_provider(classes.PUBLIC, classes.GENERATION)
    assert select_provider(classes.PUBLIC, classes.EMBEDDING).name == "plongements"


@pytest.mark.django_db
def test_unknown_data_class_is_refused():
    make_provider("sur site", classes.ON_PREMISES, APPROVALS[classes.ON_PREMISES])
    with pytest.raises(NoProviderAvailable) as refusal:
        select_provider("secret-défense")
    assert refusal.value.reason == "unknown_data_class"


@pytest.mark.django_db
def test_refused_call_is_journaled_in_french_without_calling_anyone(make_user):
    make_provider("externe", classes.EXTERNAL, [classes.PUBLIC])
    agent = make_user("agent_rh")
    with pytest.raises(NoProviderAvailable) as refusal:
        chat(
            [{"role": "user", "content": "[PERSONNE_1] est en congé maladie."}],
            data_class=classes.SENSITIVE,
            actor=agent,
        )
    assert "sensible" in refusal.value.message
    entry = JournalEntry.objects.get(action="llm.refused")
    assert entry.payload == {"data_class": "sensitive", "purpose": "generation", "reason": "no_provider"}
    assert entry.actor_id == agent.pk
    assert not JournalEntry.objects.filter(action="llm.call").exists()


@pytest.mark.django_db
def test_seed_is_idempotent_and_reads_the_environment(settings):
    from rhia.llm import seed

    settings.RHIA_LLM_BASE_URL = ""
    seed.run()
    seed.run()
    embedded = Provider.objects.get()
    assert embedded.kind == classes.EMBEDDED and embedded.trust_level == classes.ON_PREMISES
    assert set(embedded.data_classes) == set(classes.DATA_CLASSES)

    settings.RHIA_LLM_BASE_URL = "http://127.0.0.1:8081/v1"  # read from the environment by settings.py
    settings.RHIA_LLM_MODEL = "albert-large"
    seed.run()
    seed.run()
    remote = Provider.objects.get(kind=classes.OPENAI)
    assert (remote.base_url, remote.model, remote.trust_level) == (
        "http://127.0.0.1:8081/v1",
        "albert-large",
        classes.SOVEREIGN_CLOUD,
    )
    assert classes.SENSITIVE not in remote.data_classes
    # Preferred for what it accepts; sensitive data still goes to the embedded model.
    assert select_provider(classes.PERSONAL) == remote
    assert select_provider(classes.SENSITIVE) == embedded
    assert remote.api_key_env == "RHIA_PROVIDER_KEY_LLM"
