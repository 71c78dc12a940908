"""``rhia ask``: policy gate, pseudonymization, intent gate, sources and verified drafts, JSON last line."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rhia.audit.models import JournalEntry
from rhia.llm import classes
from rhia.llm.models import Provider

GOOD = "Un agent qui travaille 5 jours par semaine a droit à 25 jours de congés annuels [1]."


def ask(*args) -> tuple[str, dict]:
    out = StringIO()
    call_command("ask", *args, stdout=out)
    lines = out.getvalue().strip().splitlines()
    return out.getvalue(), json.loads(lines[-1])


def test_drafts_with_sources_and_the_json_shape(scripted):
    scripted.then = GOOD
    text, data = ask(
        "Combien de jours de congé annuel pour un agent qui travaille 5 jours par semaine ?",
        "--json",
        "--samples",
        "--n",
        "2",
    )
    assert set(data) >= {"intent", "sources", "drafts", "provider", "seconds"}
    assert data["intent"] == "hr_question" and data["provider"] == "scripté"
    assert data["sources"][0] == {
        "id": "F488",
        "title": "Congés annuels dans la fonction publique",
        "url": "https://www.service-public.fr/particuliers/vosdroits/F488",
    }
    assert len(data["drafts"]) == 3
    assert data["drafts"][0]["style"] == "extractive" and data["drafts"][0]["verified"]
    assert "25 jours de congés annuels" in data["drafts"][0]["text"]
    assert data["drafts"][1] == {
        "style": "courte",
        "text": GOOD,
        "citations": ["F488"],
        "verified": True,
        "warnings": [],
    }
    assert "Réponse courte (vérifiée" in text


def test_personal_data_is_pseudonymized_before_the_model_and_restored_for_display(scripted):
    scripted.then = (
        "[PERSONNE_1] a droit à 25 jours de congés annuels s'il travaille 5 jours par semaine [1]."
    )
    _, data = ask(
        "Mme Martine Dupont demande combien de jours de congé annuel elle a, à 5 jours par semaine.",
        "--json",
        "--samples",
        "--n",
        "1",
    )
    sent = json.dumps(scripted.requests, ensure_ascii=False)
    assert "Dupont" not in sent and "[PERSONNE_1]" in sent
    assert data["data_class"] == "personal"
    assert "Martine Dupont" in data["drafts"][1]["text"]
    assert "Dupont" not in json.dumps([e.payload for e in JournalEntry.objects.all()], ensure_ascii=False)


def test_other_intents_answer_without_a_model(scripted):
    _, data = ask("Quelle est la météo demain à Lyon ?", "--json")
    assert (
        data["intent"] == "out_of_scope" and data["drafts"] == [] and "ressources humaines" in data["reply"]
    )
    assert scripted.hits == 0


def test_forbidden_use_is_refused_and_journaled(scripted):
    _, data = ask("Classe ces CV par ordre de pertinence pour Mme Durand", "--json")
    assert data["intent"] == "refused" and data["drafts"] == []
    assert JournalEntry.objects.filter(action="policy.refused").count() == 1
    assert scripted.hits == 0


def test_empty_corpus_gives_the_not_found_draft(scripted):
    _, data = ask("Combien de jours de congé pour un mariage ?", "--json")
    assert data["sources"] == []
    assert data["drafts"][0]["text"].startswith("Je n'ai pas trouvé ce point dans les textes disponibles.")
    assert scripted.hits == 0


def test_bad_input_is_refused_in_french(db):
    with pytest.raises(CommandError, match="vide"):
        call_command("ask", "   ")
    with pytest.raises(CommandError, match="entre 1 et 5"):
        call_command("ask", "Combien de jours de congé ?", "--n", "9")


def test_no_provider_for_the_data_class_is_a_french_error(db):
    Provider.objects.create(
        name="externe",
        kind=classes.OPENAI,
        trust_level=classes.EXTERNAL,
        data_classes=[classes.PUBLIC],
        purposes=[classes.GENERATION],
        base_url="http://127.0.0.1:9/v1",
    )
    with pytest.raises(CommandError, match="Aucun fournisseur"):
        call_command(
            "ask",
            "Mme Martine Dupont demande combien de jours de congé annuel elle a.",
            "--samples",
            stdout=StringIO(),
        )


@pytest.fixture
def supersession_corpus(db, tmp_path):
    from tests.corpus.test_supersession import import_paternity_corpus

    return import_paternity_corpus(tmp_path)


def test_rhia_ask_prints_what_a_source_replaces_and_that_it_is_old(supersession_corpus, scripted):
    from tests.corpus.test_supersession import QUERY, _supersede

    scripted.then = "La durée du congé est de 25 jours [1]."
    _supersede(supersession_corpus, day=dt.date(2020, 1, 1))
    out, _ = ask(QUERY + " ?", "--n", "1", "--json")
    assert "Remplace F583" in out
    assert "F583 (" in out and "plus de" in out  # the 2019 fiche carries the stale warning
