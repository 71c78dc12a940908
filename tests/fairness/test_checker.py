"""The bias checker on wordings of each category, hard negatives and its context rules."""

from __future__ import annotations

import pytest

from rhia.fairness.checker import CATEGORIES, check


def categories(text: str, **kwargs) -> set[str]:
    return {f.category for f in check(text, **kwargs)}


@pytest.mark.parametrize(
    "text",
    [
        "Compte tenu de son âge, nous ne retenons pas sa candidature.",
        "elle est enceinte donc on ne lui renouvelle pas son contrat",
        "Vu ses activités syndicales, son avancement est reporté.",
        "Du fait de son handicap, nous émettons un avis défavorable à sa mutation.",
        "Il est d'origine étrangère, mieux vaut le mettre au back-office.",
    ],
)
def test_a_protected_criterion_grounding_a_decision_is_found(text):
    assert categories(text) == {"protected_ground"}


@pytest.mark.parametrize(
    "text",
    [
        "Le congé de maternité est de 16 semaines.",
        "Le congé de maternité ne peut pas être refusé.",
        "Aucune distinction ne peut être faite entre les agents en raison de leur religion.",
        "En raison de votre grossesse, vous bénéficiez d'une heure de facilité horaire par jour.",
        "Si vous êtes reconnu inapte à vos fonctions pour raison de santé, un reclassement vous est proposé.",
        "Votre demande est refusée car le délai de préavis de deux mois n'a pas été respecté.",
        "La réintégration est prononcée dans votre administration d'origine.",
        "Plusieurs syndicats ont demandé l'inscription de ce point à l'ordre du jour.",
        "La psychologue de l’Éducation nationale reçoit les élèves sur rendez-vous.",
    ],
)
def test_rules_that_name_a_criterion_are_not_findings(text):
    assert categories(text) == set()


def test_stereotypes_but_not_rights_or_statistics():
    assert categories("Les seniors ont du mal avec les outils numériques.") == {"stereotype"}
    assert categories("Les femmes sont naturellement plus douées pour l'accueil.") == {"stereotype"}
    assert categories("Les seniors bénéficient d'une surcote au-delà de l'âge légal.") == set()
    assert categories("Les femmes représentent 63 % des agents publics.") == set()


def test_gendered_roles_get_a_neutral_wording():
    findings = check("Adressez votre demande au directeur, puis à la secrétaire du service.")
    assert [f.category for f in findings] == ["gendered_role", "gendered_role"]
    assert "la direction" in findings[0].suggestion
    assert "secrétariat" in findings[1].suggestion
    assert check("Adressez votre demande à la direction et au secrétariat.") == []
    # A named person's title is known, not assumed.
    assert check("Le dossier a été transmis par la directrice [PERSONNE_1].") == []


def test_civility_is_judged_against_the_staff_question():
    letter = "Madame,\nVotre demande de temps partiel a bien été reçue."
    assert categories(letter, context="bonjour, comment passer à 80 % ?") == {"assumed_civility"}
    assert categories(letter, context="Bonjour, je suis Mme [PERSONNE_1], professeure.") == set()
    assert categories("Madame, Monsieur,\nVotre demande a bien été reçue.", context="bonjour") == set()
    assert categories(letter) == set(), "no question, no judgement on the civility"
    assert categories("Il faut déposer la demande avant le 31 mars.", context="une question") == set()


def test_sentences_quoted_from_the_sources_are_not_checked():
    source = "Le directeur de l'établissement accorde le congé après avis du médecin."
    draft = f"{source} [1]\nLa secrétaire vous remettra le formulaire."
    found = check(draft, sources=[source])
    assert [f.category for f in found] == ["gendered_role"]
    assert found[0].excerpt.lower() == "la secrétaire"


def test_spans_point_into_the_original_text():
    text = "Préambule. Vu l’âge de l’agente (61 ans), nous préférons ne pas la titulariser."
    (finding,) = check(text)
    assert text[finding.start : finding.end] == finding.excerpt
    assert finding.excerpt.startswith("Vu l’âge")
    assert finding.criterion == "age" and "l'âge" in finding.explanation
    assert finding.label == CATEGORIES["protected_ground"]


def test_empty_and_very_long_texts():
    assert check("") == [] and check("   \n") == []
    long_text = ("Le congé annuel est de cinq fois les obligations hebdomadaires de service. " * 400).strip()
    assert check(long_text) == []
