"""PERSON detection: French context rules (``names_rules``), message layouts (``names_layout``,
``names_lowercase``), e-mail local parts and propagation of confirmed names to their other
occurrences (``names_propagate``), then spaCy ``fr_core_news_md`` NER on the sentences the rules
left unexplained.
"""

from __future__ import annotations

import re

from rhia.privacy.entities import Entity
from rhia.privacy.lexicon import (
    HARD_NOT_NAMES,
    LOWER_LETTERS,
    NOT_NAMES,
    UPPER_LETTERS,
    first_names,
    fold,
    known_first,
    known_last,
    last_names,
)
from rhia.privacy.names_context import closing_signature, coordinated, cue_first_names
from rhia.privacy.names_layout import layout_persons
from rhia.privacy.names_model import nlp
from rhia.privacy.names_propagate import Tokens, email_names, parenthesised, propagate
from rhia.privacy.names_rules import (
    CLOSING_RE,
    INTRO_RE,
    civilities,
    clean_tokens,
    first_last,
    in_institution,
    initials,
    looks_like_name,
    lower_civilities,
    named_groups,
    signature,
    trim_name,
    upper_first,
)

__all__ = ["HARD_NOT_NAMES", "NOT_NAMES", "find_persons", "first_names", "fold", "last_names", "nlp"]

UP = UPPER_LETTERS
LOW = LOWER_LETTERS

SEGMENT_RE = re.compile(r"[^\n.!?]+(?:[.!?]+|$)", re.M)
CAPITALISED_RE = re.compile(rf"(?<![\w@.\-])[{UP}][{UP}{LOW}'’\-]+")


def _capitalised_neighbour(segment: str, start: int, end: int) -> bool:
    before = segment[:start].rstrip().rsplit(None, 1)
    after = segment[end:].lstrip().split(None, 1)
    return bool((before and before[-1][:1].isupper()) or (after and after[0][:1].isupper()))


def _unexplained_segments(text: str, covered: list[Entity]) -> list[tuple[int, str]]:
    """Sentences holding a capitalised word that no rule explained (the only ones NER must read)."""
    segments = []
    for m in SEGMENT_RE.finditer(text):
        for word in CAPITALISED_RE.finditer(m.group()):
            start = m.start() + word.start()
            if any(e.start <= start < e.end for e in covered):
                continue
            folded = fold(word.group())
            if folded in NOT_NAMES or in_institution(text, start):
                continue
            if word.group().isupper() and not _capitalised_neighbour(m.group(), word.start(), word.end()):
                continue  # an isolated acronym (SIAM, CAPA, DRH)
            is_first = not m.group()[: word.start()].strip()
            if is_first and not (word.group().isupper() or folded in first_names() or folded in last_names()):
                continue
            segments.append((m.start(), m.group()))
            break
    return segments


def _spacy(text: str, covered: list[Entity] | None = None) -> list[Entity]:
    """spaCy PER entities, read only in the sentences the rules left unexplained."""
    found = []
    segments = _unexplained_segments(text, covered or [])
    if not segments:
        return found
    model = nlp()
    for (offset, _segment), doc in zip(segments, model.pipe(s for _o, s in segments), strict=True):
        for ent in doc.ents:
            if ent.label_ != "PER":
                continue
            span = trim_name(text, offset + ent.start_char, offset + ent.end_char)
            if span is None:
                continue
            value = text[span[0] : span[1]]
            if "\n" in value or "@" in value or any(c.isdigit() for c in value):
                continue
            if in_institution(text, span[0]):
                continue
            tokens = clean_tokens(value)
            if len(tokens) == 1 and not known_last(tokens[0]) and not known_first(tokens[0]):
                continue
            if not looks_like_name(value, strict=False):
                continue
            found.append(Entity(span[0], span[1], "PERSON", 0.7, "spacy"))
    return found


def find_persons(text: str, other: list[Entity] | None = None, *, use_spacy: bool = True) -> list[Entity]:
    """PERSON entities of ``text``; ``other`` are already found entities (e-mails feed a rule)."""
    other = other or []
    tokens = Tokens(text)
    candidates = (
        civilities(text)
        + lower_civilities(text)
        + named_groups(text, INTRO_RE, "intro", 0.9, strict=True)
        + named_groups(text, CLOSING_RE, "closing", 0.85, strict=True)
        + upper_first(text)
        + first_last(text)
        + initials(text)
        + signature(text)
        + email_names(text, [e for e in other if e.label == "EMAIL"], tokens)
        + layout_persons(text)
        + cue_first_names(text)
        + closing_signature(text)
    )
    if use_spacy:
        candidates += _spacy(text, candidates + other)
    blocked = [e for e in other if e.label != "PERSON"]
    candidates = [
        c for c in candidates if not any(c.overlaps(b) for b in blocked) and not birthplace(text, c)
    ]
    candidates += parenthesised(text, candidates)
    candidates += [c for c in coordinated(text, candidates) if not any(c.overlaps(b) for b in blocked)]
    candidates += [c for c in propagate(text, candidates, tokens) if not any(c.overlaps(b) for b in blocked)]
    return [without_civility(text, c) for c in candidates]


# "Mme Blanc" -> "Blanc": an abbreviated civility stays outside the span (it is kept in clear by
# pseudonymization anyway: "Mme [PERSONNE_1]")
LEADING_CIVILITY = re.compile(
    r"^(?:M\.|MM\.|Mr\.?|Mrs\.?|Ms\.?|Mme|Mmes|Mlle|Mlles|Dr\.?|Pr\.?|Me|MME|MLLE|MR|DR|mme|mlle|m\.|mr)[ \u00a0\u202f]+(?=\S)"
)


def without_civility(text: str, entity: Entity) -> Entity:
    m = LEADING_CIVILITY.match(text[entity.start : entity.end])
    if not m or entity.start + m.end() >= entity.end:
        return entity
    return Entity(entity.start + m.end(), entity.end, entity.label, entity.score, entity.recognizer)


# "née le 21/08/1984 à Hô Chi Minh-Ville", "born in Izmir": a birthplace, not a person
BIRTHPLACE_RE = re.compile(
    r"(?i)(?:\bn[ée]e?s?(?:\(e\))?\b[^\n.;]{0,40}?\b[àa]|\bborn\b[^\n.;]{0,40}?\bin|\bnatif\s+de|\bnative\s+de|"
    r"\borigina(?:ire|l)\s+d[e'’])[ \u00a0]+$"
)


def birthplace(text: str, entity: Entity) -> bool:
    return bool(BIRTHPLACE_RE.search(text[max(0, entity.start - 60) : entity.start]))
