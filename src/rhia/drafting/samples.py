"""Sample passages (short excerpts in the style of service-public.fr fiches for State civil servants).

Used by the drafting tests, the verification and speed benchmarks, and ``rhia ask --samples`` when
no corpus is imported. They are fixtures, not a source of truth: real answers cite the imported corpus.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SamplePassage:
    passage_id: int
    document_id: str
    title: str
    section_path: str
    url: str
    text: str
    snippet: str = ""
    score: float = 1.0


def _sp(pid: int, doc: str, title: str, section: str, text: str) -> SamplePassage:
    url = f"https://www.service-public.fr/particuliers/vosdroits/{doc}"
    return SamplePassage(pid, doc, title, section, url, text, snippet=text[:160])


PASSAGES: list[SamplePassage] = [
    _sp(1, "F488", "Congés annuels dans la fonction publique", "Durée du congé annuel",
        "Le fonctionnaire a droit, pour une année de service accompli du 1er janvier au 31 décembre, à un congé "
        "annuel d'une durée égale à 5 fois ses obligations hebdomadaires de service. Cette durée est appréciée en "
        "nombre de jours effectivement travaillés. Par exemple, un agent qui travaille 5 jours par semaine a droit "
        "à 25 jours de congés annuels. Un agent à temps partiel a droit au même nombre de semaines de congé, "
        "calculé sur ses propres obligations hebdomadaires. L'absence du service ne peut pas excéder 31 jours "
        "consécutifs."),
    _sp(2, "F488", "Congés annuels dans la fonction publique", "Jours de fractionnement",
        "Un jour de congé supplémentaire est attribué au fonctionnaire dont le nombre de jours de congé pris en "
        "dehors de la période du 1er mai au 31 octobre est de 5, 6 ou 7 jours. Un 2e jour de congé supplémentaire "
        "est attribué lorsque ce nombre est au moins égal à 8 jours."),
    _sp(3, "F13974", "Télétravail dans la fonction publique", "Quotité et autorisation",
        "La quotité des fonctions pouvant être exercées en télétravail ne peut pas être supérieure à 3 jours par "
        "semaine. Le temps de présence sur le lieu d'affectation ne peut pas être inférieur à 2 jours par semaine. "
        "L'agent qui souhaite télétravailler en fait la demande écrite à son chef de service. La réponse écrite "
        "est donnée dans un délai d'1 mois à partir de la date de réception de la demande. Le refus opposé à une "
        "demande de télétravail doit être motivé et précédé d'un entretien."),
    _sp(4, "F486", "Temps partiel dans la fonction publique", "Temps partiel de droit",
        "Le temps partiel de droit est accordé au fonctionnaire, sur demande, à l'occasion de chaque naissance, "
        "jusqu'aux 3 ans de l'enfant, ou de chaque adoption, jusqu'à l'expiration d'un délai de 3 ans à partir de "
        "l'arrivée de l'enfant au foyer. La durée du service à temps partiel de droit peut être fixée à 50 %, "
        "60 %, 70 % ou 80 % de la durée du service à temps plein. La demande est présentée au moins 2 mois avant "
        "le début de la période de temps partiel."),
    _sp(5, "F18098", "Congé de longue durée (CLD) d'un fonctionnaire", "Durée et rémunération",
        "Le fonctionnaire atteint d'un cancer, d'une maladie mentale, de tuberculose, de poliomyélite ou d'un "
        "déficit immunitaire grave et acquis peut être placé en congé de longue durée. Le CLD est accordé par "
        "période de 3 à 6 mois. Sa durée totale ne peut pas dépasser 5 ans sur l'ensemble de la carrière. Le "
        "fonctionnaire perçoit son plein traitement pendant 3 ans, puis un demi-traitement pendant 2 ans."),
    _sp(6, "F34544", "Autorisations d'absence pour mariage ou Pacs", "Durée de l'absence",
        "Une autorisation spéciale d'absence de 5 jours ouvrables peut être accordée au fonctionnaire à "
        "l'occasion de son mariage ou de la conclusion de son pacte civil de solidarité (Pacs). Elle est accordée "
        "sous réserve des nécessités du service, sur présentation d'un justificatif."),
    _sp(7, "F489", "Autorisation d'absence pour garde d'enfant malade", "Nombre de jours",
        "Le fonctionnaire peut bénéficier d'autorisations d'absence pour soigner un enfant malade ou en assurer "
        "momentanément la garde, jusqu'aux 16 ans de l'enfant. Le nombre de jours accordés par année civile est "
        "égal aux obligations hebdomadaires de service plus 1 jour, soit 6 jours pour un agent travaillant 5 jours "
        "par semaine. Ce nombre est porté à 12 jours si l'agent assume seul la charge de l'enfant."),
    _sp(8, "F583", "Congé de paternité et d'accueil de l'enfant dans la fonction publique", "Durée",
        "Le congé de paternité et d'accueil de l'enfant est de 25 jours calendaires, ou de 32 jours calendaires "
        "en cas de naissances multiples. Une période de 4 jours doit être prise immédiatement après le congé de "
        "naissance de 3 jours. La période restante de 21 jours peut être prise dans les 6 mois suivant la "
        "naissance. L'agent informe son administration au moins 1 mois avant la date de début du congé."),
]  # fmt: skip

# Questions for the tests and benchmarks, with the fiche a good answer cites.
QUESTIONS: list[tuple[str, str]] = [
    ("Combien de jours de congé annuel a un agent qui travaille 5 jours par semaine ?", "F488"),
    ("Mon chef peut-il refuser que je télétravaille trois jours par semaine ?", "F13974"),
    ("Un fonctionnaire peut-il passer à 80 % après la naissance de son enfant ?", "F486"),
    ("Combien de temps dure un congé de longue durée et quel traitement pendant ce congé ?", "F18098"),
    ("Combien de jours d'absence pour un mariage ?", "F34544"),
    ("Mon enfant est malade, combien de jours d'absence puis-je poser ?", "F489"),
    ("Quelle est la durée du congé de paternité dans la fonction publique ?", "F583"),
]


def passages_for(document_id: str, *, with_distractors: int = 2) -> list[SamplePassage]:
    """The passages of one fiche, followed by a few passages of other fiches (as retrieval would return)."""
    own = [p for p in PASSAGES if p.document_id == document_id]
    others = [p for p in PASSAGES if p.document_id != document_id][:with_distractors]
    return own + others
