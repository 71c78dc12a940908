"""Who the person is, taken out of the question before retrieval and sentence selection.

"Mme X, 57 ans, mariée, deux enfants, demande…" and "M. Y, 34 ans, célibataire, demande…" must find
the same texts and have the same sentences quoted when the question does not turn on age, family or
gender. ``neutral_question`` is the one rule, used by ``rhia.drafting.passages.retrieve`` and by
``rhia.drafting.selection.select``: civilities go, age and family descriptors go, and the feminine
agreement of the words that describe the person is written in the masculine, as the fiches are
("elle" -> "il", "conseillère" -> "conseiller"). Only the forms whose search stem differs from the
masculine's are listed: "mariée" and "marié", "élue" and "élu" already stem alike. Durations ("depuis
2 ans", "un contrat de 3 ans") are not ages and stay. Names are already placeholders (privacy shield).
"""

from __future__ import annotations

import re

# "(57 ans", ", 57 ans,", "âgée de 57 ans", "57 ans," right after a placeholder or a civility's name.
_AGE = re.compile(
    r"(?:(?<=[(,])\s*|\b[âa]g[ée]e?s?\s+de\s+)\d{2}\s*ans\b(?=\s*[,)]|\s+(?:et|est|a|demande|veut|voudrait))",
    re.IGNORECASE,
)
_AGE_OF = re.compile(r"\bde\s+\d{2}\s*ans\b(?=\s*,)", re.IGNORECASE)
_HAS_AGE = re.compile(r"\b(?:elle|il)\s+a\s+\d{2}\s+ans\b", re.IGNORECASE)
_FAMILY = re.compile(
    r"(?:(?<=[(,.])|^|(?<=\s))\s*(?:(?:elle|il)\s+)?(?:et\s+)?(?:est\s+)?(?:mari[ée]e?|pacs[ée]e?|divorc[ée]e?|c[ée]libataire|veu(?:f|ve))"
    r"(?:\s*,?\s*(?:sans\s+enfant|avec\s+)?(?:\s*(?:un|une|deux|trois|quatre|\d)\s+enfants?)?)?(?=\s*(?:[,.)]|$))",
    re.IGNORECASE,
)
# A civility before a name or a placeholder ("M. [PERSONNE_1]"): its full stop would also cut the
# question in two for sentence selection.
_CIVILITY = re.compile(
    r"\b(?:Mmes?|Mlles?|MM|Mr|M|[Mm]adame|[Mm]esdames|[Mm]ademoiselle|[Mm]onsieur|[Mm]essieurs)\b\.?(?=\s+[\[A-ZÀ-Ý])"
)
_PRONOUN = re.compile(r"\b([Ee])lle(s?)\b")
# Feminine forms of words that describe the person and stem unlike their masculine.
_FEMININE = re.compile(
    r"\b(?:(?P<er>conseill|étrang|infirm|ouvri|cuisin|boulang|jardin)ère"
    r"|(?P<eur>vend|cherch|contrôl|demand|travaill|coiff|serv|programm|chauff|entraîn)euse"
    r"|(?P<chef>chef)fe|(?P<veuf>veu)ve|(?P<retr>retrait)ée)(?P<plural>s?)\b",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t]+")
_MASCULINE_END = {"er": "er", "eur": "eur", "chef": "", "veuf": "f", "retr": "é"}


def _masculine(match: re.Match[str]) -> str:
    for group, ending in _MASCULINE_END.items():
        if match.group(group):
            return match.group(group) + ending + match.group("plural")
    return match.group(0)


def strip_person_descriptors(text: str) -> str:
    """Age and family situation given as descriptors of the person, removed."""
    text = _AGE.sub(" ", text or "")
    text = _AGE_OF.sub(" ", _HAS_AGE.sub(" ", text))
    return _FAMILY.sub(" ", text)


def gender_neutral(text: str) -> str:
    """Civilities removed, the person's pronoun and feminine agreement written in the masculine."""
    text = _CIVILITY.sub(" ", text or "")
    text = _PRONOUN.sub(lambda m: ("I" if m.group(1) == "E" else "i") + "l" + m.group(2), text)
    return _FEMININE.sub(_masculine, text)


def neutral_question(text: str) -> str:
    """The question as retrieval and sentence selection see it: who the person is taken out."""
    return _SPACES.sub(" ", gender_neutral(strip_person_descriptors(text))).strip()
