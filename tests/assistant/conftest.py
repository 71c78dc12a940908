"""Fixtures of the case workflow: a small corpus imported with the corpus importer, the register, cases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"

QUESTION = (
    "Bonjour,\n\nJe suis Marie Durand, adjointe administrative (NUMEN 12E1234567ABC). Combien de jours de "
    "congés annuels ai-je par an, et puis-je reporter mes congés sur l'année suivante ?\n"
    "Vous pouvez me joindre au 06 12 34 56 78 ou à marie.durand@example.fr.\n\nMerci,\nMarie Durand"
)


def import_case_corpus(tmp_dir: Path) -> None:
    """Three service-public fiches, imported through the corpus app's own importer (no network)."""
    from rhia.corpus import loaders
    from rhia.corpus.importing import get_source, run_import
    from rhia.corpus.models import Source

    target = tmp_dir / "fiches"
    target.mkdir(exist_ok=True)
    for path in FIXTURES.glob("F*.json"):
        shutil.copy(path, target / path.name)
    items = loaders.service_public_items(target)
    run_import(
        get_source(Source.Kind.SERVICE_PUBLIC),
        items,
        total=len(items),
        label="test",
        keep=loaders.fiche_scope(False),
    )


def seed_register() -> None:
    """The use-case register as the policy app seeds it."""
    from io import StringIO

    from rhia.policy import seed

    seed.run(StringIO())


@pytest.fixture
def case_corpus(db, tmp_path):
    import_case_corpus(tmp_path)


@pytest.fixture
def register(db):
    seed_register()


@pytest.fixture
def agent(make_user, grant_assistant_access):
    return grant_assistant_access(
        make_user("agent_rh", username="agent", first_name="Alice", last_name="Martin")
    )


@pytest.fixture
def validator(make_user, grant_assistant_access):
    return grant_assistant_access(
        make_user("valideur", username="valideur", first_name="Victor", last_name="Leroy")
    )


def put_drafts(case, user, texts: list[str], *, citations: list[list[str]] | None = None):
    """Store drafts on a reviewed case as the generation would (the real generation has its own
    model test): the case moves to the drafts stage through the same request step the pages use."""
    from django.utils import timezone

    from rhia.assistant.models import CaseDraft
    from rhia.assistant.services.drafts import request_drafts

    case = request_drafts(case, user)
    case.draft_passages = [source["passage_id"] for source in case.selected_sources]
    for index, text in enumerate(texts):
        CaseDraft.objects.create(
            case=case,
            index=index,
            style=f"style {index + 1}",
            title=f"Proposition {index + 1}",
            text=text,
            citations=(citations or [[]] * len(texts))[index],
            citation_numbers=[1] if "[1]" in text else [],
            verified=True,
        )
    case.drafts_generated_at = timezone.now()
    case.provider, case.model = "Modèle embarqué", "test-model"
    case.save()
    return case


DRAFT_TEXTS = [
    "Bonjour [PERSONNE_1],\n\nVous avez droit à 25 jours de congés annuels par an [1]. "
    "Le report sur l'année suivante n'est possible qu'avec l'autorisation du chef de service.\n\nCordialement",
    "Madame,\n\nLa durée du congé annuel est de cinq fois vos obligations hebdomadaires [1].\n\nCordialement",
]


@pytest.fixture
def reviewed_case(agent, register, case_corpus):
    """A case opened by the agent from QUESTION, personal data confirmed, sources retrieved."""
    from rhia.assistant.services import confirm_review, open_case

    case = open_case(agent, text=QUESTION)
    return confirm_review(case, agent)


@pytest.fixture
def drafted_case(reviewed_case, agent):
    return put_drafts(reviewed_case, agent, DRAFT_TEXTS, citations=[["F99001"], ["F99001"]])


@pytest.fixture
def scripted(db):
    """An OpenAI-compatible server on 127.0.0.1 whose answers the test chooses, as the only provider."""
    from rhia.llm import classes
    from rhia.llm.models import Provider
    from tests.llm.servers import FlakyServer

    server = FlakyServer()
    Provider.objects.create(
        name="scripté",
        kind=classes.OPENAI,
        trust_level=classes.ON_PREMISES,
        data_classes=list(classes.DATA_CLASSES),
        purposes=[classes.GENERATION],
        base_url=server.url,
        model="script",
        max_retries=0,
    )
    yield server
    server.close()
