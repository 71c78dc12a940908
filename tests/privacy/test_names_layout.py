"""PERSON from layout: headers, form fields, greetings, maiden names, staff lists, lowercase, propagation."""

import pytest

from rhia.privacy.detect import scan


def persons(text):
    return [text[e.start : e.end] for e in scan(text).entities if e.label == "PERSON"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("À : KOWALCZYK Agnieszka\nObjet : congé", ["KOWALCZYK Agnieszka"]),
        ("De : Tuan Lê-Phan <tuan.lephan@wanadoo.fr>\nObjet : rib", ["Tuan Lê-Phan"]),
        ("Cc : Ndèye Faye; Oihana Larrañaga\n\nbonjour", ["Ndèye Faye", "Oihana Larrañaga"]),
        ("Nom : LE BRAS\nPrénom(s) : Gwendal\nGrade : attaché", ["LE BRAS", "Gwendal"]),
        (
            "Nom d'usage : ROCHETEAU   Nom de naissance : ABALLÉA\nPrénom : Ilona",
            ["ROCHETEAU", "ABALLÉA", "Ilona"],
        ),
        ("Bonjour Anh,\nmerci pour ton retour.", ["Anh"]),
        ("Je suis Ilona Marchetti née OUEDRAOGO, le 3 juin.", ["Ilona Marchetti", "OUEDRAOGO"]),
        ("Présents :\nBERTHELOT Yvon\nNAKASHIMA Emi\n", ["BERTHELOT Yvon", "NAKASHIMA Emi"]),
        ("c'est karim benslimane du cdi, tu me rappelles ?", ["karim benslimane"]),
        ("je m'appelle wassila hadjadj et je suis aed", ["wassila hadjadj"]),
        ("Merci pour tout.\nBonne soirée,\nFarida", ["Farida"]),
    ],
)
def test_layout_names(text, expected):
    found = persons(text)
    for name in expected:
        assert name in found, (name, found)


def test_email_local_part_masks_every_case():
    text = "Mon adresse : sidonie.quillec@free.fr\nsidonie QUILLEC, Sidonie"
    found = persons(text)
    assert "sidonie QUILLEC" in found and "Sidonie" in found


def test_name_found_once_is_propagated_in_any_case():
    text = "Bonjour, je suis Mme Prigent.\nmme prigent a déjà écrit, PRIGENT relance."
    found = persons(text)
    assert "prigent" in found and "PRIGENT" in found  # the civility, in any case, is outside the span


@pytest.mark.parametrize(
    "text",
    [
        "Je travaille au lycée Victor-Hugo depuis 2019.",
        "Selon la loi Le Pors, le statut s'applique.",
        "La réunion aura lieu à Saint-Étienne jeudi.",
        "bonjour tout le monde, la réunion est reportée",
        "le collège rosa parks ferme à 17 h",
        "Nom de l'établissement : collège Anne Frank",
        "À : gestion-paie@ac-rennes.fr\nObjet : rib",
    ],
)
def test_institutions_places_and_words_are_not_persons(text):
    assert persons(text) == []


def test_functional_mailbox_is_not_personal():
    text = "Écrire à gestion-paie@ac-rennes.fr ou à chloe.vasseur@ac-rennes.fr"
    emails = [text[e.start : e.end] for e in scan(text).entities if e.label == "EMAIL"]
    assert emails == ["chloe.vasseur@ac-rennes.fr"]
