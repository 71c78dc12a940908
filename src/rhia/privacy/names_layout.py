"""PERSON from the layout of real messages: mail headers, form fields, greetings, maiden names,
staff lists, lowercase introductions. Structure decides; name knowledge (``lexicon.known_*``) is one
signal where the structure is weak (lowercase text, a greeting). No Django import.
"""

from __future__ import annotations

import re

from rhia.privacy.entities import Entity
from rhia.privacy.lexicon import (
    LOWER_LETTERS,
    NOT_NAMES,
    UPPER_LETTERS,
    common_word,
    fold,
    french_words,
    known_first,
    known_last,
    known_name,
    stop_words,
)

UP = UPPER_LETTERS
LOW = LOWER_LETTERS
LETTER = f"{UP}{LOW}ĀāĂăĄąĆćČčĎďĘęĚěĞğĪīİıŁłŃńŇňŌōŐőŒœŘřŚśŞşŠšŢţŤťŪūŮůŰűŸŹźŻżŽž"
SP = r"[ \u00a0\u202f]"
# any-case name token: letters, inner hyphen or apostrophe (Le Floc'h, O'Sullivan, Jean-Baptiste)
WORD = rf"[{LETTER}](?:[{LETTER}]|['’](?=[{LETTER}])|-(?=[{LETTER}]))*"
PARTICLES = frozenset(
    {"de", "du", "des", "la", "le", "van", "von", "da", "dos", "di", "del", "ben", "el", "al", "ait", "mc"}
)


def _tokens(value: str) -> list[re.Match]:
    return list(re.finditer(WORD, value))


def _name_span(
    text: str, start: int, value: str, *, max_tokens: int = 4, strict: bool = False
) -> Entity | None:
    """The name held by ``value`` (found at ``start``): name-shaped tokens only, no common word."""
    tokens = _tokens(value)
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
    if strict and not any(known_name(t) or not common_word(t) or t.isupper() for t in real):
        return None
    return Entity(start + tokens[0].start(), start + tokens[-1].end(), "PERSON", 0.9, "layout")


# --- form fields ---------------------------------------------------------------------
FIELD_RE = re.compile(
    rf"(?i)(?<![\w])(?:nom{SP}+(?:d['’]usage|de{SP}+naissance|de{SP}+jeune{SP}+fille|marital|patronymique|de{SP}+famille|"
    rf"et{SP}+pr[ée]noms?|usuel)|nom|pr[ée]noms?(?:{SP}?\(s\))?|pr[ée]nom{SP}+usuel|nom{SP}*,{SP}*pr[ée]nom|"
    rf"pr[ée]nom{SP}+et{SP}+nom|identit[ée]|agent|demandeur|demandeuse|int[ée]ress[ée]e?)"
    rf"{SP}*[:=]{SP}*(?=(?P<value>[^\n:]+))"  # lookahead: "Nom : X   Nom de naissance : Y" holds two fields
)


def form_fields(text: str) -> list[Entity]:
    found = []
    for m in FIELD_RE.finditer(text):
        value = m.group("value")
        # "LE BIHAN   Nom de naissance : ..." / "Nom : X - Prénom : Y": the value stops at the next field
        cut = re.search(rf"{SP}{{2,}}|\t|{SP}[-–|/]{SP}|{SP}*[;,]{SP}*(?=\w+{SP}*:)", value)
        value = value[: cut.start()] if cut else value
        nxt = re.search(rf"(?i){SP}+(?:nom|pr[ée]nom)\b", value)
        value = value[: nxt.start()] if nxt else value
        entity = _name_span(text, m.start("value"), value.rstrip(), strict=True)
        if entity:
            found.append(entity)
    return found


# --- mail headers --------------------------------------------------------------------
HEADER_RE = re.compile(
    rf"(?im)^[ >\t]*(?:de|[àa]|cc|cci|from|to|exp[ée]diteur|destinataires?|envoy[ée]{SP}+par)"
    rf"{SP}*:{SP}*(?P<value>[^\n]+)"
)
ANGLE_RE = re.compile(r"<[^<>\n@\s]+@[^<>\n\s]+>")


def _entries(text: str, start: int, value: str) -> list[Entity]:
    found = []
    for part in re.finditer(r"[^;,]+", value):
        entry = re.sub(r"<[^>]*>|\[[^\]]*\]|\([^)]*\)|\S+@\S+", lambda m: " " * len(m.group()), part.group())
        entry = entry.replace('"', " ")
        if entry.strip():
            entity = _name_span(text, start + part.start(), entry.rstrip(), strict=True)
            if entity:
                found.append(entity)
    return found


def headers(text: str) -> list[Entity]:
    found = []
    for m in HEADER_RE.finditer(text):
        found += _entries(text, m.start("value"), m.group("value"))
    for m in ANGLE_RE.finditer(text):  # "Karim Benslimane <k.b@x.fr>" anywhere (quoted replies)
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[max(line_start, m.start() - 60) : m.start()]
        lead = re.search(rf"(?:.*[,>:;\"]|.*\d|.*\b[Dd]e\b|^){SP}*", before)
        offset = lead.end() if lead else 0
        value = before[offset:].rstrip(' "')
        start = m.start() - len(before) + offset
        entity = _name_span(text, start, value, strict=True) if value else None
        if entity:
            found.append(entity)
    return found


# --- greetings -----------------------------------------------------------------------
GREETING_RE = re.compile(
    rf"(?i)(?<![\w])(?:bonjour|bonsoir|salut|coucou|hello|hi|hey|cher|ch[èe]re|bjr|slt|re){SP}+"
    rf"(?P<value>{WORD}(?:{SP}+{WORD})?)(?={SP}*(?:[,!.\n]|$))"
)


def greetings(text: str) -> list[Entity]:
    found = []
    for m in GREETING_RE.finditer(text):
        value = m.group("value")
        tokens = value.split()
        if all(known_name(t) or (t[0].isupper() and not common_word(t)) for t in tokens):
            entity = _name_span(text, m.start("value"), value, max_tokens=2, strict=True)
            if entity:
                found.append(entity)
    return found


# --- maiden and married names ("née OUEDRAOGO", "épouse Haddad") ---------------------
MAIDEN_RE = re.compile(
    rf"(?<![\w])(?:n[ée]e|N[ée]e|[ée]pouse|[ÉE]pouse|[ée]p\.|veuve|nom{SP}+de{SP}+jeune{SP}+fille){SP}+"
    rf"(?P<value>[{UP}]{WORD}(?:{SP}+[{UP}]{WORD})?)"
)


def maiden_names(text: str) -> list[Entity]:
    found = []
    for m in MAIDEN_RE.finditer(text):
        value = m.group("value")
        parts = value.split()
        if fold(parts[0]) in NOT_NAMES and not (fold(parts[0]) in PARTICLES and len(parts) == 2):
            continue
        if len(value.split()) == 2 and common_word(value.split()[1]) and not known_name(value.split()[1]):
            value = value.split()[0]
        entity = _name_span(text, m.start("value"), value, max_tokens=2)
        if entity:
            found.append(entity)
    return found


# --- staff lists and "NOM Prénom" ----------------------------------------------------
UPPER_WORD = rf"[{UP}][{UP}'’\-]*[{UP}]"
CAP_WORD = rf"[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)*"
UPPER_CAP_RE = re.compile(
    rf"(?<![\w])(?P<up>{UPPER_WORD}(?:{SP}{UPPER_WORD}){{0,2}}){SP}+(?P<cap>{CAP_WORD})(?![\w])"
)
STAFF_LINE_RE = re.compile(
    rf"(?m)^[ \t\-•*]*(?P<value>{UPPER_WORD}(?:{SP}{UPPER_WORD}){{0,2}}{SP}+{CAP_WORD}|{CAP_WORD}{SP}+{UPPER_WORD}(?:{SP}{UPPER_WORD}){{0,2}})"
    rf"{SP}*(?:\([^)\n]*\)|[,–\-].*)?$"  # not "Numéro INSEE : …", a field label
)


def staff_names(text: str) -> list[Entity]:
    """ "KOWALCZYK Agnieszka" alone on a line, or inline when one part is a known name."""
    found = []
    for m in STAFF_LINE_RE.finditer(text):
        entity = _name_span(text, m.start("value"), m.group("value"))
        if entity:
            found.append(entity)
    for m in UPPER_CAP_RE.finditer(text):
        upper, cap = m.group("up"), m.group("cap")
        if any(fold(p) in NOT_NAMES for p in upper.split()) or fold(cap) in NOT_NAMES:
            continue
        if _in_institution(text, m.start()):
            continue
        if known_first(cap) or all(known_last(p) or fold(p) in PARTICLES for p in upper.split()):
            found.append(Entity(m.start(), m.end(), "PERSON", 0.85, "upper_cap"))
    return found


# --- lowercase introductions and name pairs ------------------------------------------
LOWER_INTRO_RE = re.compile(
    rf"(?i)(?<![\w])(?:je{SP}+m['’]?appelle|je{SP}+me{SP}+nomme|c['’]?{SP}*est|moi{SP}+c['’]?est|c)"
    rf"{SP}+(?P<value>{WORD}(?:{SP}+{WORD})?)"
)
LOWER_WORD_RE = re.compile(rf"(?<![\w@.]){WORD}(?![\w@])")


def _person_word(word: str) -> bool:
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
            if len(tokens) == 2 and (common_word(tokens[1]) and not _person_word(tokens[1])):
                tokens.pop()
            ok = bool(tokens) and _person_word(tokens[0]) and known_first(tokens[0])
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
        if known_first(a) and known_last(b) and _person_word(a) and _person_word(b):
            found.append(Entity(left.start(), right.end(), "PERSON", 0.75, "lower_pair"))
    return found


# --- single first name signing the message, name in parentheses ---------------------
LAST_LINE_RE = re.compile(rf"(?m)^[ \t\-]*(?P<value>{WORD})[ \t.,!]*$")


def last_line_name(text: str) -> list[Entity]:
    """A last line holding one word that is a name ("…\nMerci\nKarim", "…\nthibault")."""
    lines = [m for m in LAST_LINE_RE.finditer(text) if m.start() > 0]
    if not lines or text[lines[-1].end() :].strip():
        return []
    m = lines[-1]
    word = m.group("value")
    if fold(word) in NOT_NAMES or fold(word) in stop_words() or len(word) < 2:
        return []
    if (known_first(word) and (word[0].isupper() or _person_word(word))) or (
        word[0].isupper() and not word.isupper() and not common_word(word)
    ):
        return [Entity(m.start("value"), m.end("value"), "PERSON", 0.8, "last_line")]
    return []


def _in_institution(text: str, start: int) -> bool:
    from rhia.privacy.names import _in_institution as inside

    return inside(text, start)


def layout_persons(text: str) -> list[Entity]:
    fields = form_fields(text) + headers(text)
    contextual = (
        greetings(text)
        + maiden_names(text)
        + staff_names(text)
        + lowercase_names(text)
        + last_line_name(text)
    )
    # "collège rosa parks", "lycée Victor-Hugo": a name after an institution word is a place
    return fields + [e for e in contextual if not _in_institution(text, e.start)]
