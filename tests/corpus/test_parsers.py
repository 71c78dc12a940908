"""Parsers on fixtures written to the real schemas (DILA fiche 3.3, xml-js JSON, LEGI ARTICLE)."""

from __future__ import annotations

import datetime as dt

import pytest

from rhia.corpus.parsing.fiches import in_public_service_scope, parse_fiche_json, parse_fiche_xml
from rhia.corpus.parsing.legi import parse_article
from rhia.corpus.parsing.records import ParseError, split_text

from .conftest import FIXTURES


def test_fiche_xml_sections_paths_and_audiences():
    doc = parse_fiche_xml((FIXTURES / "F90001.xml").read_bytes())
    assert doc.doc_id == "F90001"
    assert doc.title.startswith("Fonction publique : congé de longue maladie")
    assert doc.url == "https://www.service-public.fr/particuliers/vosdroits/F90001"
    assert doc.modified == dt.date(2024, 5, 2)
    assert "Maladie ou accident du travail dans la fonction publique" in doc.theme
    paths = [(" > ".join(s.path), s.audience) for s in doc.sections]
    assert paths == [
        ("", ""),
        ("Fonction publique d'État (FPE) > Durée", "FPE"),
        ("Territoriale (FPT) > Durée", "FPT"),
    ]
    assert "- Demi-traitement pendant 2 ans" in doc.sections[1].text
    assert "Employeur" not in " ".join(s.text for s in doc.sections)  # contacts are not regulatory text
    assert in_public_service_scope(doc)


def test_fiche_json_from_npm_package_format():
    doc = parse_fiche_json((FIXTURES / "F90002.json").read_bytes())
    assert doc.doc_id == "F90002"
    assert doc.title == "Télétravail dans le secteur public"
    assert [s.path for s in doc.sections] == [[], ["Nombre de jours"]]
    assert "3 jours par semaine" in doc.sections[1].text
    assert in_public_service_scope(doc)


def test_out_of_scope_fiche():
    doc = parse_fiche_xml((FIXTURES / "F90003.xml").read_bytes())
    assert doc.url.endswith("/F90003")
    assert not in_public_service_scope(doc)


def test_malformed_fiche_gives_french_reason():
    with pytest.raises(ParseError, match="XML mal formé"):
        parse_fiche_xml((FIXTURES / "F90004.xml").read_bytes())
    with pytest.raises(ParseError, match="JSON mal formé"):
        parse_fiche_json(b"{pas du json")
    with pytest.raises(ParseError, match="Publication"):
        parse_fiche_xml(b"<Autre/>")


def test_legi_article_in_force():
    doc = parse_article((FIXTURES / "LEGIARTI000090000001.xml").read_bytes())
    assert doc.doc_id == "LEGIARTI000090000001"
    assert doc.title == "Code général de la fonction publique — Article L822-6"
    assert doc.url == "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000090000001"
    assert doc.valid_from == dt.date(2022, 3, 1) and doc.valid_to is None
    assert doc.sections[0].path == [
        "Partie législative",
        "Livre VIII : Prévention et protection en matière de santé",
        "Article L822-6",
    ]
    assert "durée maximale de trois ans" in doc.sections[0].text


def test_legi_modified_article_has_end_date():
    doc = parse_article((FIXTURES / "LEGIARTI000090000002.xml").read_bytes())
    assert doc.state == "MODIFIE"
    assert doc.valid_to == dt.date(2023, 1, 1)


def test_legi_annulled_article_is_never_in_force():
    content = (FIXTURES / "LEGIARTI000090000001.xml").read_bytes().replace(b"<ETAT>VIGUEUR", b"<ETAT>ANNULE")
    doc = parse_article(content)
    assert doc.valid_from == doc.valid_to


def test_legi_invalid_article():
    with pytest.raises(ParseError, match="identifiant d'article invalide"):
        parse_article((FIXTURES / "LEGIARTI000090000009.xml").read_bytes())


def test_long_sections_are_split_on_paragraphs():
    text = "\n".join(" ".join(["mot"] * 120) for _ in range(5))
    chunks = split_text(text, max_words=300)
    assert len(chunks) == 3
    assert all(len(chunk.split()) <= 300 for chunk in chunks)
