"""Each pattern recognizer on positive examples and hard negatives (no NER needed)."""

import pytest

from rhia.privacy import recognizers as r


def values(found, text):
    return [text[e.start : e.end] for e in found]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Contact : prenom.nom@ac-lyon.fr.", ["prenom.nom@ac-lyon.fr"]),
        (
            "écrire à j-p_durand+rh@education.gouv.fr ou x@y.org",
            ["j-p_durand+rh@education.gouv.fr", "x@y.org"],
        ),
    ],
)
def test_email(text, expected):
    assert values(r.find_emails(text), text) == expected


def test_email_negatives():
    assert r.find_emails("@ac-lyon sans adresse, ni user@localhost") == []


@pytest.mark.parametrize(
    "value",
    ["185057800608491", "1 85 05 78 006 084 91", "1.85.05.78.006.084.91", "1 91 02 2A 646 643 13"],
)
def test_nir_positive(value):
    text = f"Mon numéro : {value}. Merci"
    assert values(r.find_nirs(text), text) == [value]


def test_nir_hard_negatives():
    # wrong key without context; a 15-digit number that is not a NIR; a decree reference
    for text in [
        "Référence dossier 185057800608436.",
        "décret n° 86-83 du 17 janvier 1986",
        "montant 1 250,00 €",
    ]:
        assert r.find_nirs(text) == []


def test_nir_wrong_key_announced_further_back_is_kept():
    # the message names the NIR, then quotes the mistyped number two clauses later
    text = (
        "Il nous faut votre numéro de sécurité sociale : merci de remplir le formulaire joint ; "
        "celui que vous nous avez donné, 178115909404666, ne semble pas correct."
    )
    found = r.find_nirs(text)
    assert [f.recognizer for f in found] == ["nir_context"]
    assert r.find_nirs("Référence de la commande, passée au magasin du centre-ville : 178115909446600.") == []


def test_nir_wrong_key_with_context_is_kept_with_low_score():
    text = "N° de sécurité sociale : 1 85 05 78 006 084 36"
    found = r.find_nirs(text)
    assert len(found) == 1 and found[0].score < 1 and found[0].recognizer == "nir_context"


@pytest.mark.parametrize(
    "value",
    ["FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189", "DE89 3704 0044 0532 0130 00"],
)
def test_iban(value):
    text = f"Virement sur le compte {value}. Cordialement"
    assert values(r.find_ibans(text), text) == [value]


def test_iban_with_wrong_check_digits_is_masked_with_a_lower_score():
    # A mistyped RIB still identifies an account: masked, with a score saying it did not validate.
    found = r.find_ibans("Compte FR76 3000 6000 0112 3456 7890 188 (erroné)")
    assert [(e.label, e.score) for e in found] == [("IBAN", 0.7)]
    assert r.find_ibans("Référence dossier AB12 3456 7890 1234 5678") == []


def test_numen():
    text = "Mon NUMEN est 04E7275367PCH, celui de ma collègue 12S 0000123 ABC."
    assert values(r.find_numens(text), text) == ["04E7275367PCH", "12S 0000123 ABC"]
    assert r.find_numens("code 04E72753PCH et indice 356") == []


@pytest.mark.parametrize(
    "value",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "0612345678",
        "+33 6 12 34 56 78",
        "+33 (0)4 97 90 83 01",
        "0033 1 45 67 89 01",
        "0 7 1 2 3 4 5 6 7 8",  # dictated one digit at a time
    ],
)
def test_phone_french(value):
    text = f"Joignable au {value}, merci."
    assert values(r.find_phones(text), text) == [value]


def test_phone_international():
    text = "Numéro belge : +32 2 555 12 12."
    assert values(r.find_phones(text), text) == ["+32 2 555 12 12"]


def test_phone_hard_negatives():
    for text in [
        "article L. 822-6 du code",
        "décret n° 2002-634 du 29 avril 2002",
        "montant estimé 1 250,00 €, indice majoré 356",
        "arrêté du 26 novembre 2001",
        "note de service n° 2023-178",
    ]:
        assert r.find_phones(text) == [], text


def test_siret_siren():
    text = "Entreprise SIREN 732 829 320, SIRET 732 829 320 00074."
    found = r.find_sirets(text)
    assert [(text[e.start : e.end], e.label) for e in found] == [
        ("732 829 320", "SIREN"),
        ("732 829 320 00074", "SIRET"),
    ]
    assert r.find_sirets("Le nombre 732 829 320 sans contexte") == []


@pytest.mark.parametrize(
    "value",
    [
        "22, rue Martin Lecoq, 36232 Chauvin",
        "12 bis avenue de la République, 75011 Paris",
        "3 allée des Tilleuls\n86000 Poitiers",
        "boulevard Jacqueline Lefort, 18161 Turpin",
        "7 impasse du Moulin",
        "14 rue de l'Église, 69003 Lyon",
    ],
)
def test_address(value):
    text = f"Ma nouvelle adresse est {value}. Merci."
    assert values(r.find_addresses(text), text) == [value]


def test_address_negatives():
    for text in [
        "Il reste 3 places disponibles au collège.",
        "la rue est fermée",
        "article 15 du décret n° 82-447",
    ]:
        assert r.find_addresses(text) == [], text


@pytest.mark.parametrize(
    "intro,date",
    [
        ("née le ", "12/03/1985"),
        ("Né le ", "1er janvier 1970"),
        ("né(e) le ", "3 mars 1980"),
        ("date de naissance : ", "05-11-1964"),
        ("née à Saint-Étienne le ", "3 mars 1980"),
        ("date et lieu de naissance : ", "05/11/1964"),
        ("born on ", "14 February 1979"),
        ("date of birth: ", "March 3, 1981"),
        ("DOB ", "3rd Sept 1990"),
    ],
)
def test_birthdate(intro, date):
    text = f"Agent {intro}{date}, en poste."
    assert values(r.find_birthdates(text), text) == [date]


def test_birthdate_negatives():
    for text in [
        "arrêté du 26 novembre 2001",
        "contrat du 1er septembre 2024 au 31 août 2025",
        "loi du 13/07/1983",
        "the contract starts on 1 March 2026",
        "meeting on May 5, 2026 in Lyon",
    ]:
        assert r.find_birthdates(text) == [], text


def test_matricule_and_custom(settings):
    text = "Matricule : A123456, dossier RH-2024-0042."
    assert values(r.find_matricules(text), text) == ["A123456"]
    settings.RHIA_PRIVACY_PATTERNS = '{"dossier": "dossier (?P<value>RH-\\\\d{4}-\\\\d{4})"}'
    found = r.find_custom(text, r.custom_patterns())
    assert [(text[e.start : e.end], e.label) for e in found] == [("RH-2024-0042", "DOSSIER")]


def test_custom_patterns_bad_json(settings):
    settings.RHIA_PRIVACY_PATTERNS = (
        "{pas du json"  # an overridden setting; the environment is checked at start-up
    )
    with pytest.raises(ValueError, match="RHIA_PRIVACY_PATTERNS"):
        r.custom_patterns()
