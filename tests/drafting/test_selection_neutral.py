"""Who the person is does not choose the quoted sentences: selection reads the question as retrieval does."""

from __future__ import annotations

from rhia.drafting.extractive import extractive_answer
from rhia.fairness.neutral import neutral_question
from rhia.search.analysis import query_terms

STAGE = {
    "passage_id": 7,
    "document_id": "F12386",
    "title": "Stage dans la fonction publique",
    "section_path": "Fonction publique territoriale (FPT) > Prolongation du stage",
    "audience": "FPT",
    "text": (
        "Le stage est prolongé du nombre de jours de congé pris au-delà de 36 jours.\n"
        "Exemples\n"
        "Une fonctionnaire nommée stagiaire le 1er janvier 2019, qui bénéficie d'un congé de maternité "
        "de 112 jours, voit son stage prolongé de 76 jours (112 - 36), soit jusqu'au 17 mars 2020.\n"
        "Un fonctionnaire nommé stagiaire le 1er janvier 2019, qui a 57 jours d'arrêt (consécutifs ou "
        "non) en congé de maladie ordinaire au cours de son année de stage, voit son stage prolongé de "
        "21 jours (57 - 36), soit jusqu'au 21 janvier 2020.\n"
        "Toutefois, selon qu'il s'agit de congés rémunérés ou de congés non rémunérés, les conditions "
        "de prolongation du stage diffèrent."
    ),
}


def chosen(question: str, passages: list[dict]) -> list[str]:
    extract = extractive_answer(question, passages, versant="FPT", statut="stagiaire")
    return [item.sentence.text for item in extract.selection.chosen]


def test_the_persons_age_does_not_pick_a_sentence_that_shares_its_number():
    young = "Mme [PERSONNE_1], 34 ans, stagiaire FPT, demande si son stage peut être prolongé."
    older = "Mme [PERSONNE_1], 57 ans, stagiaire FPT, demande si son stage peut être prolongé."
    assert chosen(young, [STAGE]) == chosen(older, [STAGE])


def test_civility_pronoun_and_agreement_do_not_change_the_selection():
    woman = (
        "demande de Mme [PERSONNE_1] : elle souhaite une prolongation du stage, durée ? elle a 34 ans, mariée"
    )
    man = "demande de M. [PERSONNE_1] : il souhaite une prolongation du stage, durée ? il a 34 ans, marié"
    assert chosen(woman, [STAGE]) == chosen(man, [STAGE])


def test_the_neutral_question_keeps_what_is_asked():
    man = neutral_question("M. [PERSONNE_1], 57 ans, est élu conseiller municipal.")
    woman = neutral_question("Mme [PERSONNE_1], 34 ans, est élue conseillère municipale.")
    assert query_terms(man) == query_terms(woman)  # "conseillère" alone stems apart from "conseiller"
    assert neutral_question("Peut-elle partir à 62 ans ? Un CDD de 3 ans.") == (
        "Peut-il partir à 62 ans ? Un CDD de 3 ans."
    )
    assert "carrière" in neutral_question("Quelle carrière pour une infirmière ?")
