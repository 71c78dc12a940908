"""Coverage of a question by its passages (prompts.coverage): the gate before any draft."""

from __future__ import annotations

from rhia.drafting.prompts import coverage, stems

PASSAGE = {
    "title": "Congés annuels dans la fonction publique",
    "text": "Les congés non pris au 31 décembre peuvent être reportés sur l'année suivante.",
}


def test_inflected_forms_count_as_covered():
    assert coverage("Mes congés non pris peuvent-ils être reportés ?", [PASSAGE]) == 1.0


def test_unrelated_passages_do_not_cover():
    assert coverage("Comment est calculée la pension de retraite ?", [PASSAGE]) == 0.0


def test_domain_words_and_placeholders_are_not_content():
    assert stems("Combien de droits pour un agent de la fonction publique, [PERSONNE_1] ?") == set()
    assert coverage("Un agent public a-t-il droit à la retraite ?", [PASSAGE]) == 0.0


def test_partial_cover_is_the_share_of_question_words_found():
    assert coverage("Congé de maternité et report des congés annuels", [PASSAGE]) == 0.75
