"""Intent gate, before retrieval: is this an HR question the assistant may draft an answer to?

Pure Python, deterministic rules (no model call). For anything but an HR question the reply is a
fixed French message that answers or redirects without inventing anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rhia.folding import fold_words

Kind = Literal["hr_question", "small_talk", "out_of_scope", "whole_document", "needs_clarification"]


@dataclass(frozen=True)
class Intent:
    kind: Kind
    reply: str | None = None


REPLIES: dict[str, str] = {
    "small_talk": (
        "Bonjour. Je prépare des propositions de réponse aux questions RH des agents, à partir des textes "
        "officiels. Collez la question de l'agent (par exemple : « Un agent à temps partiel a-t-il droit "
        "à autant de jours de congé annuel ? »)."
    ),
    "out_of_scope": (
        "Cette demande ne relève pas des ressources humaines de la fonction publique : je ne peux pas y "
        "répondre. Je traite les questions des agents sur leur situation administrative (congés, temps de "
        "travail, rémunération, carrière, retraite…)."
    ),
    "whole_document": (
        "Je ne rédige pas de document complet (rapport, note, guide, texte intégral) : je propose des "
        "réponses courtes et sourcées à une question précise. Posez une question précise ; le texte complet "
        "des sources reste consultable depuis la liste des sources."
    ),
    "needs_clarification": (
        "La question est trop imprécise pour chercher dans les textes. Précisez la situation de l'agent "
        "(titulaire ou contractuel, versant de la fonction publique) et ce qu'il demande exactement "
        "(par exemple : « Combien de jours de congé pour un mariage ? »)."
    ),
}


# Word stems of the HR domain (accent-folded, matched at a word start).
HR_STEMS = (
    "absence",
    "accident",
    "adoption",
    "agent",
    "allocation",
    "anciennete",
    "arret",
    "astreinte",
    "avancement",
    "bonification",
    "carriere",
    "categorie",
    "cessation",
    "chomage",
    "cet",
    "clm",
    "cld",
    "cmo",
    "compte epargne",
    "concours",
    "conge",
    "contractuel",
    "contrat",
    "cotisation",
    "cpf",
    "cumul",
    "decharge",
    "demission",
    "deplacement",
    "detachement",
    "disponibilite",
    "discipl",
    "droit",
    "echelon",
    "emploi",
    "employeur",
    "enfant",
    "enseignant",
    "entretien professionnel",
    "evaluation",
    "fonction publique",
    "fonctionnaire",
    "formation",
    "frais",
    "grade",
    "grossesse",
    "handicap",
    "heure",
    "horaire",
    "indemnit",
    "indice",
    "invalidite",
    "jour",
    "licenciement",
    "maladie",
    "maternite",
    "mi-temps",
    "mission",
    "mutation",
    "naissance",
    "nbi",
    "paternite",
    "pension",
    "poste",
    "prime",
    "prof",
    "promotion",
    "rdv medical",
    "recrutement",
    "reintegration",
    "remuneration",
    "retraite",
    "rtt",
    "salaire",
    "sanction",
    "semaine",
    "service",
    "stage",
    "stagiaire",
    "supplement familial",
    "suspension",
    "syndic",
    "teletravail",
    "temps de travail",
    "temps partiel",
    "titulaire",
    "titularisation",
    "traitement",
    "travail",
    "vacances",
    "vacataire",
    "visite medicale",
    "ifse",
    "rifseep",
    "greve",
    "mariage",
    "pacs",
    "deces",
    "garde",
    "hierarch",
    "chef",
    "administration",
    "ministere",
    "academie",
    "rectorat",
    "collectivite",
    "hopital",
)
_HR_RE = re.compile(r"\b(?:" + "|".join(re.escape(stem) for stem in HR_STEMS) + r")")

_GREETING_RE = re.compile(
    r"^\s*(?:bonjour|bonsoir|salut|coucou|hello|merci(?: beaucoup| bien)?|ca va|comment (?:ca va|vas-tu|allez-vous)"
    r"|qui es-tu|tu es qui|au revoir|bonne journee|bravo|super|ok|d'accord|test)\b"
)
_WHOLE_DOC_RE = re.compile(
    r"(?:redig|ecri|gener|produi|fai|prepar)[a-z]*(?:-moi)?\s+(?:moi\s+)?"
    r"(?:tout|toute|un|une|le|la|l')\s*(?:\w+\s+){0,2}"
    r"(?:rapport|memoire|guide|dossier|note de \d+|document complet|these|livre|circulaire complete|reglement interieur)"
    r"|texte integral|integralite d[eu]|(?:recopie|reproduis|copie)[a-z]*\s+(?:tout|toute|l'integralite|le texte)"
    r"|tout le (?:code|decret|statut|texte)|\d+\s+pages"
)
_OFF_TOPIC_RE = re.compile(
    r"\b(?:meteo|recette|cuisine|football|match|blague|poeme|chanson|horoscope|bourse|crypto|bitcoin|film|serie"
    r"|jeu video|python|javascript|programme informatique|capitale|elections?|politique etrangere|voyage)\b"
)
_VAGUE_RE = re.compile(
    r"^(?:et (?:pour )?(?:moi|lui|elle|eux)|c'est possible|combien|pourquoi|comment|quand|et alors|ah bon"
    r"|mon cas|son cas|et dans mon cas|idem|pareil)\s*\??$"
)
_WORD_RE = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def classify(question: str) -> Intent:
    """Classify a (pseudonymized) question; only "hr_question" goes on to retrieval and drafting."""
    text = fold_words((question or "").strip())
    text = re.sub(r"\[[a-z]+_\d+\]", " ", text)  # placeholders carry no meaning here
    words = _WORD_RE.findall(text)
    if not words:
        return Intent("needs_clarification", REPLIES["needs_clarification"])
    has_hr = bool(_HR_RE.search(text))
    if _WHOLE_DOC_RE.search(text):
        return Intent("whole_document", REPLIES["whole_document"])
    if _GREETING_RE.match(text) and (not has_hr or len(words) <= 4):
        return Intent("small_talk", REPLIES["small_talk"])
    if _VAGUE_RE.match(text.strip(" .!")):
        return Intent("needs_clarification", REPLIES["needs_clarification"])
    if not has_hr:
        if _OFF_TOPIC_RE.search(text) or len(words) >= 4:
            return Intent("out_of_scope", REPLIES["out_of_scope"])
        return Intent("needs_clarification", REPLIES["needs_clarification"])
    if len(words) < 3:
        return Intent("needs_clarification", REPLIES["needs_clarification"])
    return Intent("hr_question", None)
