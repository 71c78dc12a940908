"""retrieve(): one Passage artefact, filtered by the situation, on real fiches (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rhia.drafting.passages import ALL, OTHER_STATUT, OTHER_VERSANT, Passage, documents, retrieve
from rhia.drafting.situation import Situation, extract_situation

TODAY = dt.date(2026, 12, 1)
TEACHER = (
    "Objet : temps partiel\n\nBonjour, je suis professeure certifiée au collège, mon fils a deux ans et "
    "je voudrais passer à 80 % à la rentrée. Est-ce de droit ?\nCordialement"
)

pytestmark = pytest.mark.django_db


def test_situation_keeps_other_versants_out(real_fiches):
    situation = extract_situation(TEACHER)
    assert (situation.versant, situation.statut) == ("FPE", "titulaire")
    passages = retrieve(TEACHER, situation, TODAY, k=6)
    assert passages and documents(passages)[0] == "F486"
    assert all(isinstance(p, Passage) and p.applies for p in passages)
    assert all(p.versants in ((), ("FPE",)) for p in passages)
    assert all(not p.statuts or "titulaire" in p.statuts for p in passages)


def test_other_versants_findable_and_labelled(real_fiches):
    situation = Situation(versant="FPE", statut="titulaire")
    everything = retrieve("temps partiel de droit naissance enfant", situation, TODAY, k=12, scope=ALL)
    fits = [p.fit for p in everything]
    assert "" in fits and OTHER_VERSANT in fits
    assert [p.score for p in everything] == sorted((p.score for p in everything), reverse=True)
    for passage in everything:
        if passage.fit == OTHER_VERSANT:
            assert "FPE" not in passage.versants


def test_statut_filter_on_a_fiche_split_by_statut(real_fiches):
    question = "une contractuelle enceinte, son contrat se termine pendant le congé maternité"
    contractuelle = Situation(versant="FPE", statut="contractuel")
    passages = retrieve(question, contractuelle, TODAY, k=8)
    assert passages and all(not p.statuts or "contractuel" in p.statuts for p in passages)
    everything = retrieve(question, contractuelle, TODAY, k=80, scope=ALL)
    assert OTHER_STATUT in {p.fit for p in everything}


def test_unknown_situation_filters_nothing(real_fiches):
    plain = retrieve("temps partiel de droit", None, TODAY, k=20)
    unknown = retrieve("temps partiel de droit", Situation(), TODAY, k=20)
    assert [p.passage_id for p in plain] == [p.passage_id for p in unknown]
    assert {p.versants for p in plain} > {("FPE",)}


def test_passage_round_trips_and_reads_stored_sources(real_fiches):
    passage = retrieve(TEACHER, extract_situation(TEACHER), TODAY, k=1)[0]
    assert Passage.from_dict(json.loads(json.dumps(passage.as_dict()))) == passage
    stored = {**passage.as_dict(), "selected": True, "added": False}
    assert Passage.from_dict(stored) == passage
    legacy = {
        "passage_id": 3,
        "document_id": "F486",
        "title": "t",
        "section_path": ["A", "B"],
        "url": "",
        "text": "x",
    }
    legacy["audience"] = "FPT"
    assert (
        Passage.from_dict(legacy).versants == ("FPT",) and Passage.from_dict(legacy).section_path == "A > B"
    )


def test_empty_question_and_bad_scope(real_fiches):
    assert retrieve("   ", None, TODAY) == []
    with pytest.raises(ValueError):
        retrieve("temps partiel", None, TODAY, scope="tout")
