"""scan(): names (NER + rules), hard negatives, sensitive categories, data class."""

import pytest

from rhia.privacy.detect import data_class, scan


def found(text, label=None):
    return [
        (text[e.start : e.end], e.label) for e in scan(text).entities if label is None or e.label == label
    ]


@pytest.mark.parametrize(
    "text,name",
    [
        ("Bonjour, je suis Mme Durand et je souhaite un temps partiel.", "Durand"),
        ("Le dossier de M. MARTIN est incomplet.", "MARTIN"),
        ("Je suis DUPONT Jean, adjoint administratif.", "DUPONT Jean"),
        ("Merci de votre aide.\nCordialement,\nSolène Le Gall", "Solène Le Gall"),
        ("Demande transmise.\nBien à vous, Daniel MORIN", "Daniel MORIN"),
        ("L'agent Josette Marchal sollicite une mutation.", "Josette Marchal"),
        ("Salut Zoé Lemoine, tu peux transmettre ?", "Zoé Lemoine"),
        ("La situation de A. De Sousa est examinée.", "A. De Sousa"),
        ("Bonjour, Marie Le Gall demande un congé.", "Marie Le Gall"),
        ("Dossier de LE GALL Marie, adjointe.", "LE GALL Marie"),
        ("Le comité a vu C. Toussaint le 4 avril.", "C. Toussaint"),
        ("Message de Mme Noël reçu hier.", "Noël"),
        ("Merci de votre aide.\nCordialement,\nKerlouan Gwenola", "Kerlouan Gwenola"),
        ("Je suis Madame Anne Ribeiro.", "Anne Ribeiro"),
    ],
)
def test_person_positive(text, name):
    assert (name, "PERSON") in found(text)


def test_person_from_email_local_part():
    text = "Réponse attendue par Kerlouan Gwenola.\nkerlouan.gwenola@ac-rennes.fr"
    assert ("Kerlouan Gwenola", "PERSON") in found(text)


def test_name_repeated_is_found_everywhere():
    text = "Je suis Mme Pruvost. Mme Pruvost est absente ; Pruvost a envoyé son arrêt."
    persons = found(text, "PERSON")
    assert len(persons) == 3


@pytest.mark.parametrize(
    "text",
    [
        "Je travaille au lycée Victor Hugo de Poitiers depuis 2019.",
        "Affectation au collège Jean Moulin à la rentrée.",
        "L'école Jules Ferry accueille 200 élèves.",
        "Selon l'article L. 822-6 du code général de la fonction publique et le décret n° 86-83 du 17 janvier 1986.",
        "Le montant estimé est de 1 250,00 € (indice majoré 356), arrêté du 26 novembre 2001.",
        "Madame, Monsieur,\nJe vous prie d'agréer mes salutations.",
        "Selon la loi Jules Ferry, la réunion aura lieu salle Jean Monnet.",
        "Merci de votre retour.\nCordialement,\nService RH",
        "Bien à vous,\nPôle Pensions Civiles",
        "Salutations,\nDSDEN de la Vienne",
        "Cordialement\nL'équipe Paie",
        "Les Journées du Patrimoine auront lieu à Strasbourg ; merci à Pôle emploi et à France Travail.",
    ],
)
def test_hard_negatives_untouched(text):
    assert found(text) == []


def test_person_not_in_address():
    text = "Adresse : 59, rue Christophe Leduc, 81595 Sainte Susanne."
    assert found(text) == [("59, rue Christophe Leduc, 81595 Sainte Susanne", "ADDRESS")]


def test_overlaps_are_resolved():
    text = "Contact : jean.dupont@ac-lyon.fr, 06 12 34 56 78, NIR 1 85 05 78 006 084 91."
    entities = scan(text).entities
    for a in entities:
        for b in entities:
            assert a is b or not a.overlaps(b)
    assert {label for _value, label in found(text)} >= {"EMAIL", "PHONE", "NIR"}


@pytest.mark.parametrize(
    "text,category",
    [
        ("Je suis en arrêt maladie pour une dépression.", "sante"),
        ("Bénéficiaire de la RQTH, je demande un aménagement.", "handicap"),
        ("Je vous informe de ma grossesse.", "grossesse"),
        ("En tant que déléguée syndicale SNES-FSU, je demande une ASA.", "syndicat"),
        ("Autorisation d'absence pour la fête de Kippour.", "religion"),
        ("Il est militant au parti politique local et candidat aux élections.", "opinion_politique"),
        ("Elle subit des propos homophobes de la part d'un collègue.", "orientation_sexuelle"),
        ("Il dénonce des propos racistes sur son origine ethnique.", "origine_ethnique"),
        ("Le candidat a une mention au bulletin n° 2 du casier judiciaire.", "condamnation"),
    ],
)
def test_sensitive_categories(text, category):
    result = scan(text)
    assert category in result.sensitive_categories
    hit = next(h for h in result.sensitive if h.category == category)
    assert hit.words and all(word in text for word in hit.words)


@pytest.mark.parametrize(
    "text",
    [
        "Merci de verser mon traitement sur mon compte.",
        "L'arrêté du 26 novembre 2001 fixe les frais de changement de résidence.",
        "Je suis AESH dans une école primaire.",
        "Il est à peine arrivé dans le service.",
        "Les vacances de printemps commencent le 12 avril.",
        "La mutuelle santé est obligatoire depuis 2026.",
        "Le recours a été porté devant le tribunal administratif.",
        "Déposez le formulaire dans mon casier en salle des professeurs.",
        "La détention d'un master est exigée ; les organisations syndicales ont été consultées.",
    ],
)
def test_sensitive_hard_negatives(text):
    assert scan(text).sensitive == []


def test_sensitive_words_inside_values_do_not_count():
    text = "Le formulaire de M. Gay est arrivé ; contact : francois.gay@ac-lyon.fr, 3 rue de l'Église, 86000 Poitiers."
    assert scan(text).sensitive == []


def test_data_class():
    assert data_class(scan("Quelle est la durée des congés annuels ?")) == "public"
    assert data_class(scan("Je suis Mme Durand, question sur les congés annuels.")) == "personal"
    assert data_class(scan("Je suis en congé de longue maladie.")) == "sensitive"


def test_too_long_text_is_refused():
    with pytest.raises(ValueError, match="trop long"):
        scan("a" * 1_000_001)
