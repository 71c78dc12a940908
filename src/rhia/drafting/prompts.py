"""Shared bits of the drafting prompts: the human channel, coverage of a question by passages, output clean-up.

The prompts themselves live in ``rewording`` (model drafts reword the selected sentences).
"""

from __future__ import annotations

import re
from typing import Any

from rhia.search.analysis import fold

DEFAULT_HUMAN_CHANNEL = (
    "Pour ce point, l'agent peut s'adresser à son gestionnaire RH de proximité ou au service des ressources "
    "humaines de sa structure, qui étudiera sa situation."
)

_STOPWORDS = {
    "les", "aux", "ont", "nos", "tes", "cas", "etc", "alors", "apres", "au", "aussi", "autre", "avec", "avoir", "bien", "cela", "ces", "cette", "chez", "comme",
    "comment", "dans", "depuis", "des", "doit", "donc", "elle", "elles", "entre", "est", "etre", "faire",
    "fait", "leur", "leurs", "mais", "meme", "mes", "moi", "mon", "nous", "par", "pas", "peut", "peuvent",
    "plus", "pour", "pourquoi", "puis", "quand", "que", "quel", "quelle", "quelles", "quels", "qui", "quoi",
    "sans", "ses", "son", "sont", "sur", "tous", "tout", "une", "vous", "votre", "vos", "est-ce", "ai-je",
    "puis-je", "peut-il", "peut-on", "combien", "droit", "agent", "public", "publique", "fonction",
}  # fmt: skip


def _fold(text: str) -> str:
    return fold(text.replace("’", "'"))


def stems(text: str) -> set[str]:
    """Crude French stems of the content words (first 5 letters of words of 3+ letters)."""
    words = re.findall(r"[a-z0-9]+", _fold(re.sub(r"\[[A-Z_]+_\d+\]", " ", text)))
    return {w[:5] for w in words if len(w) >= 3 and w not in _STOPWORDS}


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
