"""Prompts of the drafting pipeline (pure Python): strict rules, short trimmed passages, one style per draft.

The prompt is built so that the N drafts share one prefix (rules + passages + question) and differ
only by the last lines (the style): llama.cpp then reuses its KV cache and evaluates the passages once.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from rhia.drafting.verify import NOT_FOUND


@dataclass(frozen=True)
class Style:
    code: str
    title: str
    instruction: str
    max_tokens: int


STYLES: tuple[Style, ...] = (
    Style(
        "courte",
        "Réponse courte",
        "Rédige une réponse courte et directe : 2 ou 3 phrases, chacune suivie de sa référence [n].",
        150,
    ),
    Style(
        "detaillee",
        "Réponse détaillée (conditions, procédure, délais)",
        "Rédige une réponse détaillée : la règle, les conditions, la démarche à suivre et les délais, en 4 à 6 "
        "phrases, chacune suivie de sa référence [n].",
        280,
    ),
    Style(
        "courrier",
        "Courrier à l'agent",
        "Rédige un courrier formel adressé à l'agent : commence par « Madame, Monsieur, », puis 3 à 5 phrases "
        "chacune suivie de sa référence [n], et termine par une formule de politesse administrative, sans signature.",
        280,
    ),
    Style(
        "liste",
        "Points clés",
        "Rédige une liste de 3 à 5 points clés, chacun suivi de sa référence [n].",
        220,
    ),
)

RULES = (
    "Tu aides un gestionnaire RH de la fonction publique à répondre à la question d'un agent.\n"
    "Règles strictes :\n"
    "1. Réponds en français, uniquement à partir des extraits numérotés ci-dessous. N'ajoute aucune "
    "information extérieure.\n"
    "2. Termine chaque phrase qui énonce une règle par le numéro de son extrait entre crochets, avant le "
    "point, par exemple : « La demande est adressée au chef de service [2]. » N'utilise que les numéros des "
    "extraits fournis.\n"
    "3. Recopie les chiffres, montants, durées et dates exactement comme dans l'extrait.\n"
    f"4. Si les extraits ne répondent pas à la question, écris seulement : « {NOT_FOUND}. »\n"
    "5. Les mentions entre crochets comme [PERSONNE_1] sont des données masquées : recopie-les telles quelles.\n"
    "6. Pas de titre, pas de Markdown, pas de signature."
)

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
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


def stems(text: str) -> set[str]:
    """Crude French stems of the content words (first 5 letters of words of 3+ letters)."""
    words = re.findall(r"[a-z0-9]+", _fold(re.sub(r"\[[A-Z_]+_\d+\]", " ", text)))
    return {w[:5] for w in words if len(w) >= 3 and w not in _STOPWORDS}


def passage_field(passage: Any, name: str) -> str:
    if isinstance(passage, dict):
        return str(passage.get(name) or "")
    return str(getattr(passage, name, "") or "")


_SENTENCE_RE = re.compile(r"(?<=[.!?;:])\s+(?=[A-ZÀ-Ý0-9«•-])")


def trim_passage(text: str, question_stems: set[str], budget: int) -> str:
    """The sentences of ``text`` that share words with the question, in order, within ``budget`` chars."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= budget:
        return text
    sentences = _SENTENCE_RE.split(text)
    scored = sorted(
        range(len(sentences)),
        key=lambda i: (-len(stems(sentences[i]) & question_stems), i),
    )
    kept: set[int] = set()
    used = 0
    for i in scored:
        if used + len(sentences[i]) > budget and kept:
            continue
        kept.add(i)
        used += len(sentences[i]) + 1
    return " ".join(
        sentences[i] if i - 1 in kept or i == min(kept) else "… " + sentences[i] for i in sorted(kept)
    )


def relevance(question_stems: set[str], passage: Any) -> int:
    return len(question_stems & stems(passage_field(passage, "title") + " " + passage_field(passage, "text")))


def select_passages(question: str, passages: list[Any], limit: int | None = None) -> list[tuple[int, Any]]:
    """(number, passage) pairs for the prompt: the ``limit`` most relevant passages, keeping their
    original numbers (1-based position in ``passages``) so ``[n]`` always means the agent's n-th source."""
    limit = limit or int(os.environ.get("RHIA_DRAFT_PASSAGES", "4"))
    q = stems(question)
    ranked = sorted(range(len(passages)), key=lambda i: (-relevance(q, passages[i]), i))
    chosen = sorted(i for i in ranked[:limit] if relevance(q, passages[i]) > 0)
    return [(i + 1, passages[i]) for i in chosen]


def coverage(question: str, passages: list[Any]) -> float:
    """Share of the question's content words found in the passages (0..1)."""
    q = stems(question)
    if not q:
        return 0.0
    found: set[str] = set()
    for passage in passages:
        found |= q & stems(passage_field(passage, "title") + " " + passage_field(passage, "text"))
    return len(found) / len(q)


def build_messages(
    question: str,
    numbered: list[tuple[int, Any]],
    style: Style,
    *,
    directives: str = "",
    budget: int | None = None,
    correction: str = "",
) -> list[dict]:
    """Chat messages; everything before the style line is identical for every style (KV cache reuse)."""
    budget = budget or int(os.environ.get("RHIA_DRAFT_PASSAGE_CHARS", "700"))
    q = stems(question)
    blocks = []
    for number, passage in numbered:
        heading = passage_field(passage, "title")
        section = passage_field(passage, "section_path")
        if section and section != heading:
            heading = f"{heading} — {section}"
        blocks.append(f"[{number}] {heading}\n{trim_passage(passage_field(passage, 'text'), q, budget)}")
    system = RULES
    if directives.strip():
        system += "\nConsignes du cas d'usage : " + directives.strip()[:500]
    system += "\n\nExtraits :\n\n" + "\n\n".join(blocks)
    user = f"Question de l'agent : {question.strip()}\n\n{style.instruction}"
    if correction:
        user += "\n" + correction
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


CORRECTION = (
    "Attention : n'écris que des chiffres et des dates présents mot pour mot dans les extraits, "
    "et ne cite que les numéros d'extraits fournis."
)


def human_channel() -> str:
    return os.environ.get("RHIA_HUMAN_CHANNEL", DEFAULT_HUMAN_CHANNEL)


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
