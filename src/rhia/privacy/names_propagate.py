"""Propagation of names: a name found once, or the prenom.nom part of an e-mail address, is a
person everywhere in the text, in any case and with or without accents. No Django import."""

from __future__ import annotations

import re

from rhia.privacy.entities import Entity
from rhia.privacy.lexicon import (
    NOT_NAMES,
    SERVICE_WORDS,
    common_word,
    fold,
    functional_mailbox,
    known_name,
)
from rhia.privacy.names_rules import in_institution

CIVILITY_PREFIX = re.compile(
    r"(?i)^(?:M\.|Mrs\.?|Mr\.?|Ms\.?|MM\.|Mme|Mmes|Mlle|Madame|Monsieur|Mademoiselle|Dr\.?|Docteure?|Pr\.?|Me)[ \u00a0\u202f]+"
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


GLUE_GAP_RE = re.compile(r"\.?[ \u00a0\u202f]+|-")


def glued_email_names(text: str, emails: list[Entity], tokens: Tokens) -> list[Entity]:
    """Names written in the text whose words make a local part without separator:
    "inès bachir" for inesbachir78@, "J. Kerhervé" for jkerherve@, "Annabelle Vu" for annabellevu55@."""
    glued = set()
    for email in emails:
        local = tokens.folded[email.start : email.end].split("@")[0]
        if re.search(r"[._\-+]", local) or functional_mailbox(local):
            continue  # prenom.nom@ is read part by part (email_names)
        letters = re.sub(r"\d+", "", local)
        if len(letters) >= 5 and letters.isalpha():
            glued.add(letters)
    if not glued:
        return []
    inside = [(e.start, e.end) for e in emails]
    found = []
    items = tokens.items
    for (a_start, a_end, a), (b_start, b_end, b) in zip(items, items[1:], strict=False):
        if a + b not in glued or len(b) < 2 or any(s <= a_start < e for s, e in inside):
            continue
        if not GLUE_GAP_RE.fullmatch(text[a_end:b_start]) or (len(a) > 1 and text[a_end] == "."):
            continue
        if len(a) == 1 and not text[a_start].isupper():
            continue  # an initial is a capital ("J. Kerhervé"), not "a" or "l"
        found.append(Entity(a_start, b_end, "PERSON", 0.85, "email_glued"))
    return found


def email_names(text: str, emails: list[Entity], tokens: Tokens | None = None) -> list[Entity]:
    """Occurrences, in any case, of the parts of prenom.nom@ addresses (alix.pereira@ -> "Alix", "PEREIRA")."""
    tokens = tokens or Tokens(text)
    found: list[Entity] = glued_email_names(text, emails, tokens)
    for email in emails:
        parts = _email_parts(tokens.folded[email.start : email.end].split("@")[0])
        pairs = [[a, b] for a in parts for b in parts if a != b]
        for needle in pairs + [[p] for p in parts]:  # "Alix Pereira" whole before its parts
            # "petit.formation@": a French word that is no name counts only written as a name
            # ("Sixtine" for sixtine.fabre@, not "formation" for petit.formation@)
            word = len(needle) == 1 and common_word(needle[0]) and not known_name(needle[0])
            for start, end in tokens.find(needle):
                if word and not text[start].isupper():
                    continue
                entity = Entity(start, end, "PERSON", 0.85, "email_name")
                if not (email.start <= start < email.end) and not any(entity.overlaps(f) for f in found):
                    found.append(entity)
    return found


def _needles(values: list[str]) -> dict[tuple[str, ...], bool]:
    """Token sequences to look for, each mapped to True when only capitalised occurrences count."""
    needles: dict[tuple[str, ...], bool] = {}
    for value in values:
        value = CIVILITY_PREFIX.sub("", value)
        words = TOKEN_RE.findall(fold(value))
        if words:
            needles[tuple(words)] = False
        for token in re.split(r"[ \u00a0\u202f]+", value):
            token = token.strip(".,;:()")
            if len(token) < 3 or fold(token) in NOT_NAMES:
                continue
            needle = tuple(TOKEN_RE.findall(fold(token)))
            # a common French word ("Tranchant", "Rose") spreads only where written as a name
            capital_only = common_word(token) and not known_name(token)
            needles[needle] = needles.get(needle, True) and capital_only
    return {n: c for n, c in needles.items() if n}


def _written_as_name(text: str, start: int, end: int) -> bool:
    """ "Tranchant demande", "TRANCHANT": written capitalised, as the name was."""
    return text[start].isupper()


def propagate(text: str, confirmed: list[Entity], tokens: Tokens | None = None) -> list[Entity]:
    """Other occurrences of confirmed names and of their parts, in any case."""
    tokens = tokens or Tokens(text)
    found = []
    values = [text[e.start : e.end] for e in confirmed]
    needles = _needles(values)
    for needle in sorted(needles, key=len, reverse=True):
        for start, end in tokens.find(list(needle)):
            original = text[start:end]
            if needles[needle] and not _written_as_name(text, start, end):
                continue
            if original.islower() and common_word(original) and not known_name(original):
                continue
            if in_institution(text, start):
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
    needles = _needles(names)
    for needle in sorted(needles, key=len, reverse=True):
        for start, end in tokens.find(list(needle)):
            original = text[start:end]
            if needles[needle] and not _written_as_name(text, start, end):
                continue
            if original.islower() and common_word(original) and not known_name(original):
                continue
            found.append(Entity(start, end, "PERSON", 0.8, "vault"))
    return found
