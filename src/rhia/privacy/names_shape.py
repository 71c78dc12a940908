"""What the layout rules call a name: name-shaped words of any case, surname particles, and the span
a candidate value holds once every word has been vetted. No Django import.
"""

from __future__ import annotations

import re

from rhia.privacy.entities import Entity
from rhia.privacy.lexicon import LOWER_LETTERS, NOT_NAMES, UPPER_LETTERS, common_word, fold, known_name

UP = UPPER_LETTERS
LOW = LOWER_LETTERS
LETTER = f"{UP}{LOW}ĀāĂăĄąĆćČčĎďĘęĚěĞğĪīİıŁłŃńŇňŌōŐőŒœŘřŚśŞşŠšŢţŤťŪūŮůŰűŸŹźŻżŽž"
SP = r"[ \u00a0\u202f]"
# any-case name token: letters, inner hyphen or apostrophe (Le Floc'h, O'Sullivan, Jean-Baptiste)
WORD = rf"[{LETTER}](?:[{LETTER}]|['’](?=[{LETTER}])|-(?=[{LETTER}]))*"
PARTICLES = frozenset(
    {
        "de",
        "du",
        "des",
        "la",
        "le",
        "van",
        "von",
        "da",
        "dos",
        "di",
        "del",
        "ben",
        "el",
        "al",
        "ait",
        "mc",
        "ould",
    }
    | {"bin", "ibn"}
)


# particles found only inside names (Arabic and Berber patronymics), evidence of a name by themselves
NAME_PARTICLES = frozenset({"ould", "ben", "bin", "ibn", "ait"})


def tokens_of(value: str) -> list[re.Match]:
    return list(re.finditer(WORD, value))


def name_span(
    text: str, start: int, value: str, *, max_tokens: int = 4, strict: bool = False
) -> Entity | None:
    """The name held by ``value`` (found at ``start``): name-shaped tokens only, no common word."""
    tokens = tokens_of(value)
    if not tokens or len(tokens) > max_tokens:
        return None
    if value[: tokens[0].start()].strip() or value[tokens[-1].end() :].strip(" .,;:"):
        return None  # digits, e-mail, punctuation inside: not a bare name
    if any(
        not re.fullmatch(rf"{SP}+", value[a.end() : b.start()])
        for a, b in zip(tokens, tokens[1:], strict=False)
    ):
        return None  # "De : X", "X, Y": punctuation between the words
    real = [t.group() for t in tokens if fold(t.group()) not in PARTICLES]
    if not real:
        return None
    for token in real:
        if fold(token) in NOT_NAMES:
            return None
        if strict and token.islower() and common_word(token) and not known_name(token):
            return None
    if (
        strict
        and not any(known_name(t) or not common_word(t) or t.isupper() for t in real)
        and not any(fold(t.group()) in NAME_PARTICLES for t in tokens)  # "Sidi Ould Cheikh"
    ):
        return None
    return Entity(start + tokens[0].start(), start + tokens[-1].end(), "PERSON", 0.9, "layout")
