"""A model rewording of one given sentence must keep its facts (alignment.check_rewording), and the
draft is assembled in code from the rewordings kept (rewording.compose)."""

from __future__ import annotations

import json

import pytest

from rhia.drafting import rewording
from rhia.drafting.alignment import check_rewording
from rhia.drafting.selection import Scored, Selection
from rhia.drafting.sentences import Sentence


def sentence(text: str, lead: str = "", number: int = 1) -> Sentence:
    return Sentence(text, number, "F486", "Fonction publique d'État", "", lead, 0)


DROIT = sentence(
    "Le temps partiel est accordé de droit pour élever un enfant, jusqu'à ses 3 ans.",
)
QUOTITES = sentence("La durée du service est égale à 50 %, 60 %, 70 % ou 80 % de la durée du travail.")
REFUS = sentence("L'administration ne peut pas refuser le temps partiel de droit.")
AVANCE = sentence("Elle doit aussi vous en faire la demande au moins 2 mois à l'avance.")
ITEM = sentence("à l'occasion de chaque naissance", lead="Le temps partiel de droit est accordé :")


@pytest.mark.parametrize(
    "written, source",
    [
        ("Le temps partiel est accordé de droit pour élever un enfant jusqu'à ses 3 ans.", DROIT),
        ("La durée du service est de 50 %, 60 %, 70 % ou 80 % de la durée du travail.", QUOTITES),
        ("L'administration ne peut pas refuser un temps partiel de droit.", REFUS),
        ("Le temps partiel de droit est accordé à chaque naissance.", ITEM),
    ],
)
def test_a_faithful_rewording_is_kept(written, source):
    assert check_rewording(written, source) == ""


@pytest.mark.parametrize(
    "written, source, reason",
    [
        ("Le temps partiel est accordé pour élever un enfant jusqu'à ses 3 ans.", DROIT, "de droit"),
        ("Le temps partiel est accordé de droit pour élever un enfant.", DROIT, "3 an"),
        ("Le temps partiel est accordé de droit pour élever un enfant jusqu'à ses 6 ans.", DROIT, "6 an"),
        ("La durée du service est égale à 50 % ou 80 % de la durée du travail.", QUOTITES, "60 %"),
        ("L'administration peut refuser le temps partiel de droit.", REFUS, "négation"),
        ("Il doit en faire la demande au moins 2 mois à l'avance.", AVANCE, "qui fait quoi"),
        ("Le chef de service ne peut pas refuser le temps partiel de droit au médecin.", REFUS, "médecin"),
        (
            "Le temps partiel est accordé de droit pour élever un enfant jusqu'à ses 3 ans, avec une prime "
            "mensuelle versée par la caisse nationale.",
            DROIT,
            "ajoute",
        ),
    ],
)
def test_a_rewording_that_loses_or_changes_a_fact_is_refused(written, source, reason):
    refused = check_rewording(written, source)
    assert refused and reason in refused, refused


def test_a_figure_the_question_gave_is_not_a_claim():
    written = "Le temps partiel est accordé de droit pour élever un enfant de 2 ans, jusqu'à ses 3 ans."
    assert check_rewording(written, DROIT, "Ma fille a 2 ans") == ""


def _selection() -> Selection:
    return Selection(["regle"], [Scored(DROIT, 5.0, ("regle",)), Scored(QUOTITES, 3.0, ("regle",))])


def test_compose_cites_each_sentence_and_quotes_a_refused_one_as_written():
    selection = _selection()
    style = rewording.BY_CODE["courrier"]
    output = json.dumps(
        {
            "phrase_1": "Vous pouvez obtenir de droit un temps partiel pour élever un enfant jusqu'à ses 3 ans.",
            "phrase_2": "Vous pouvez travailler à 80 %.",
        }
    )
    composed = rewording.compose(output, selection, style, lambda w, s: check_rewording(w, s))
    assert composed.reworded == 1 and [s.reworded for s in composed.sentences] == [True, False]
    assert "perd « 50 % »" in composed.sentences[1].reason
    assert composed.text == (
        "Madame, Monsieur,\n\n"
        "Vous pouvez obtenir de droit un temps partiel pour élever un enfant jusqu'à ses 3 ans [1].\n"
        "La durée du service est égale à 50 %, 60 %, 70 % ou 80 % de la durée du travail [1].\n\n"
        "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées."
    )


def test_schema_asks_one_bounded_rewording_per_kept_sentence():
    selection = _selection()
    short = rewording.Style("x", "X", "X", keep=1)
    schema = rewording.schema(selection, short)
    assert schema["required"] == ["phrase_1"]  # the best-scored sentence
    assert schema["properties"]["phrase_1"]["maxLength"] == len(DROIT.shown) + rewording.SLACK_CHARS
    assert rewording.max_tokens(selection, short) < rewording.max_tokens(
        selection, rewording.BY_CODE["detaillee"]
    )


def test_json_cut_by_the_token_limit_keeps_its_complete_rewordings():
    selection = _selection()
    cut = '{"phrase_1": "Le temps partiel est accordé de droit pour élever un enfant jusqu\'à ses 3 ans.", "phrase_2": "La du'
    composed = rewording.compose(cut, selection, rewording.BY_CODE["detaillee"], check_rewording)
    assert composed.reworded == 1 and "50 %, 60 %, 70 % ou 80 %" in composed.text
