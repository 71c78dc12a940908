"""Document-type features: is this text a CV, a cover letter, or something else? (pure Python)

Each feature is a folded regular expression; a document is a CV when enough CV sections,
date ranges and contact lines appear in a short text, and a cover letter when candidacy
phrases co-occur with a letter's form. Administrative texts (circulars, notes, decrees) carry
counter-features that pull the score down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CV_SECTIONS = {
    "curriculum vitae": r"\bcurriculum vitae\b|^\s*cv\b",
    "expérience professionnelle": r"\bexperiences? professionnelles?\b|\bparcours professionnel\b",
    "formation": r"(^|\n)\s*(formations?|diplomes?|etudes|cursus)\s*(:|\n)",
    "compétences": r"(^|\n)\s*(competences|savoir-faire|aptitudes)( [a-z]+)?\s*(:|\n)",
    "langues": r"(^|\n)\s*langues( etrangeres)?\s*(:|\n)|\banglais\s*:|\b(courant|bilingue|notions)\b.{0,20}\b(anglais|espagnol|allemand)\b|\b(anglais|espagnol|allemand|italien)\b.{0,12}\b(courant|bilingue|scolaire|lu, ecrit|b2|c1)\b",
    "centres d'intérêt": r"\bcentres? d'interets?\b|\bloisirs\b|\bactivites extra-professionnelles\b",
    "permis": r"\bpermis b\b|\bvehicule\b",
    "informatique": r"(^|\n)\s*(informatique|logiciels|outils bureautiques)\s*(:|\n)|\bpack office\b|\bsuite office\b",
    "âge": r"\b[1-6][0-9] ans\b(?! d'anciennete)",
    "références": r"(^|\n)\s*references\s*(:|\n)",
}
_CV_DATE_RANGE = re.compile(
    r"\b(19|20)\d\d\s*(-|–|a|au|>)\s*((19|20)\d\d|aujourd'hui|ce jour|present|actuel)\b|\bdepuis (19|20)\d\d\b"
)
_CONTACT = re.compile(r"@\w[\w.-]*\.\w+|\b0[1-9]([ .]?\d\d){4}\b|\+33\s?[1-9]")

_LETTER_FORM = {
    "formule d'appel": r"\b(madame|monsieur),\s|\bmadame, monsieur\b",
    "formule de politesse": r"\b(veuillez agreer|je vous prie d'agreer|recevez, madame|dans l'attente de votre reponse|salutations distinguees|sentiments respectueux)\b",
    "première personne": r"\bje (suis|me permets|souhaite|vous|serais|possede|dispose)\b",
}
_CANDIDACY = {
    "candidature": r"\b(ma|votre|notre|mon) candidature\b|\bobjet ?: ?candidature\b|\bcandidature (au|a|pour) (poste|l'emploi|la fonction)",
    "lettre de motivation": r"\blettre de motivation\b",
    "poste visé": r"\b(votre (offre|annonce)|le poste de|au poste de|l'emploi de|offre d'emploi|fiche de poste (publiee|parue))\b",
    "motivation": r"\bma motivation\b|\bvivement (interesse|interessee|motive|motivee)\b|\bje suis (tres )?(interesse|interessee|motive|motivee)\b|\bm'investir\b",
    "rejoindre": r"\brejoindre (votre|vos)\b|\bintegrer (votre|vos)\b|\bau sein de votre\b",
    "parcours": r"\bmon (parcours|experience|cursus)\b|\bmes (competences|qualites|experiences)\b",
    "entretien": r"\b(rencontrer|entretien)\b.{0,60}\b(disponible|disposition|convenance)\b|\bme tiens a votre (entiere )?disposition\b",
}
_ADMINISTRATIVE = r"\bcirculaire\b|\bnor ?:|\bdecret n|\barrete du\b|\bvu le code\b|\ba mesdames et messieurs\b|\bnote de service\b|\bbulletin officiel\b|\barticle [lrd]?\.? ?\d|\bpour attribution\b|\bpour information\b"

_COMPILED = {
    "cv": {name: re.compile(p, re.MULTILINE) for name, p in _CV_SECTIONS.items()},
    "letter": {name: re.compile(p) for name, p in _LETTER_FORM.items()},
    "candidacy": {name: re.compile(p) for name, p in _CANDIDACY.items()},
}
_ADMIN_RE = re.compile(_ADMINISTRATIVE)
_CV_NAME = re.compile(r"(^|[^a-z])(cv|curriculum)([^a-z]|$)")
_LETTER_NAME = re.compile(r"lettre[ _-]?(de[ _-]?)?motivation|(^|[^a-z])lm([^a-z]|$)|candidature")
# CVs and cover letters are short; long texts are reports, guides, circulars.
_MAX_DOCUMENT_CHARS = 12_000


@dataclass
class DocumentType:
    kind: str  # "cv" | "cover_letter" | "other"
    score: float = 0.0
    features: list[str] = field(default_factory=list)


def _fold_keep_lines(text: str) -> str:
    from rhia.policy.guard import fold

    return "\n".join(fold(line) for line in text.splitlines() if line.strip())


def classify(filename: str, text: str) -> DocumentType:
    """Is ``text`` (extracted from ``filename``) a CV, a cover letter, or another document?"""
    name = (filename or "").lower()
    body = _fold_keep_lines((text or "")[:_MAX_DOCUMENT_CHARS])
    administrative = len(_ADMIN_RE.findall(body))
    long_text = len(text or "") > _MAX_DOCUMENT_CHARS

    cv_features = [label for label, rx in _COMPILED["cv"].items() if rx.search(body)]
    ranges = len(_CV_DATE_RANGE.findall(body))
    if ranges >= 2:
        cv_features.append(f"{ranges} périodes datées")
    if _CONTACT.search(body[:600]):
        cv_features.append("coordonnées en en-tête")
    cv_score = (
        len(cv_features)
        + (1.5 if _CV_NAME.search(name) else 0)
        - 1.5 * administrative
        - (3 if long_text else 0)
    )

    letter = [label for label, rx in _COMPILED["letter"].items() if rx.search(body)]
    candidacy = [label for label, rx in _COMPILED["candidacy"].items() if rx.search(body)]
    letter_score = (
        len(candidacy) + 0.5 * len(letter) + (1.5 if _LETTER_NAME.search(name) else 0) - 1.5 * administrative
    )
    letter_score -= 3 if long_text else 0

    if cv_score >= 4 and cv_score >= letter_score:
        if _CV_NAME.search(name):
            cv_features.append("nom du fichier")
        return DocumentType("cv", cv_score, cv_features)
    if letter_score >= 3.5 and len(candidacy) >= 2 and letter:
        features = candidacy + letter
        if _LETTER_NAME.search(name):
            features.append("nom du fichier")
        return DocumentType("cover_letter", letter_score, features)
    return DocumentType("other", max(cv_score, letter_score))
