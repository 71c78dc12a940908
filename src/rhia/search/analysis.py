"""French analysis shared by indexing and querying: elisions, accent folding, stopwords, Snowball
stemming and an HR acronym lexicon expanded both ways (``CLM`` <-> ``congé de longue maladie``).

Tokens are plain ``[a-z0-9]+`` strings, so SQLite FTS5 and PostgreSQL count them the same way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

_STEMMER = Stemmer.Stemmer("french")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)

STOPWORDS = frozenset(
    [
        "a",
        "ai",
        "aie",
        "aient",
        "aies",
        "ait",
        "alors",
        "as",
        "au",
        "aucun",
        "aucune",
        "aupres",
        "auquel",
        "aura",
        "aurai",
        "auraient",
        "aurais",
        "aurait",
        "auras",
        "aurez",
        "auriez",
        "aurions",
        "aurons",
        "auront",
        "aussi",
        "autre",
        "autres",
        "aux",
        "auxquelles",
        "auxquels",
        "avaient",
        "avais",
        "avait",
        "avant",
        "avec",
        "avez",
        "aviez",
        "avions",
        "avoir",
        "avons",
        "ayant",
        "ayez",
        "ayons",
        "c",
        "ca",
        "ce",
        "ceci",
        "cela",
        "celle",
        "celles",
        "celui",
        "cependant",
        "certain",
        "certaine",
        "certaines",
        "certains",
        "ces",
        "cet",
        "cette",
        "ceux",
        "chacun",
        "chacune",
        "chaque",
        "chez",
        "ci",
        "comme",
        "comment",
        "d",
        "dans",
        "de",
        "des",
        "desquelles",
        "desquels",
        "dessous",
        "dessus",
        "doit",
        "donc",
        "dont",
        "du",
        "duquel",
        "elle",
        "elles",
        "en",
        "encore",
        "entre",
        "es",
        "est",
        "et",
        "etaient",
        "etais",
        "etait",
        "etant",
        "ete",
        "etes",
        "etiez",
        "etions",
        "etre",
        "eu",
        "eue",
        "eues",
        "eumes",
        "eurent",
        "eus",
        "eusse",
        "eussent",
        "eusses",
        "eussiez",
        "eussions",
        "eut",
        "eutes",
        "eux",
        "fait",
        "faites",
        "fut",
        "fumes",
        "furent",
        "fus",
        "fusse",
        "fussent",
        "fusses",
        "fussiez",
        "fussions",
        "futes",
        "ici",
        "il",
        "ils",
        "j",
        "je",
        "jusqu",
        "jusque",
        "l",
        "la",
        "laquelle",
        "le",
        "lequel",
        "les",
        "lesquelles",
        "lesquels",
        "leur",
        "leurs",
        "lui",
        "m",
        "ma",
        "mais",
        "me",
        "meme",
        "memes",
        "mes",
        "moi",
        "mon",
        "n",
        "ne",
        "ni",
        "nos",
        "notre",
        "nous",
        "on",
        "ont",
        "ou",
        "par",
        "parce",
        "pas",
        "peu",
        "peut",
        "plus",
        "pour",
        "pourquoi",
        "qu",
        "quand",
        "que",
        "quel",
        "quelle",
        "quelles",
        "quels",
        "qui",
        "quoi",
        "sa",
        "sans",
        "se",
        "sera",
        "serai",
        "seraient",
        "serais",
        "serait",
        "seras",
        "serez",
        "seriez",
        "serions",
        "serons",
        "seront",
        "ses",
        "si",
        "sien",
        "sienne",
        "soi",
        "soient",
        "sois",
        "soit",
        "sommes",
        "son",
        "sont",
        "sous",
        "soyez",
        "soyons",
        "suis",
        "sur",
        "t",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tous",
        "tout",
        "toute",
        "toutes",
        "tu",
        "un",
        "une",
        "unes",
        "uns",
        "vos",
        "votre",
        "vous",
        "vu",
        "y",
        "tres",
        "etc",
        "afin",
        "ainsi",
        "lors",
        "puis",
        "car",
        "donc",
        "dois",
        "doivent",
        "peuvent",
        "puis",
        "puisse",
        "puissent",
        "est-ce",
        "quoi",
        "dont",
    ]
)

# Acronym -> expansion (French, as written in the texts).
ACRONYMS: dict[str, str] = {
    "sft": "supplément familial de traitement",
    "clm": "congé de longue maladie",
    "cld": "congé de longue durée",
    "cgm": "congé de grave maladie",
    "cmo": "congé de maladie ordinaire",
    "citis": "congé pour invalidité temporaire imputable au service",
    "nbi": "nouvelle bonification indiciaire",
    "rifseep": "régime indemnitaire tenant compte des fonctions, des sujétions, de l'expertise et de l'engagement professionnel",
    "ifse": "indemnité de fonctions, de sujétions et d'expertise",
    "cia": "complément indemnitaire annuel",
    "cet": "compte épargne-temps",
    "cpf": "compte personnel de formation",
    "rqth": "reconnaissance de la qualité de travailleur handicapé",
    "pacs": "pacte civil de solidarité",
    "fpe": "fonction publique d'état",
    "fpt": "fonction publique territoriale",
    "fph": "fonction publique hospitalière",
    "cdd": "contrat à durée déterminée",
    "cdi": "contrat à durée indéterminée",
    "aed": "assistant d'éducation",
    "aesh": "accompagnant des élèves en situation de handicap",
    "cpe": "conseiller principal d'éducation",
    "ij": "indemnités journalières",
    "rtt": "réduction du temps de travail",
    "tpt": "temps partiel thérapeutique",
    "vae": "validation des acquis de l'expérience",
    "cae": "congé d'accompagnement",
    "are": "allocation d'aide au retour à l'emploi",
    "cnracl": "caisse nationale de retraite des agents des collectivités locales",
    "ircantec": "institution de retraite complémentaire des agents non titulaires de l'état et des collectivités publiques",
    "rafp": "retraite additionnelle de la fonction publique",
    "gipa": "garantie individuelle du pouvoir d'achat",
    "pss": "protection sociale complémentaire",
    "cap": "commission administrative paritaire",
    "ccp": "commission consultative paritaire",
    "cst": "comité social territorial",
    "csa": "comité social d'administration",
    "chsct": "comité d'hygiène, de sécurité et des conditions de travail",
    "ldg": "lignes directrices de gestion",
    "pppe": "période de préparation au reclassement",
    "ppr": "période de préparation au reclassement",
    "rupture": "rupture conventionnelle",
    "ira": "institut régional d'administration",
    "cgfp": "code général de la fonction publique",
    "nir": "numéro d'inscription au répertoire",
    "ppcr": "parcours professionnels, carrières et rémunérations",
    "isr": "indemnité de résidence",
    "ir": "indemnité de résidence",
    "tib": "traitement indiciaire brut",
    "ses": "service",
}
ACRONYMS.pop("rupture")
ACRONYMS.pop("ses")
# Acronyms that are also ordinary words: recognised only when written in capitals.
AMBIGUOUS = frozenset({"cet", "cia", "cap", "are", "ira", "ir", "ses", "cae", "ij", "pss"})


# Everyday words agents use -> the words of the texts (query side only).
COLLOQUIAL: dict[str, str] = {
    "prof": "enseignant",
    "profs": "enseignants",
    "instit": "professeur des écoles",
    "vacances": "congés annuels",
    "bosser": "travailler",
    "bosse": "travaille",
    "boulot": "travail emploi",
    "chef": "supérieur hiérarchique chef de service",
    "patron": "employeur chef de service",
    "chômage": "allocation d'aide au retour à l'emploi",
    "pacser": "pacs",
    "pacsé": "pacs",
    "pacsée": "pacs",
    "marier": "mariage",
    "salaire": "rémunération traitement",
    "paie": "rémunération traitement",
    "paye": "rémunération traitement",
    "prime": "indemnité",
    "virer": "licenciement",
    "viré": "licenciement",
    "virée": "licenciement",
    "punir": "sanction disciplinaire",
    "faute": "sanction disciplinaire",
    "malade": "maladie",
    "bébé": "naissance enfant",
    "papa": "paternité",
    "maman": "maternité",
    "arrêt": "congé de maladie",
    "mutation": "mobilité mutation",
    "muter": "mutation mobilité",
    "démissionner": "démission",
    "grève": "grève service fait",
    "retraité": "retraite pension",
    "télébosser": "télétravail",
}
COLLOQUIAL_PHRASES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"\b(?:chez (?:moi|soi|lui|elle)|à la maison|à distance|de la maison|depuis (?:mon|son) domicile)\b"
        ),
        "télétravail domicile",
    ),
    (re.compile(r"\bheures? sup\b"), "heures supplémentaires"),
    (re.compile(r"\bcongés? maladie\b"), "congé de maladie"),
    (re.compile(r"\bsans (?:salaire|solde|être payée?)\b"), "disponibilité"),
    (re.compile(r"\bchanger d'administration\b"), "mobilité détachement mise à disposition"),
    (re.compile(r"\bautre administration\b"), "mise à disposition détachement"),
    (re.compile(r"\bpartir à la retraite\b"), "limite d'âge départ retraite"),
    # "passer à 80 %", "travailler à 70%", "être à 90 %": a part-time quotité.
    (re.compile(r"\b(?:passer|travailler|être|bosser|rester|mettre) à \d{2} ?%"), "temps partiel quotité"),
]


def fold(text: str) -> str:
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball French stem of a lower-case (accented) word, then accent-folded."""
    return fold(_STEMMER.stemWord(word))


def _words(text: str) -> list[tuple[str, bool]]:
    """(lower-case word, written in capitals) after elision removal."""
    text = _ELISION.sub(" ", text.replace("’", "'"))
    return [(w.lower(), w.isupper() and len(w) > 1) for w in _WORD.findall(text)]


def _token(word: str, upper: bool) -> str | None:
    folded = fold(word)
    if not folded.isascii() or not folded.isalnum():
        folded = re.sub(r"[^a-z0-9]", "", folded)
        if not folded:
            return None
    if folded in ACRONYMS and (upper or folded not in AMBIGUOUS):
        return folded
    if folded in STOPWORDS:
        return None
    return re.sub(r"[^a-z0-9]", "", stem(word)) or None


def tokenize(text: str) -> list[str]:
    """Index-side analysis: one token per meaningful word, in order."""
    out = []
    for word, upper in _words(text):
        token = _token(word, upper)
        if token:
            out.append(token)
    return out


@lru_cache(maxsize=1)
def _expansions() -> tuple[dict[str, tuple[str, ...]], list[tuple[tuple[str, ...], str]]]:
    forward = {acro: tuple(tokenize(expansion)) for acro, expansion in ACRONYMS.items()}
    backward = sorted(
        ((tokens, acro) for acro, tokens in forward.items() if tokens), key=lambda item: -len(item[0])
    )
    return forward, backward


def expand(tokens: list[str]) -> list[str]:
    """Acronyms gain their expansion's tokens; expansions found in sequence gain their acronym."""
    forward, backward = _expansions()
    out = list(tokens)
    for token in tokens:
        if token in forward:
            out.extend(forward[token])
    for phrase, acro in backward:
        n = len(phrase)
        if any(tuple(tokens[i : i + n]) == phrase for i in range(len(tokens) - n + 1)):
            out.append(acro)
    return out


@lru_cache(maxsize=1)
def _colloquial() -> dict[str, tuple[str, ...]]:
    return {word: tuple(tokenize(expansion)) for word, expansion in COLLOQUIAL.items()}


# Who asks must not change what is found: civilities carry no meaning for retrieval, and a feminine
# role noun in -trice finds the texts written with the masculine -teur (the fiches' wording).
_CIVILITY = re.compile(r"\b(?:mmes?|mlles?|madame|mesdames|monsieur|messieurs|mr|m)\b\.?", re.IGNORECASE)
_FEMININE_TRICE = re.compile(r"\b(\w{3,})trice(s?)\b", re.IGNORECASE)
_NOT_FEMININE = frozenset({"ma", "cica"})


def _gender_neutral(text: str) -> str:
    text = _CIVILITY.sub(" ", text)
    return _FEMININE_TRICE.sub(
        lambda m: m.group(0) if m.group(1).lower() in _NOT_FEMININE else f"{m.group(1)}teur{m.group(2)}", text
    )


def query_terms(text: str) -> list[str]:
    """Query-side analysis: tokens plus acronym and everyday-word expansions, de-duplicated, in order."""
    text = _gender_neutral(text)
    extra: list[str] = []
    lowered = text.lower().replace("’", "'")
    for pattern, expansion in COLLOQUIAL_PHRASES:
        if pattern.search(lowered):
            extra.extend(tokenize(expansion))
    colloquial = _colloquial()
    for word, _upper in _words(text):
        extra.extend(colloquial.get(word, ()))
    seen: dict[str, None] = {}
    for token in expand(tokenize(text) + extra):
        seen.setdefault(token, None)
    return list(seen)
