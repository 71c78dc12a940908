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

WORD_BUDGET = 165
MAX_SENTENCES = 8
# A sentence of the second fiche needs this much more evidence than one of the first (search's order).
RANK_WEIGHT = 1.0
# A passage search itself ranked (among the top ones) is more likely to hold the answer.
HIT_BONUS = 1.0
# Section titles and sub-headings count for part of the sentence's own words.
CONTEXT_WEIGHT = 0.5
# The whole question (its topic: "CLD", "disponibilité") counts beside the part being answered.
TOPIC_WEIGHT = 0.3
# Sentences of the fiche that answers the most parts are preferred to a neighbour fiche's.
PRIMARY_BONUS = 2.0
IDF_BY_DOCUMENT = False
SAID_WEIGHT = 2.0
PLACED_WEIGHT = 1.5
MIN_SCORE = 2.0
DUPLICATE = 0.7
RELATIVE_FLOOR = 0.35
_VERSANT_SECTION = re.compile(r"\((?:FPE|FPT|FPH)\)|^Fonction publique|^Territoriale|^Hospitali")
_VERSANTS = ("FPE", "FPT", "FPH")
_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*_\d+\]")


@dataclass
class Scored:
    sentence: Sentence
    score: float
    aspects: tuple[str, ...]
    parts: tuple[int, ...] = ()
    part_scores: tuple[float, ...] = ()

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
    parts = [p.strip() for p in re.split(r"\?+|\n+|[.!;](?=\s)", text) if p.strip()]
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
    versants = getattr(passage, "versants", None)
    statuts = getattr(passage, "statuts", None)
    if versants is not None and statuts is not None:  # the tagged artefact (rhia.drafting.passages)
        if (versant in _VERSANTS and versants and versant not in versants) or (
            statut and statuts and statut not in statuts
        ):
            return None
        return 1.0 if statut and statut in statuts else 0.0
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


def _context_tokens(sentence: Sentence) -> set[str]:
    # Sections below the versant level name the case ("Élever un enfant…") and the aspect ("Durée").
    path = [part for part in sentence.section_path.split(" > ") if not _VERSANT_SECTION.search(part)]
    return set(tokenize(" ".join([*path, sentence.heading])))


def _lead_in(sentence: Sentence) -> bool:
    """A line that introduces a list ("Il peut ainsi :"): it says nothing alone, and the composer
    prints it above the list items it introduces when those are quoted."""
    return sentence.text.rstrip().endswith(":") and not sentence.lead


def score_sentences(
    question: str, passages: list[Any], *, versant: str = "", statut: str = ""
) -> list[Scored]:
    """Every candidate sentence with its score for each part of the question (``part_scores``)."""
    fits = [situation_fit(p, versant, statut) for p in passages]
    ranks = {
        doc: rank for rank, doc in enumerate(dict.fromkeys(field_of(p, "document_id") for p in passages))
    }
    pool = [
        s
        for s in all_sentences(passages)
        if fits[s.number - 1] is not None
        and len(s.text.split()) >= 4
        and not other_versant(s.text, versant)
        and not _lead_in(s)
    ]
    if not pool:
        return []
    tokens = [set(tokenize(s.shown)) for s in pool]
    context = [_context_tokens(s) - tokens[i] for i, s in enumerate(pool)]
    # Rarity is measured inside each fiche: its topic words ("CLD" in the CLD fiche) tell its
    # sentences apart no better than "le".
    df: dict[tuple[str, str], int] = {}
    size: dict[str, int] = {}
    for sentence, bag in zip(pool, tokens, strict=True):
        doc = sentence.document_id
        size[doc] = size.get(doc, 0) + 1
        for token in bag:
            df[doc, token] = df.get((doc, token), 0) + 1
    average = sum(len(bag) for bag in tokens) / len(pool)

    pooled: dict[str, int] = {}
    for (_doc, token), count in df.items():
        pooled[token] = pooled.get(token, 0) + count

    def idf(token: str, doc: str) -> float:
        if IDF_BY_DOCUMENT:
            return math.log(1 + size[doc] / (1 + df.get((doc, token), 0)))
        return math.log(1 + len(pool) / (1 + pooled.get(token, 0)))

    parts = question_parts(question)
    part_terms = [set(query_terms(part)) for part in parts]
    part_aspects = [set(asked_aspects(part)) for part in parts]
    all_terms = set().union(*part_terms)
    all_aspects = set().union(*part_aspects)
    scored: list[Scored] = []
    for index, sentence in enumerate(pool):
        said, placed = _aspect_hits(sentence, normalise(sentence.shown))
        norm = 0.5 + 0.5 * len(tokens[index]) / average

        def lexical(
            terms: set[str], i: int = index, doc: str = sentence.document_id, norm: float = norm
        ) -> float:
            own = sum(idf(t, doc) for t in terms & tokens[i])
            return (own + CONTEXT_WEIGHT * sum(idf(t, doc) for t in terms & context[i])) / norm

        passage = passages[sentence.number - 1]
        prior = (
            fits[sentence.number - 1]
            - RANK_WEIGHT * ranks[sentence.document_id]
            + (HIT_BONUS if _float(field_of(passage, "score")) > 0 else 0.0)
            - 0.02 * sentence.position
        )
        whole = TOPIC_WEIGHT * lexical(all_terms)
        per_part = []
        for terms, asked in zip(part_terms, part_aspects, strict=True):
            aspect = sum(SAID_WEIGHT for code in asked if code in said) + sum(
                PLACED_WEIGHT for code in asked if code in placed
            )
            per_part.append(lexical(terms) + aspect + whole + prior)
        item = Scored(sentence, max(per_part), tuple(sorted((said | placed) & all_aspects)))
        item.part_scores = tuple(per_part)
        scored.append(item)
    return scored


def _near_duplicate(a: Sentence, b: Sentence) -> bool:
    """The same rule written again (one copy per versant, or a quotité list with one value more)."""
    left, right = set(tokenize(a.shown)), set(tokenize(b.shown))
    return bool(left and right) and len(left & right) / len(left | right) >= DUPLICATE


def _words(sentence: Sentence) -> int:
    return len(sentence.shown.split())


def _primary_document(scored: list[Scored], n_parts: int) -> str:
    """The fiche whose best sentences answer the most of the question's parts."""
    best: dict[str, list[float]] = {}
    for item in scored:
        row = best.setdefault(item.sentence.document_id, [0.0] * n_parts)
        for part, value in enumerate(item.part_scores):
            row[part] = max(row[part], value)
    return max(best, key=lambda doc: sum(best[doc]))


def select(
    question: str,
    passages: list[Any],
    *,
    versant: str = "",
    statut: str = "",
    budget: int = WORD_BUDGET,
) -> Selection:
    """The sentences to quote: the best one for each part of the question, then the best remaining.

    The question is read as retrieval reads it (``rhia.fairness.neutral.neutral_question``): who the
    person is (civility, gender, age, family) does not choose the sentences.
    """
    from rhia.fairness.neutral import neutral_question

    question = neutral_question(question)
    parts = question_parts(question)
    scored = score_sentences(question, passages, versant=versant, statut=statut)
    selection = Selection(aspects=sorted({a for part in parts for a in asked_aspects(part)}))
    selection.candidates = len(scored)
    if not scored:
        return selection
    primary = _primary_document(scored, len(parts))
    for item in scored:
        if item.sentence.document_id == primary:
            item.score += PRIMARY_BONUS
            item.part_scores = tuple(v + PRIMARY_BONUS for v in item.part_scores)
    best = max(item.score for item in scored)
    floor = max(MIN_SCORE, RELATIVE_FLOOR * best)
    chosen: list[Scored] = []
    used = 0

    def take(item: Scored) -> bool:
        nonlocal used
        if item in chosen or item.score < floor or len(chosen) >= MAX_SENTENCES:
            return False
        if used + _words(item.sentence) > budget and chosen:
            return False
        if any(_near_duplicate(item.sentence, other.sentence) for other in chosen):
            return False
        chosen.append(item)
        used += _words(item.sentence)
        return True

    # Parts that ask something (an aspect cue or a question mark) come first; the context part last.
    order = sorted(range(len(parts)), key=lambda p: (not asked_aspects(parts[p]), p))
    for part in order:
        for item in sorted(scored, key=lambda it: -it.part_scores[part]):
            if take(item):
                item.parts = (*item.parts, part)
                break
    for item in sorted(scored, key=lambda it: -it.score):
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
