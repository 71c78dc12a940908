"""Propagation of names: a name found once, or the prenom.nom part of an e-mail address, is a
person everywhere in the text, in any case and with or without accents. No Django import."""

from __future__ import annotations

import re

from rhia.privacy.entities import Entity
from rhia.privacy.lexicon import NOT_NAMES, SERVICE_WORDS, common_word, fold, known_name

CIVILITY_PREFIX = re.compile(
    r"^(?:M\.|Mr\.?|MM\.|Mme|Mmes|Mlle|Madame|Monsieur|Mademoiselle|Dr\.?|Docteure?|Pr\.?|Me)[ \u00a0\u202f]+"
)


def _email_parts(local: str) -> list[str]:
    parts = [p for p in re.split(r"[._\-+]+|\d+", local) if p]
    if len(parts) < 2 or any(p in SERVICE_WORDS for p in parts):
        return []
    return [p for p in parts if len(p) >= 3 and p.isalpha() and p not in NOT_NAMES]


TOKEN_RE = re.compile(r"[^\W_]+")
GAP_RE = re.compile(r"[ \u00a0\u202f'’\-]{1,3}")


class Tokens:
    """Folded word tokens of a text, to find name sequences in one pass (no regex per needle)."""

    def __init__(self, text: str):
        self.text = text
        self.folded = fold(text)
        self.items = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(self.folded)]
        self.index: dict[str, list[int]] = {}
        for position, (_s, _e, word) in enumerate(self.items):
            self.index.setdefault(word, []).append(position)

    def find(self, needle: list[str]):
        """(start, end) of every occurrence of the token sequence ``needle`` (separators: space, -, ')."""
        for position in self.index.get(needle[0], []):
            end_pos = position + len(needle)
            if end_pos > len(self.items):
                continue
            if [w for _s, _e, w in self.items[position:end_pos]] != needle:
                continue
            if any(
                not GAP_RE.fullmatch(self.text[self.items[i][1] : self.items[i + 1][0]])
                for i in range(position, end_pos - 1)
            ):
                continue
            start, end = self.items[position][0], self.items[end_pos - 1][1]
            if self.text[start - 1 : start] in ("@", ".", "_") or self.text[end : end + 1] in ("@", "_"):
                continue  # inside an e-mail address or a file name part
            yield start, end


def email_names(text: str, emails: list[Entity], tokens: Tokens | None = None) -> list[Entity]:
    """Occurrences, in any case, of the parts of prenom.nom@ addresses (alix.pereira@ -> "Alix", "PEREIRA")."""
    tokens = tokens or Tokens(text)
    found: list[Entity] = []
    for email in emails:
        parts = _email_parts(tokens.folded[email.start : email.end].split("@")[0])
        pairs = [[a, b] for a in parts for b in parts if a != b]
        for needle in pairs + [[p] for p in parts]:  # "Alix Pereira" whole before its parts
            for start, end in tokens.find(needle):
                entity = Entity(start, end, "PERSON", 0.85, "email_name")
                if not (email.start <= start < email.end) and not any(entity.overlaps(f) for f in found):
                    found.append(entity)
    return found


def _needles(values: list[str]) -> set[tuple[str, ...]]:
    needles: set[tuple[str, ...]] = set()
    for value in values:
        value = CIVILITY_PREFIX.sub("", value)
        words = TOKEN_RE.findall(fold(value))
        if words:
            needles.add(tuple(words))
        for token in re.split(r"[ \u00a0\u202f]+", value):
            token = token.strip(".,;:()")
            if len(token) < 3 or fold(token) in NOT_NAMES:
                continue
            # a common French word ("Rose", "Pierre") spreads only where written as a name
            if common_word(token) and not known_name(token):
                continue
            needles.add(tuple(TOKEN_RE.findall(fold(token))))
    return {n for n in needles if n}


def propagate(text: str, confirmed: list[Entity], tokens: Tokens | None = None) -> list[Entity]:
    """Other occurrences of confirmed names and of their parts, in any case."""
    from rhia.privacy.names import _in_institution

    tokens = tokens or Tokens(text)
    found = []
    values = [text[e.start : e.end] for e in confirmed]
    for needle in sorted(_needles(values), key=len, reverse=True):
        for start, end in tokens.find(list(needle)):
            original = text[start:end]
            if original.islower() and common_word(original) and not known_name(original):
                continue
            if _in_institution(text, start):
                continue
            found.append(Entity(start, end, "PERSON", 0.75, "propagation"))
    return found


PAREN_RE = re.compile(r"[ \u00a0]*\((?P<name>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?)\)")


def parenthesised(text: str, confirmed: list[Entity]) -> list[Entity]:
    """ "M. LE GOFF (Ousmane)": a first name in parentheses right after a name."""
    found = []
    for entity in confirmed:
        m = PAREN_RE.match(text, entity.end)
        if (
            m
            and fold(m.group("name")) not in NOT_NAMES
            and (known_name(m.group("name")) or not common_word(m.group("name")))
        ):
            found.append(Entity(m.start("name"), m.end("name"), "PERSON", 0.8, "parenthesis"))
    return found


def known_occurrences(text: str, names: list[str]) -> list[Entity]:
    """Occurrences of names already in a vault (found in another text of the same case), and of their parts."""
    if not names:
        return []
    tokens = Tokens(text)
    found = []
    for needle in sorted(_needles(names), key=len, reverse=True):
        for start, end in tokens.find(list(needle)):
            original = text[start:end]
            if original.islower() and common_word(original) and not known_name(original):
                continue
            found.append(Entity(start, end, "PERSON", 0.8, "vault"))
    return found
