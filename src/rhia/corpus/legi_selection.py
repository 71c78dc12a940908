"""Which LEGI articles of ``@socialgouv/legi-data`` matter for public-service HR (data module).

The package holds four codes. The Code général de la fonction publique is not among them, so what is
kept are the articles the statutes refer to or that apply to contract staff and HR decisions:

- Code du travail: maternity, paternity, adoption and parental leave (L1225-*), family and carer
  leaves (L3142-*), unemployment insurance of public employers (L5424-1 to L5424-5), the personal
  training account (L6323-*);
- Code de la sécurité sociale: maternity and paternity benefits (L331-*, D331-*), sickness daily
  allowances (L323-*), invalidity (L341-*), retirement age and insurance length (L161-17-2,
  L161-17-3, L351-*), carer and parental-presence allowances (L168-8 to L168-16, L544-*);
- Code des relations entre le public et l'administration: every article (decisions, silence,
  motivation, withdrawal — the rules of any HR decision);
- Code rural et de la pêche maritime: nothing.
"""

from __future__ import annotations

import re

CODE_TRAVAIL = "LEGITEXT000006072050"
CODE_SECURITE_SOCIALE = "LEGITEXT000006073189"
CODE_RELATIONS_PUBLIC = "LEGITEXT000031366350"

SELECTION: dict[str, re.Pattern[str]] = {
    CODE_TRAVAIL: re.compile(r"^(?:L1225-\d+(?:-\d+)?|L3142-\d+(?:-\d+)?|L5424-[1-5]|L6323-\d+(?:-\d+)?)$"),
    CODE_SECURITE_SOCIALE: re.compile(
        r"^(?:[LD]331-\d+(?:-\d+)?|L323-\d+(?:-\d+)?|L341-\d+(?:-\d+)?|L161-17-[23]|L351-\d+(?:-\d+)?"
        r"|L168-(?:[89]|1[0-6])|L544-\d+(?:-\d+)?)$"
    ),
    CODE_RELATIONS_PUBLIC: re.compile(r"^[LRD]\d"),
}


def keep(code_id: str, num: str, path: list[str]) -> bool:
    pattern = SELECTION.get(code_id)
    return bool(pattern and pattern.match(num or ""))
