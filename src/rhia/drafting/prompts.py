"""Shared bits of the drafting prompts: the human channel, coverage of a question by passages, output clean-up.

The prompts themselves live in ``rewording`` (model drafts reword the selected sentences).
"""

from __future__ import annotations

import re
from typing import Any

from rhia.search.analysis import tokenize

DEFAULT_HUMAN_CHANNEL = (
    "Pour ce point, l'agent peut s'adresser à son gestionnaire RH de proximité ou au service des ressources "
    "humaines de sa structure, qui étudiera sa situation."
)

_PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]")
# Words nearly every fiche contains: they say nothing of whether the passages cover the question.
_DOMAIN_WORDS = frozenset(tokenize("agent agents fonction publique public droit droits combien cas"))


def stems(text: str) -> set[str]:
    """Content words of ``text`` as the search analyser indexes them (stopwords dropped, Snowball
    stems), less the domain words and the pseudonymization placeholders."""
    return set(tokenize(_PLACEHOLDER.sub(" ", text))) - _DOMAIN_WORDS


def passage_field(passage: Any, name: str) -> str:
    if isinstance(passage, dict):
        return str(passage.get(name) or "")
    return str(getattr(passage, name, "") or "")


def coverage(question: str, passages: list[Any]) -> float:
    """Share of the question's content words found in the passages (0..1)."""
    q = stems(question)
    if not q:
        return 0.0
    found: set[str] = set()
    for passage in passages:
        found |= q & stems(passage_field(passage, "title") + " " + passage_field(passage, "text"))
    return len(found) / len(q)


def human_channel() -> str:
    from django.conf import settings

    return settings.RHIA_HUMAN_CHANNEL or DEFAULT_HUMAN_CHANNEL


def clean_output(text: str) -> str:
    """Drop Markdown decoration and labels small models like to add."""
    text = text.strip()
    text = re.sub(r"^```[a-z]*\n?|```$", "", text).strip()
    text = re.sub(
        r"^\s*(?:#+\s*|\*\*)?(?:Réponse(?: courte| détaillée)?|Courrier|Proposition)\s*:?\**\s*\n", "", text
    )
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"^#+\s*", "", text, flags=re.M)
    return text.strip()
