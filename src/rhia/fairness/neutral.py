"""Who the person is, taken out of the retrieval query: age and family situation given as descriptors.

"Mme X, 57 ans, mariée, deux enfants, demande…" and "M. Y, 34 ans, célibataire, demande…" must find
the same texts when the question does not turn on age or family. Durations ("depuis 2 ans", "un
contrat de 3 ans") are not ages and stay. Names are already placeholders (privacy shield) and
civilities are stopwords.
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
    r"(?:\s*,?\s*(?:sans\s+enfant|avec\s+)?(?:\s*(?:un|une|deux|trois|quatre|\d)\s+enfants?)?)?(?=\s*[,.)])",
    re.IGNORECASE,
)


def strip_person_descriptors(text: str) -> str:
    text = _AGE.sub(" ", text or "")
    text = _AGE_OF.sub(" ", _HAS_AGE.sub(" ", text))
    return _FAMILY.sub(" ", text)
