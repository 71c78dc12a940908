"""Identifiers and dates as people write them; sensitive categories by lemma, neutralisers."""

import pytest

from rhia.privacy.detect import scan


def values(text, label):
    return [text[e.start : e.end] for e in scan(text).entities if e.label == label]


@pytest.mark.parametrize(
    "text,label,value",
    [
        ("NIR : 2 69 01 49 588 157 clé 76", "NIR", "2 69 01 49 588 157 clé 76"),
        ("mon n° de sécu 2690149588157", "NIR", "2690149588157"),
        ("iban fr76 3000 6000 0112 3456 7890 189 merci", "IBAN", "fr76 3000 6000 0112 3456 7890 189"),
        ("IBAN : de89370400440532013000", "IBAN", "de89370400440532013000"),
        ("NUMEN 04-E-7275367-PCH", "NUMEN", "04-E-7275367-PCH"),
        ("numen : 04e 727 5367 pch", "NUMEN", "04e 727 5367 pch"),
        ("tel 061 234 56 78", "PHONE", "061 234 56 78"),
        ("portable +33 612 345 678", "PHONE", "+33 612 345 678"),
        ("née le 1981-06-30 à Lyon", "BIRTHDATE", "1981-06-30"),
        ("Date de naissance : 30 06 1981", "BIRTHDATE", "30 06 1981"),
        ("né le 3 mars 81", "BIRTHDATE", "3 mars 81"),
        ("DDN : 3 févr. 1981", "BIRTHDATE", "3 févr. 1981"),
        ("j'habite Lot. Les Mimosas, 33600 Pessac", "ADDRESS", "Lot. Les Mimosas, 33600 Pessac"),
        (
            "Résidence Le Ponant, bât. C, 17000 La Rochelle",
            "ADDRESS",
            "Résidence Le Ponant, bât. C, 17000 La Rochelle",
        ),
        ("adresse : 4 rue des lilas 35000 rennes", "ADDRESS", "4 rue des lilas 35000 rennes"),
    ],
)
def test_identifier_variants(text, label, value):
    assert value in values(text, label)


def test_random_digits_are_not_reported_but_a_mistyped_french_iban_is():
    # A French IBAN's exact shape (FR, 25 characters after) with wrong check digits: a typo, still masked.
    assert values("virement FR76 3000 6000 0112 3456 7890 188", "IBAN") == [
        "FR76 3000 6000 0112 3456 7890 188"
    ]
    assert values("référence 4821907316555 du marché", "NIR") == []


@pytest.mark.parametrize(
    "text,category",
    [
        ("j'ai des vertiges le matin", "sante"),
        ("on m'a diagnostiqué une fibromyalgie", "sante"),
        ("j'attends un enfant pour octobre", "grossesse"),
        ("je suis malentendante", "handicap"),
        ("je jeûne pendant le ramadan", "religion"),
        ("mes collègues syndiquées ont signé", "syndicat"),
    ],
)
def test_sensitive_by_lemma(text, category):
    assert category in scan(text).sensitive_categories


@pytest.mark.parametrize(
    "text",
    [
        "Je suis accompagnante d’élèves en situation de handicap au collège.",
        "ma collègue psychologue de l’Éducation nationale m'a conseillée",
        "Plusieurs syndicats ont appelé à la grève.",
        "Liste des agents convoqués à la visite médicale du 14 mai",
        "mon traitement indiciaire a baissé",
    ],
)
def test_neutralisers(text):
    assert scan(text).sensitive_categories == []
