"""PERSON from the context of a lone name: a person cue before a capitalised first name ("avec
Karim", "contactez Noémie", "merci Fred", "de la part de Pierre-Yves", "à Sébastien"), names
coordinated with a detected person ("Gwen et à Marc-Antoine", "inscrits : dupuis, el khoury, sow"),
a short signature closing the message ("merci, seb"). Name knowledge decides the word, the context
that a person is meant. No Django import.
"""

from __future__ import annotations

import re

from rhia.privacy.entities import Entity
from rhia.privacy.lexicon import (
    CHAT_WORDS,
    NOT_NAMES,
    UPPER_LETTERS,
    capital_first,
    common_word,
    first_names,
    fold,
    known_first,
    known_name,
    stop_words,
    word_first_names,
)
from rhia.privacy.names_rules import in_institution
from rhia.privacy.names_shape import PARTICLES, SP, WORD

UP = UPPER_LETTERS

# First names that are also the names of towns, regions or countries: never a person after "à", "de".
PLACE_FIRST_NAMES = frozenset(
    {"nancy", "florence", "lorraine", "valence", "vienne", "lourdes", "orange", "sydney", "victoria"}
    | {"dallas", "austin", "chelsea", "adelaide", "savannah", "montana", "georgia", "india", "chine"}
    | {"israel", "jordan", "lima", "quito", "alger", "tunis", "dakar", "rabat", "malaga", "sienne"}
)

WEAK_CUES = frozenset({"a", "de", "d'", "d’", "chez", "par", "pour"})
CUE_RE = re.compile(
    rf"(?<![\w])(?P<cue>(?i:avec|pour|merci|contacte[zr]?|contacter|appelle[zr]?|appeler|rappelle[zr]?|rappeler|"
    rf"pr[ée]viens|pr[ée]venez|demande[zr]?{SP}+[àa]|dis{SP}+[àa]|dites{SP}+[àa]|dire{SP}+[àa]|"
    rf"de{SP}+la{SP}+part{SP}+de|transmise?s?{SP}+[àa]|transmets?{SP}+[àa]|transmettre{SP}+[àa]|"
    rf"envoy[ée]e?s?{SP}+[àa]|envoie[zr]?{SP}+[àa]|[ée]cris{SP}+[àa]|parl[ée]{SP}+(?:avec|[àa])|"
    rf"chez|par|[àa]|de|d['’]))"
    rf"(?:(?<=['’])|{SP}+)(?P<value>[{UP}](?:[^\W\d_]|['’\-](?=[^\W\d_]))+)(?![\w@])"
)


def _french_first(folded: str) -> bool:
    """A first name of the project's gazetteer or of France's top ranks (the first part of a compound:
    "Jean-Loup"), no part a place."""
    parts = [p for p in folded.replace("’", "'").split("-") if p]
    return (
        bool(parts)
        and (parts[0] in first_names() or parts[0] in word_first_names())
        and not any(p in PLACE_FIRST_NAMES for p in parts)
    )


def cue_first_names(text: str) -> list[Entity]:
    """A capitalised first name right after a person cue, not at a sentence start, not a place."""
    found = []
    for m in CUE_RE.finditer(text):
        word = m.group("value")
        folded = fold(word)
        if not capital_first(word):
            continue
        if fold(m.group("cue").lower()) in WEAK_CUES and not _french_first(folded):
            continue  # "mission à Dijon", "à Nancy", "de Florence": after a preposition, maybe a place
        if in_institution(text, m.start("value")):
            continue
        if word.isupper():
            continue  # an acronym ("avec CAPA")
        found.append(Entity(m.start("value"), m.end("value"), "PERSON", 0.75, "cue_first"))
    return found


# --- coordination with a detected person ---------------------------------------------
LINK = rf"(?:{SP}*,{SP}*|{SP}+(?:et|ou|&){SP}+)(?:(?:[àa]|de|avec){SP}+|d['’])?"
AFTER_RE = re.compile(
    rf"{LINK}(?P<value>{WORD}(?:{SP}+{WORD}){{0,2}})(?=$|{SP}*[,;:.!?)\n]|{SP}+(?:et|ou){SP})"
)
# the item before a person: one to three words, the longest that is a name ("dupuis, el khoury")
BEFORE_RES = [
    re.compile(rf"(?:^|(?<=[\s:;(,]))(?P<value>{WORD}(?:{SP}+{WORD}){{{n}}}){LINK}$") for n in (2, 1, 0)
]
ARTICLES = frozenset({"de", "du", "des", "la", "le", "les", "d'", "d’", "l'", "l’"})


ELISION = re.compile(r"^[A-Za-z]['’][a-zß-ÿ]")


def _list_item(value: str, lowercase: bool) -> bool:
    """A list item next to a person is a person when its words are names, or not French words."""
    tokens = value.split()
    real = [t for t in tokens if fold(t) not in PARTICLES]
    if not real or len(tokens) > 3 or any(fold(t) in stop_words() - PARTICLES for t in tokens):
        return False
    if any(fold(t) in NOT_NAMES for t in real):
        return False
    if any(ELISION.match(t) for t in real):
        return False  # "L'usager, M. Lys": an article, not a name
    if lowercase:
        return all(t.islower() and len(t) >= 2 and (known_name(t) or not common_word(t)) for t in real)
    if any(t.isupper() and len(t) > 1 for t in real):
        return False  # "Mme Jean-Louis, ASH": a grade or a service, not a name
    return capital_first(real[0]) or all(
        t[0].isupper() and not t.isupper() and (known_name(t) or not common_word(t)) for t in real
    )


def coordinated(text: str, persons: list[Entity]) -> list[Entity]:
    """Names next to a detected person in a list or a coordination, in the case it is written in."""
    found: list[Entity] = []
    frontier = list(persons)
    taken = [(p.start, p.end) for p in persons]
    for _round in range(6):
        new = []
        for person in frontier:
            lowercase = text[person.start : person.end].islower()
            after = AFTER_RE.match(text, person.end)
            spans = []
            if after:
                spans.append((after.start("value"), after.end("value")))
            window = text[max(0, person.start - 60) : person.start]
            offset = person.start - len(window)
            for regex in BEFORE_RES:
                before = regex.search(window)
                value = before.group("value") if before else ""
                if before and fold(value.split()[0]) not in ARTICLES and _list_item(value, lowercase):
                    spans.append((offset + before.start("value"), offset + before.end("value")))
                    break
            for start, end in spans:
                value = text[start:end]
                if any(start < e and s < end for s, e in taken) or in_institution(text, start):
                    continue
                if value.islower() != lowercase or not _list_item(value, lowercase):
                    continue
                entity = Entity(start, end, "PERSON", 0.7, "coordinated")
                taken.append((start, end))
                new.append(entity)
        if not new:
            break
        found += new
        frontier = new
    return found


# --- a short signature after a closing word ("merci, seb") ----------------------------
END_CLOSING_RE = re.compile(
    rf"(?i:merci|thanks|thx|bisous|bises|biz|a\+|à\+|@\+|cdlt|cordialement|ciao|bonne{SP}+journ[ée]e|a{SP}+plus)"
    rf"{SP}*[,!.]*{SP}*(?P<value>{WORD})[{SP[1:-1]}.!]*\s*$"
)


def closing_signature(text: str) -> list[Entity]:
    m = END_CLOSING_RE.search(text)
    if not m:
        return []
    word = m.group("value")
    folded = fold(word)
    if len(word) < 3 or folded in NOT_NAMES or folded in stop_words() or word.isupper():
        return []
    if folded in CHAT_WORDS:
        return []
    if known_first(word) or capital_first(word) or not common_word(word):
        return [Entity(m.start("value"), m.end("value"), "PERSON", 0.75, "closing_signature")]
    return []
