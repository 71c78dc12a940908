"""Deterministic verification of drafts against their passages."""

from __future__ import annotations

import pytest

from rhia.drafting.samples import PASSAGES
from rhia.drafting.verify import facts, split_sentences, verify_draft

CONGES, FRACTION, TELETRAVAIL, TEMPS_PARTIEL, CLD = PASSAGES[:5]
SOURCES = [CONGES, FRACTION, TELETRAVAIL]


def test_correct_draft_passes():
    text = (
        "Un agent qui travaille 5 jours par semaine a droit à 25 jours de congés annuels [1]. "
        "Il obtient un jour supplémentaire s'il prend 5, 6 ou 7 jours en dehors de la période du 1er mai au "
        "31 octobre [2].\nL'absence ne peut pas excéder trente et un jours consécutifs [1]."
    )
    result = verify_draft(text, SOURCES)
    assert result.ok, result.warnings
    assert result.citations == [1, 2]


def test_citation_after_the_full_stop_belongs_to_the_sentence():
    text = "La présence sur site est d'au moins 2 jours par semaine. [3] La demande est écrite [3]."
    assert verify_draft(text, SOURCES).ok


def test_paragraph_citation_covers_its_sentences():
    text = "Madame, Monsieur,\nLe télétravail est limité à 3 jours par semaine. La réponse vous sera donnée dans un délai d'1 mois [3].\nVeuillez agréer mes salutations."
    assert verify_draft(text, SOURCES).ok


def test_wrong_citation_number_is_caught():
    result = verify_draft("Le télétravail est limité à 3 jours par semaine [7].", SOURCES)
    assert not result.ok
    assert "[7]" in result.warnings[0]
    assert result.failing_sentences == ["Le télétravail est limité à 3 jours par semaine [7]."]


def test_number_cited_from_the_wrong_passage_is_caught():
    result = verify_draft("Le télétravail est limité à 3 jours par semaine [1].", SOURCES)
    assert not result.ok
    assert "« 3 jours »" in result.warnings[0]


@pytest.mark.parametrize(
    "altered",
    [
        "Un agent qui travaille 5 jours par semaine a droit à 30 jours de congés annuels [1].",
        "L'absence ne peut pas excéder 31 semaines consécutives [1].",
        "La réponse est donnée dans un délai de 2 mois [3].",
        "Le congé est calculé du 1er janvier au 31 mars [1].",
        "Depuis le 1er septembre 2024, le télétravail est limité à 3 jours par semaine [3].",
        "Le temps partiel de droit peut être fixé à 90 % [4].",
        "Le plein traitement est versé pendant trois ans puis un demi-traitement pendant quatre ans [5].",
    ],
)
def test_altered_numbers_units_and_invented_dates_are_caught(altered):
    result = verify_draft(altered, [*SOURCES, TEMPS_PARTIEL, CLD])
    assert not result.ok
    assert result.failing_sentences == [altered]


def test_numbers_in_words_and_digits_are_the_same():
    text = "Le plein traitement est versé pendant trois ans, puis un demi-traitement pendant deux ans [5]."
    assert verify_draft(text, [*SOURCES, TEMPS_PARTIEL, CLD]).ok


def test_quotation_must_be_verbatim():
    ok = "Le texte prévoit que « le refus opposé à une demande de télétravail doit être motivé » [3]."
    bad = "Le texte prévoit que « le refus doit toujours être motivé par écrit » [3]."
    assert verify_draft(ok, SOURCES).ok
    result = verify_draft(bad, SOURCES)
    assert not result.ok and "mot pour mot" in result.warnings[0]


def test_number_without_any_citation_is_flagged():
    result = verify_draft("Un agent a droit à 25 jours de congés annuels.", SOURCES)
    assert not result.ok
    assert any("sans source" in w or "Aucune source" in w for w in result.warnings)


def test_numbers_restated_from_the_question_are_not_claims():
    question = "Puis-je télétravailler 2 jours par semaine avec mon enfant de 4 ans ?"
    text = "Pour votre enfant de 4 ans, cela ne change rien : le télétravail est possible jusqu'à 3 jours par semaine [3]."
    assert verify_draft(text, SOURCES, question=question).ok
    assert not verify_draft(text, SOURCES).ok


def test_not_found_answer_needs_no_citation():
    text = "Je n'ai pas trouvé ce point dans les textes disponibles. Adressez-vous au service RH."
    assert verify_draft(text, SOURCES).ok


def test_placeholders_are_not_numbers():
    text = "[PERSONNE_1] a droit à 25 jours de congés annuels s'il travaille 5 jours par semaine [1]."
    assert verify_draft(text, SOURCES).ok


def test_passages_may_be_dicts():
    text = "Le congé dure 5 jours ouvrables [1]."
    assert verify_draft(text, [{"text": "Une absence de 5 jours ouvrables peut être accordée."}]).ok


def test_sentence_splitting_keeps_abbreviations():
    sentences = split_sentences("Selon l'art. L. 621-1 du code, le congé est dû [1]. Il est payé [2].")
    assert sentences == ["Selon l'art. L. 621-1 du code, le congé est dû [1].", "Il est payé [2]."]


def test_fact_extraction():
    found = {
        (f.kind, f.value, f.unit) for f in facts("Le 1er janvier 2025, 1 500,50 € et 80 % pour deux mois.")
    }
    assert ("date", "1 janvier", "2025") in found
    assert ("qty", "1500.5", "€") in found
    assert ("qty", "80", "%") in found
    assert ("qty", "2", "mois") in found


def test_a_draft_that_copies_the_question_fails():
    question = (
        "Je suis [PERSONNE_1], adjointe administrative au lycée Jean Moulin. Combien de jours de congés "
        "annuels ai-je par an, et puis-je reporter des congés sur l'année suivante ?"
    )
    echo = "[1] " + question
    result = verify_draft(
        echo, [{"text": "Le congé annuel est de cinq fois les obligations hebdomadaires."}], question=question
    )
    assert not result.ok
    assert any("recopie la question" in warning for warning in result.warnings)
    answer = "Le congé annuel est de cinq fois les obligations hebdomadaires de service [1]."
    assert verify_draft(
        answer,
        [{"text": "Le congé annuel est de cinq fois les obligations hebdomadaires."}],
        question=question,
    ).ok


def test_a_draft_cut_in_the_middle_of_a_sentence_fails_but_a_signature_passes():
    passages = [{"text": "Un fonctionnaire en activité a droit à un congé annuel."}]
    cut = "Un fonctionnaire en activité a droit à un congé annuel [1]. Ce congé se calcule pour une année de service accomplie du"
    result = verify_draft(cut, passages)
    assert not result.ok and any("s'interrompt" in warning for warning in result.warnings)
    letter = (
        "Madame,\nUn fonctionnaire en activité a droit à un congé annuel [1].\nCordialement,\nLe service RH"
    )
    assert verify_draft(letter, passages).ok
