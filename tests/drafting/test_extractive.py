"""Sentence splitting, selection and the extractive answer on fiche-shaped passages (pure Python)."""

from __future__ import annotations

import re

from rhia.drafting.extractive import OPENING, compact, compose, extractive_answer
from rhia.drafting.numbers import normalise, quantities
from rhia.drafting.selection import select, situation_fit
from rhia.drafting.sentences import passage_sentences
from rhia.drafting.verify import verify_draft

F486_FPE = {
    "passage_id": 1,
    "document_id": "F486",
    "title": "Temps partiel dans la fonction publique",
    "section_path": "Fonction publique d'État (FPE) > Naissance ou adoption d'un enfant",
    "audience": "FPE",
    "text": (
        "Le temps partiel pour élever un enfant est accordé de droit jusqu'au 3e anniversaire de l'enfant.\n"
        "L'administration ne peut pas vous refuser ce temps partiel.\n"
        "Quotité de travail\n"
        "Vous pouvez demander à travailler à temps partiel à 50 %, 60 %, 70 % ou 80 % d'un temps plein.\n"
        "Le temps partiel peut être organisé dans les conditions suivantes :\n"
        "- soit dans un cadre quotidien : la durée de travail est réduite chaque jour\n"
        "- soit dans un cadre hebdomadaire : le nombre de jours travaillés par semaine est réduit"
    ),
}
F486_FPT = {
    **F486_FPE,
    "passage_id": 2,
    "section_path": "Territoriale (FPT) > Naissance ou adoption d'un enfant",
    "audience": "FPT",
    "text": "Dans la FPT, la demande est présentée 2 mois avant le début du temps partiel.",
}
F18029_CONTRACTUEL = {
    "passage_id": 3,
    "document_id": "F18029",
    "title": "Temps partiel d'un contractuel",
    "section_path": "Contractuel > Conditions",
    "audience": "",
    "text": "Le contractuel employé depuis plus d'1 an à temps complet peut demander un temps partiel.",
}


def test_lines_become_sentences_headings_and_list_items_keep_their_lead():
    sentences = passage_sentences(F486_FPE, 1)
    texts = [s.text for s in sentences]
    assert "Quotité de travail" not in texts
    quota = next(s for s in sentences if "70 %" in s.text)
    assert quota.heading == "Quotité de travail"
    item = next(s for s in sentences if s.text.startswith("soit dans un cadre quotidien"))
    assert item.lead.endswith("conditions suivantes :")
    assert item.shown.startswith("Le temps partiel peut être organisé")


def test_situation_filters_other_versant_and_statut():
    assert situation_fit(F486_FPT, "FPE", "titulaire") is None
    assert situation_fit(F486_FPE, "FPE", "titulaire") is not None
    assert situation_fit(F18029_CONTRACTUEL, "FPE", "titulaire") is None
    assert situation_fit(F18029_CONTRACTUEL, "FPE", "contractuel") == 1.0


def test_extractive_answer_quotes_the_rule_and_the_quotites_verbatim_with_citations():
    question = "prof certifiée, son fils a 14 mois, elle veut passer à 70% à la rentrée. C'est de droit ? jusqu'a quand ?"
    passages = [F486_FPT, F486_FPE, F18029_CONTRACTUEL]
    extract = extractive_answer(question, passages, versant="FPE", statut="titulaire")
    assert extract.text.startswith(OPENING)
    assert "de droit jusqu'au 3e anniversaire" in extract.text
    assert "50 %, 60 %, 70 % ou 80 %" in extract.text
    assert "FPT" not in extract.text and "contractuel" not in extract.text
    assert extract.citation_numbers == [2]
    for line in extract.text.splitlines()[1:]:
        if line.lstrip().startswith("- ") and not line.endswith(":"):  # a lead-in line introduces its items
            assert re.search(r"\[\d\]$", line), line
    assert len(extract.text.split()) <= 200
    assert verify_draft(extract.text, passages, question=question).ok


def test_compact_renumbers_the_quoted_passages():
    passages = [F486_FPT, F486_FPE, F18029_CONTRACTUEL]
    selection = select("C'est de droit le temps partiel ?", passages, versant="FPE", statut="titulaire")
    small, kept = compact(selection, passages)
    assert kept == [F486_FPE]
    assert "[1]" in compose(small).text


def test_nothing_to_quote_gives_an_empty_selection():
    assert not extractive_answer("Quel temps fait-il ?", [F486_FPT], versant="FPE").found


def test_numbers_normalised_the_same_way_on_both_sides():
    assert normalise("quatre-vingt-dix jours") == "90 jours"
    assert normalise("18\u00a0552 €") == normalise("18 552 €") == "18552 €"
    assert normalise("50%") == normalise("50 %") == normalise("cinquante pour cent")
    assert quantities("1. Le congé dure deux mois.") == [("2", "mois")]


def test_a_lead_in_line_is_never_quoted_without_its_list():
    passage = {
        **F486_FPE,
        "passage_id": 9,
        "text": (
            "L'agent à l'encontre duquel une procédure disciplinaire est engagée a droit :\n"
            "- à la communication intégrale de son dossier individuel\n"
            "- à l'assistance d'un ou plusieurs défenseurs de son choix\n"
            "Le conseil de discipline peut ainsi :"
        ),
    }
    question = "Procédure disciplinaire engagée contre un agent : à quoi a-t-il droit ? que peut ainsi faire le conseil ?"
    text = compose(select(question, [passage], versant="FPE", statut="titulaire")).text
    assert ":." not in text and "peut ainsi" not in text
    assert text.count("a droit :") <= 1
