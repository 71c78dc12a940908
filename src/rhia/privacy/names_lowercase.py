"""PERSON in lowercase text and after weak cues: "je m'appelle karim benslimane", "c'est encore tugdual",
"prévenir mirela", "nolwenn le gall ici", a gazetteer first name anywhere in lowercase, or opening a
sentence ("Nathan sera absent"). Name knowledge (``lexicon.known_*``) carries these rules, the layout
being weak. No Django import.
"""

from __future__ import annotations

import re

from rhia.privacy.entities import Entity
from rhia.privacy.lexicon import (
    CHAT_WORDS,
    LOWER_LETTERS,
    NOT_NAMES,
    UPPER_LETTERS,
    common_word,
    first_names,
    fold,
    french_words,
    known_first,
    known_last,
    known_name,
    lemma,
    stop_words,
    word_first_names,
)
from rhia.privacy.names_shape import SP, WORD

UP = UPPER_LETTERS
LOW = LOWER_LETTERS


# --- lowercase introductions and name pairs ------------------------------------------
LOWER_INTRO_RE = re.compile(
    rf"(?i)(?<![\w])(?:je{SP}+m['’]?appelle|je{SP}+me{SP}+nomme|c['’]?{SP}*est|moi{SP}+c['’]?est|c)"
    rf"{SP}+(?P<value>{WORD}(?:{SP}+{WORD})?)"
)
LOWER_WORD_RE = re.compile(rf"(?<![\w@.]){WORD}(?![\w@])")


def person_word(word: str) -> bool:
    """A known name that is not a French lemma ("moussa" stays a name although "mousser" conjugates)."""
    folded = fold(word)
    return known_name(word) and folded not in NOT_NAMES and folded not in french_words()


STRONG_INTRO = re.compile(r"(?i)^(?:je|moi)")


def lowercase_names(text: str) -> list[Entity]:
    STOP = stop_words()
    found = []
    for m in LOWER_INTRO_RE.finditer(text):
        tokens = m.group("value").split()
        if STRONG_INTRO.match(m.group()):  # "je m'appelle x y": the structure is enough, minus stop words
            while tokens and fold(tokens[-1]) in STOP:
                tokens.pop()
            ok = bool(tokens) and not any(fold(t) in NOT_NAMES or fold(t) in STOP for t in tokens)
        else:
            # "c'est karim benslimane": a known first name, then a known name or an unknown word
            if len(tokens) == 2 and (common_word(tokens[1]) and not person_word(tokens[1])):
                tokens.pop()
            ok = bool(tokens) and person_word(tokens[0]) and known_first(tokens[0])
            after = text[m.end("value") :].lstrip(" ")[:1]
            if (
                not ok
                and len(tokens) == 1
                and not common_word(tokens[0])
                and after in (",", ".", "!", "\n", "")
            ):
                ok = len(tokens[0]) > 2  # "coucou c'est haingo," : an unknown word closed by punctuation
        if ok:
            start = m.start("value")
            found.append(Entity(start, start + len(" ".join(tokens)), "PERSON", 0.8, "lower_intro"))
    words = list(LOWER_WORD_RE.finditer(text))
    for left, right in zip(words, words[1:], strict=False):
        a, b = left.group(), right.group()
        if text[left.end() : right.start()].strip(" \u00a0\u202f") or not (a.islower() and b.islower()):
            continue
        if known_first(a) and known_last(b) and person_word(a) and person_word(b):
            found.append(Entity(left.start(), right.end(), "PERSON", 0.75, "lower_pair"))
    return found


# --- lowercase first names anywhere, names after lowercase cues ----------------------
# Gazetteer first names that are also frequent French words: never a name when written lowercase.
LOWER_COMMON_FIRST = frozenset(
    {"aime", "aurore", "claire", "constance", "jade", "marine", "victoire", "capucine", "marguerite"}
    | {"clement", "pascal", "honore", "rose", "olive", "prudence", "patience", "ange", "france", "margot"}
)
# First names that are also French words, too common as words to be a name even after a cue
# ("un mail avec lien", "avec mat"), on top of ``LOWER_COMMON_FIRST``.
LOWER_WORD_FIRST_EXCLUDED = frozenset(
    {"lien", "line", "fleur", "flore", "mamie", "baba", "beat", "jeton", "kirsch", "petit", "blanche"}
    | {"ambre", "eve", "martin", "mat", "val", "coco", "don", "dom", "pat", "mel", "ken", "jan", "cam"}
)
LOWER_CUE_RE = re.compile(
    rf"(?i)(?<![\w])(?:c['’]?{SP}*est{SP}+encore|moi{SP}+c['’]?est|(?:e-?)?mail{SP}+de|message{SP}+de|msg{SP}+de|"
    rf"part{SP}+de|pr[ée]venir|rappeler|appeler|voir{SP}+avec|dire{SP}+[àa]|demander{SP}+[àa]|transmettre{SP}+[àa]|"
    rf"remplace|remplacer|remplaçant(?:e)?{SP}+de|fwd{SP}+le{SP}+mail{SP}+de|"
    rf"(?:vu|vois|voir|parl[ée]|parler|discut[ée]|bosse|bosser|travaille){SP}+avec)"
    rf"{SP}+(?P<value>{WORD}(?:{SP}+{WORD})?)"
)
ELIDED = re.compile(r"(?i)^(?:[ldsjnmtc]|qu)['’]")
SELF_CUE = re.compile(r"(?i)^(?:c['’]?\s*est|moi)")
SELF_ICI_RE = re.compile(rf"(?i)(?:^|[,.!:]{SP}*|\n)(?P<value>{WORD}(?:{SP}+{WORD}){{0,2}}){SP}+ici\b")


def _lower_first(word: str, *, cue: bool = False) -> bool:
    """A lowercase word that is a first name. Without a cue ("prévenir", "c'est encore") only the
    project's gazetteer counts: the world tables hold "cas", "avis", "any", which lowercase text is full of."""
    folded = fold(word)
    if len(word) < 3 or not word.islower() or folded in NOT_NAMES or folded in stop_words():
        return False
    if folded in LOWER_COMMON_FIRST:
        return False
    if word != folded and common_word(word) and lemma(word) != folded:
        # An inflected French word written with its accents ("marié", from "marier") is not the
        # first name it folds to ("Marie"); "aurélien" is its own lemma and stays a name.
        return False
    if not cue:
        return folded in first_names()
    # after a cue, a first name that is also a French word counts too ("vu avec amadou")
    return (known_first(word) and (not common_word(word) or folded in first_names())) or (
        folded in word_first_names() and folded not in LOWER_WORD_FIRST_EXCLUDED
    )


def _lower_surname(word: str) -> bool:
    """The word after a lowercase first name: a known surname, or a word that is not French."""
    folded = fold(word)
    if len(word) < 2 or not word.islower() or folded in NOT_NAMES or folded in stop_words():
        return False
    if folded in CHAT_WORDS:
        return False  # "prévenir tugdual stp"
    return known_last(word) or not common_word(word)


LOWER_PARTICLE_RE = re.compile(
    rf"{SP}+(?:le|la|de|du|des|van|von|ben|ould|el|da|dos|di|al|ait){SP}+(?P<word>{WORD})(?![\w@])"
)


def _surname_end(text: str, end: int, nxt: re.Match | None) -> int:
    """End of the surname after a lowercase first name ending at ``end`` ("le gall", "bessière"), or ``end``."""
    particle = LOWER_PARTICLE_RE.match(text, end)
    if particle and _lower_surname(particle.group("word")) and not common_word(particle.group("word")):
        return particle.end()
    gap = text[end : nxt.start()] if nxt else ""
    if nxt and re.fullmatch(rf"{SP}+", gap) and _lower_surname(nxt.group()) and not ELIDED.match(nxt.group()):
        return nxt.end()
    return end


AFTER_WORD_RE = re.compile(rf"{SP}*(?P<word>{WORD})?")


def _closed(text: str, end: int) -> bool:
    """The name is followed by a chat abbreviation ("stp", "svp")."""
    word = AFTER_WORD_RE.match(text, end).group("word")
    return bool(word) and fold(word) in CHAT_WORDS


def lowercase_first_names(text: str) -> list[Entity]:
    """ "tu peux prévenir mirela stp", "avec aurélien demain", "mail de maddalen andrianarisoa"."""
    found = []
    words = list(LOWER_WORD_RE.finditer(text))
    following = {w.start(): (words[i + 1] if i + 1 < len(words) else None) for i, w in enumerate(words)}
    for word in words:
        if _lower_first(word.group()):
            end = _surname_end(text, word.end(), following[word.start()])
            found.append(Entity(word.start(), end, "PERSON", 0.7, "lower_first"))
    for regex in (LOWER_CUE_RE, SELF_ICI_RE):
        for m in regex.finditer(text):
            start = m.start("value")
            first = re.match(WORD, text[start:]).group()
            if not first.islower() or ELIDED.match(first) or len(first) < 3:
                continue
            nxt = next((w for w in words if w.start() > start), None)
            end = _surname_end(text, start + len(first), nxt)
            second = text[start + len(first) : end].split()[-1] if end > start + len(first) else ""
            # "mail de mathurin guézennec": a word that is not French after the first one makes a pair;
            # an unknown word alone only after "c'est encore" ("demander à surcotiser" is a verb)
            if not (
                _lower_first(first, cue=True)
                or (second and not common_word(second) and fold(first) not in stop_words())
                or (SELF_CUE.match(m.group()) and _lower_surname(first) and not known_last(first))
                or (not common_word(first) and _closed(text, end))  # "prévenir tugdual stp"
            ):
                continue
            found.append(Entity(start, end, "PERSON", 0.7, "lower_cue"))
    return found


SENTENCE_FIRST_RE = re.compile(
    rf"(?:^|(?<=[.!?…])|(?<=\n))[ \t>\-•*]*(?P<value>[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?)(?={SP}+[{LOW}])",
    re.M,
)


def sentence_first_names(text: str) -> list[Entity]:
    """ "Nathan sera absent lundi": a gazetteer first name opening a sentence, then a lowercase word."""
    found = []
    for m in SENTENCE_FIRST_RE.finditer(text):
        word = m.group("value")
        folded = fold(word)
        if folded in NOT_NAMES or folded in LOWER_COMMON_FIRST or folded in stop_words():
            continue
        if folded in first_names():  # the world tables know "Cas", "Avis": the gazetteer only
            found.append(Entity(m.start("value"), m.end("value"), "PERSON", 0.7, "sentence_first"))
    return found
