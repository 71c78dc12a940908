"""Sentence selection: the few source sentences that answer the question, for this person's situation.

Score = words shared with the question (weighted by rarity among the candidate sentences, the
sentence's own sub-heading and section counting a little) + the aspects the question asks about
(rule, conditions, démarche, délais, montants, durée) that the sentence states or whose section it
sits in + agreement with the situation (another versant or statut is left out) + a small prior for
the better-ranked passages. A question with several parts ("C'est de droit ? jusqu'à quand ?") has
each part answered before the budget goes to the best remaining sentences.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from rhia.drafting import cues
from rhia.drafting.numbers import normalise
from rhia.drafting.sentences import Sentence, all_sentences, field_of
from rhia.search.analysis import fold, query_terms, tokenize

WORD_BUDGET = 170
MAX_SENTENCES = 8
# A sentence of the second fiche needs this much more evidence than one of the first (search's order).
RANK_WEIGHT = 1.0
# A passage search itself ranked (among the top ones) is more likely to hold the answer.
HIT_BONUS = 1.0
_VERSANTS = ("FPE", "FPT", "FPH")
_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*_\d+\]")


@dataclass
class Scored:
    sentence: Sentence
    score: float
    aspects: tuple[str, ...]
    parts: tuple[int, ...] = ()

    def as_dict(self) -> dict:
        return {**self.sentence.as_dict(), "score": round(self.score, 3), "aspects": list(self.aspects)}


@dataclass
class Selection:
    """The stage's artefact: what the question asks, and the chosen sentences in reading order."""

    aspects: list[str]
    chosen: list[Scored] = field(default_factory=list)
    candidates: int = 0

    def as_dict(self) -> dict:
        return {
            "aspects": self.aspects,
            "candidates": self.candidates,
            "chosen": [item.as_dict() for item in self.chosen],
        }

    @property
    def sentences(self) -> list[Sentence]:
        return [item.sentence for item in self.chosen]


def question_parts(question: str) -> list[str]:
    """The sub-questions of a question typed as a mini-case ("… ? et … ?"), context kept on the first."""
    text = _PLACEHOLDER.sub(" ", question)
    parts = [p.strip() for p in re.split(r"\?+|\n+|(?<=[.;])\s+(?=et |sinon |ou )", text) if p.strip()]
    parts = [p for p in parts if len(p.split()) >= 2]
    return parts or [text]


def asked_aspects(text: str) -> list[str]:
    folded = normalise(text)
    return [aspect.code for aspect in cues.ASPECTS if aspect.question.search(folded)]


def _statut_of_section(path: str) -> set[str]:
    folded = fold(path)
    return {code for code, pattern in cues.STATUT_SECTIONS.items() if pattern.search(folded)}


_VERSANT_NAMES = {
    "FPE": re.compile(r"\bFPE\b|fonction publique d'(?:É|E)tat|\bÉtat\b", re.I),
    "FPT": re.compile(r"\bFPT\b|fonction publique territoriale|\bterritoriale\b", re.I),
    "FPH": re.compile(r"\bFPH\b|fonction publique hospitali(?:è|e)re|\bhospitali(?:è|e)re\b", re.I),
}


def other_versant(text: str, versant: str) -> bool:
    """The sentence is about another versant only ("Dans la FPH, …" for a State agent)."""
    if versant not in _VERSANT_NAMES:
        return False
    named = {code for code, pattern in _VERSANT_NAMES.items() if pattern.search(text)}
    return bool(named) and versant not in named


def situation_fit(passage: Any, versant: str, statut: str) -> float | None:
    """None when the passage is about another versant or statut; else a bonus for a matching section."""
    audience = field_of(passage, "audience")
    path = field_of(passage, "section_path")
    mentioned = {v for v in _VERSANTS if v in path}
    if versant in _VERSANTS and (
        (audience and audience != versant) or (mentioned and versant not in mentioned)
    ):
        return None
    bonus = 0.0
    sections = _statut_of_section(path)
    if statut and sections:
        if statut in sections:
            bonus += 1.0
        elif statut == "stagiaire" and "titulaire" in sections and "contractuel" not in sections:
            bonus += 0.0  # a stagiaire is a fonctionnaire: the fonctionnaire section may apply
        else:
            return None
    return bonus


def _float(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0


def _aspect_hits(sentence: Sentence, folded: str) -> tuple[set[str], set[str]]:
    said = {a.code for a in cues.ASPECTS if a.sentence.search(folded)}
    place = fold(" ".join([sentence.section_path.split(" > ")[-1], sentence.heading]))
    placed = {a.code for a in cues.ASPECTS if a.section.search(place)}
    return said, placed


def score_sentences(
    question: str, passages: list[Any], *, versant: str = "", statut: str = ""
) -> list[Scored]:
    fits = [situation_fit(p, versant, statut) for p in passages]
    pool = [
        s
        for s in all_sentences(passages)
        if fits[s.number - 1] is not None and len(s.text.split()) >= 4 and not other_versant(s.text, versant)
    ]
    if not pool:
        return []
    tokens = [set(tokenize(s.shown)) for s in pool]
    context = [set(tokenize(s.heading + " " + s.section_path.split(" > ")[-1])) for s in pool]
    df: dict[str, int] = {}
    for bag in tokens:
        for token in bag:
            df[token] = df.get(token, 0) + 1
    n = len(pool)

    def idf(token: str) -> float:
        return math.log(1 + n / (1 + df.get(token, 0)))

    parts = question_parts(question)
    part_terms = [set(query_terms(part)) for part in parts]
    part_aspects = [set(asked_aspects(part)) for part in parts]
    all_terms = set().union(*part_terms)
    all_aspects = set().union(*part_aspects)
    scored: list[Scored] = []
    for index, sentence in enumerate(pool):
        folded = normalise(sentence.shown)
        said, placed = _aspect_hits(sentence, folded)
        lexical = sum(idf(t) for t in all_terms & tokens[index]) + 0.4 * sum(
            idf(t) for t in (all_terms & context[index]) - tokens[index]
        )
        aspect = sum(1.5 if code in said else 0.0 for code in all_aspects) + sum(
            1.0 if code in placed else 0.0 for code in all_aspects
        )
        passage = passages[sentence.number - 1]
        prior = (
            fits[sentence.number - 1]
            - RANK_WEIGHT * _float(field_of(passage, "doc_rank"))
            + (HIT_BONUS if _float(field_of(passage, "score")) > 0 else 0.0)
            - 0.02 * sentence.position
        )
        lead_only = -2.0 if sentence.text.endswith(":") else 0.0
        total = lexical + aspect + prior + lead_only
        matched_parts = tuple(
            i
            for i, (terms, asked) in enumerate(zip(part_terms, part_aspects, strict=True))
            if (terms & tokens[index]) and (not asked or asked & (said | placed))
        )
        scored.append(Scored(sentence, total, tuple(sorted((said | placed) & all_aspects)), matched_parts))
    return scored


def _words(sentence: Sentence) -> int:
    return len(sentence.shown.split())


def select(
    question: str,
    passages: list[Any],
    *,
    versant: str = "",
    statut: str = "",
    budget: int = WORD_BUDGET,
) -> Selection:
    """The sentences to quote, best first per question part, then in reading order."""
    scored = score_sentences(question, passages, versant=versant, statut=statut)
    selection = Selection(
        aspects=sorted({a for part in question_parts(question) for a in asked_aspects(part)})
    )
    selection.candidates = len(scored)
    if not scored:
        return selection
    ranked = sorted(scored, key=lambda item: -item.score)
    best = ranked[0].score
    floor = max(2.0, 0.35 * best)
    chosen: list[Scored] = []
    used = 0

    def take(item: Scored) -> bool:
        nonlocal used
        if item in chosen or item.score < floor or len(chosen) >= MAX_SENTENCES:
            return False
        if used + _words(item.sentence) > budget and chosen:
            return False
        if any(fold(item.sentence.text) == fold(other.sentence.text) for other in chosen):
            return False
        chosen.append(item)
        used += _words(item.sentence)
        return True

    n_parts = len(question_parts(question))
    for part in range(n_parts):
        for item in ranked:
            if part in item.parts and take(item):
                break
    for item in ranked:
        take(item)
    chosen.sort(key=lambda item: (item.sentence.number, item.sentence.position))
    selection.chosen = chosen
    return selection


def selection_from_dict(data: dict) -> Selection:
    """Rebuild a stored selection (the artefact is serialisable both ways)."""
    chosen = []
    for item in data.get("chosen", []):
        fields = {k: item[k] for k in Sentence.__dataclass_fields__}
        chosen.append(
            Scored(Sentence(**fields), float(item.get("score", 0.0)), tuple(item.get("aspects", ())))
        )
    return Selection(
        aspects=list(data.get("aspects", [])), chosen=chosen, candidates=int(data.get("candidates", 0))
    )
