"""Data module: the cues that reveal a versant, a statut, a contract or a corps family in a question.

Patterns on the folded text (lower case, no accents) unless ``exact`` (acronyms that are ordinary
words in lower case: "SA", "AS", "PE", "CH"… count only in capitals). Weights: an employer or a corps
is strong (3), a named versant strong (4), a comparison ("pareil qu'à l'État", "contrairement à la
FPT") counts against the versant it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*_\d+\]")


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    value: str
    weight: int
    exact: bool = False

    def find(self, folded: str, original: str) -> str:
        match = self.pattern.search(original if self.exact else folded)
        return match.group(0).strip().lower() if match else ""


def _f(pattern: str, value: str, weight: int) -> Rule:
    return Rule(re.compile(rf"(?<![a-z0-9])(?:{pattern})(?![a-z0-9])"), value, weight)


def _x(pattern: str, value: str, weight: int) -> Rule:
    return Rule(re.compile(rf"(?<![A-Za-z0-9])(?:{pattern})(?![A-Za-z0-9])"), value, weight, exact=True)


# A versant named in a comparison or a contrast is the one the person is *not* in.
_OTHER = r"(?:pareil|comme|meme chose|idem|different|contrairement|par rapport|difference)[^.?!]{0,25}"

VERSANT_RULES: tuple[Rule, ...] = (
    # Named versant.
    _f(r"fpe|fonction publique (?:d'|de l')?etat|fonctionnaires? de l'etat", "FPE", 4),
    _f(r"fpt|fonction publique territoriale|territoria(?:l|le|ux|les)", "FPT", 4),
    _f(r"fph|fonction publique hospitaliere|hospitali(?:er|ere|ers|eres)", "FPH", 4),
    # Contrasts: "c'est pareil qu'à l'État ?" in a territorial question.
    _f(_OTHER + r"(?:a |dans |pour )?(?:l'etat|la fpe|fpe)", "FPE", -4),
    _f(_OTHER + r"(?:a |dans |pour )?(?:la territoriale|la fpt|fpt|les collectivites)", "FPT", -4),
    _f(_OTHER + r"(?:a |dans |pour )?(?:l'hopital|la fph|fph)", "FPH", -4),
    # Employers (State).
    _f(r"rectorat|academie|academique|dsden|dasen|inspection academique|education nationale", "FPE", 3),
    _f(r"ministere|prefecture|dgfip|douanes?|tresor public|drfip|ddfip|dreal|ddt|crous|universite", "FPE", 3),
    _f(
        r"lycee|college|ecole (?:primaire|maternelle|elementaire)|chef d'etab(?:lissement)?|proviseur",
        "FPE",
        2,
    ),
    _f(r"principal(?:e)? (?:du|de) college|le principal|la principale|recteur|rectrice|ien", "FPE", 2),
    _x(r"EN|IEN|DSDEN|EPLE", "FPE", 2),
    # Employers (territorial).
    _f(
        r"mairie|commune|communal(?:e|es)?|municipa(?:l|le|ux|les)|conseil (?:departemental|regional)",
        "FPT",
        3,
    ),
    _f(
        r"collectivites?(?: territoriales?)?|intercommunalite|communaute (?:de communes|d'agglo\w*)|metropole",
        "FPT",
        3,
    ),
    _f(
        r"centre de gestion|cdg ?\d*|cnfpt|ccas|sdis|epci|departement|region|maire|president du conseil",
        "FPT",
        2,
    ),
    _x(r"DGS|CDG|CCAS|CNFPT", "FPT", 2),
    # Employers (hospital).
    _f(r"hopital|hopitaux|chu|chr|centre hospitalier|ehpad public|ap-hp|ght|clinique publique", "FPH", 3),
    _f(
        r"service de (?:reanimation|rea|cardio\w*|pediatrie|urgences?|ortho\w*|chirurgie)|en rea|aux urgences",
        "FPH",
        2,
    ),
    _x(r"CH|CHU|CHS|EHPAD", "FPH", 2),
)

STATUT_RULES: tuple[Rule, ...] = (
    _f(
        r"stagiaires?|en stage|annee de stage|pendant (?:son|le) stage|(?:sa|la|de) titularisation|titularise(?:e)? (?:a|au|le)",
        "stagiaire",
        5,
    ),
    _f(
        r"contractuel(?:le|s|les)?|non[- ]titulaires?|agent non titulaire|vacataire|cdd|cdi|contrat(?:s)? (?:a|de) duree",
        "contractuel",
        5,
    ),
    _f(
        r"en contrat|son contrat|fin de (?:son )?contrat|renouvellement (?:de|du) (?:son )?contrat|sous contrat",
        "contractuel",
        3,
    ),
    _f(r"titulaires?|titu|titularisee?s? depuis|fonctionnaires?|neo-?titulaire", "titulaire", 4),
    # "titulaire d'un CDI / d'un diplôme" is not the statut; "pas (encore) titulaire" neither.
    _f(r"titulaire (?:d'un|d'une|du|des) \w+", "titulaire", -4),
    _f(r"(?:pas|plus|jamais) (?:encore )?titulaire", "titulaire", -4),
    _f(
        r"pas (?:encore )?contractuel(?:le)?|ancien(?:ne)? contractuel(?:le)?|devenu(?:e)? titulaire",
        "contractuel",
        -4,
    ),
)

CONTRAT_RULES: tuple[Rule, ...] = (
    _f(
        r"cdd|contrat a duree determinee|contrats? successifs|jusqu'au \d{1,2}(?:er)? \w+|contrat de \d+ (?:mois|ans?)",
        "CDD",
        3,
    ),
    _f(r"cdi|contrat a duree indeterminee|cdisation|cdise(?:e)?", "CDI", 4),
)

# Corps families: (rule, key, versant it implies or "", statut it implies or ""). A corps name
# ("attachée", "adjoint technique") says fonctionnaire; a trailing "?" marks a weak hint ("prof").
CORPS_WEIGHT = 3
CORPS_STATUT_WEIGHT = 2
CORPS_LABELS: dict[str, str] = {
    "enseignant": "enseignant",
    "aesh": "accompagnant d'élèves en situation de handicap (AESH)",
    "aed": "assistant d'éducation (AED)",
    "atsem": "agent territorial spécialisé des écoles maternelles (ATSEM)",
    "aide_soignant": "aide-soignant",
    "infirmier": "infirmier",
    "ash": "agent des services hospitaliers (ASH)",
    "administratif": "personnel administratif",
    "technique": "personnel technique",
    "animation": "filière animation",
    "police": "policier ou gendarme",
}
CORPS_RULES: tuple[tuple[Rule, str, str, str], ...] = (
    (_f(r"aesh|accompagnante?s? d'eleves?", "aesh", 0), "aesh", "FPE", "contractuel"),
    (
        _f(r"aed|assistante?s? d'education|surveillante?s?(?: de college| de lycee)?", "aed", 0),
        "aed",
        "FPE",
        "contractuel",
    ),
    (_f(r"atsem", "atsem", 0), "atsem", "FPT", ""),
    # A corps reached by concours (certifié, agrégé, PE…) says titulaire unless a stronger cue says otherwise.
    (
        _f(
            r"(?:professeure?|prof)s? des ecoles|instituteur|institutrice|certifiee?s?|agregee?s?",
            "enseignant",
            0,
        ),
        "enseignant",
        "FPE",
        "titulaire",
    ),
    (_x(r"PE|PLP|CPE|PEGC|PsyEN", "enseignant", 0), "enseignant", "FPE", "titulaire"),
    (_f(r"enseignante?s?|profs?|professeure?s?", "enseignant", 0), "enseignant", "FPE", "titulaire?"),
    (_f(r"aides?[- ]soignante?s?", "aide_soignant", 0), "aide_soignant", "FPH", ""),
    (_x(r"AS|ASH", "aide_soignant", 0), "aide_soignant", "FPH", ""),
    (_f(r"agents? des services hospitaliers", "ash", 0), "ash", "FPH", ""),
    (
        _f(r"infirmiere?s?|cadre de sante|sage-femme|manipulat\w+ radio|brancardier", "infirmier", 0),
        "infirmier",
        "FPH",
        "",
    ),
    (_x(r"IDE|IBODE|IADE", "infirmier", 0), "infirmier", "FPH", ""),
    (
        _f(
            r"adjoint(?:e)? technique territorial(?:e)?|agent de maitrise|adjoint(?:e)? d'animation|redacteur(?:rice)? territorial(?:e)?|redacteur|redactrice|attachee? territorial(?:e)?",
            "technique",
            0,
        ),
        "technique",
        "FPT",
        "titulaire",
    ),
    (_f(r"adjoint(?:e)?s? techniques?", "technique", 0), "technique", "", "titulaire"),
    (
        _f(r"secretaire administrati(?:f|ve)|attachee? d'administration(?: de l'etat)?", "administratif", 0),
        "administratif",
        "FPE",
        "titulaire",
    ),
    (
        _f(r"adjoint(?:e)?s? administrati(?:f|ve)s?|gestionnaire", "administratif", 0),
        "administratif",
        "",
        "titulaire",
    ),
    (_x(r"SA|SAENES|ADJAENES|AAE", "administratif", 0), "administratif", "FPE", "titulaire"),
    (_f(r"gardien de la paix|policier national|gendarme", "police", 0), "police", "FPE", ""),
    (_f(r"policier municipal|police municipale", "police", 0), "police", "FPT", ""),
)
