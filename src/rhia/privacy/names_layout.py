"""PERSON from the layout of real messages: mail headers, form fields, chat transcripts, greetings and
mentions, maiden names, staff lists, a first name signing the message. Structure decides; name
knowledge (``lexicon.known_*``) is one signal where the structure is weak (a greeting). Lowercase
text and weak cues are ``names_lowercase``'s. No Django import.
"""

from __future__ import annotations

import re

from rhia.privacy.entities import Entity
from rhia.privacy.lexicon import (
    LOWER_LETTERS,
    NOT_NAMES,
    UPPER_LETTERS,
    capital_first,
    common_word,
    fold,
    known_first,
    known_last,
    known_name,
    stop_words,
)
from rhia.privacy.names_lowercase import (
    lowercase_first_names,
    lowercase_names,
    person_word,
    sentence_first_names,
)
from rhia.privacy.names_rules import in_institution
from rhia.privacy.names_shape import PARTICLES, SP, WORD, name_span

UP = UPPER_LETTERS
LOW = LOWER_LETTERS


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
        entity = name_span(text, m.start("value"), value.rstrip(), strict=True)
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
            entity = name_span(text, start + part.start(), entry.rstrip(), strict=True)
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
        entity = name_span(text, start, value, strict=True) if value else None
        if entity:
            found.append(entity)
    return found


# --- greetings -----------------------------------------------------------------------
GREETING_RE = re.compile(
    rf"(?i)(?<![\w])(?:bonjour|bonsoir|salut|coucou|hello|hi|hey|cher|ch[èe]re|bjr|slt|re){SP}+"
    rf"(?P<value>{WORD}(?:{SP}+{WORD}){{0,3}})(?={SP}*(?:[,!.\n]|$))"
)


def _greeted(tokens: list[str]) -> bool:
    """ "Anh", "karim", "Sidi Ould Cheikh", "Marjolaine": known names, capitalised words that are not
    all common, or one capitalised word that is not a word of address ("Bonjour Tous,")."""
    if any(fold(t) in ADDRESS_WORDS for t in tokens):
        return False
    if len(tokens) == 1 and tokens[0][0].isupper() and not tokens[0].isupper():
        folded = fold(tokens[0])
        return folded not in NOT_NAMES and folded not in ADDRESS_WORDS and folded not in stop_words()
    if all(known_name(t) or (t[0].isupper() and not common_word(t)) for t in tokens):
        return len(tokens) <= 2 or all(t[0].isupper() or fold(t) in PARTICLES for t in tokens)
    capitalised = [t for t in tokens if not (t.islower() and fold(t) in PARTICLES)]
    return (
        len(capitalised) >= 2
        and all(t[0].isupper() and fold(t) not in NOT_NAMES for t in capitalised)
        and any(known_name(t) or not common_word(t) for t in capitalised)
    )


# "Bonjour Tous," "Chère Collègue,": words of address that are not names
ADDRESS_WORDS = frozenset(
    {"tous", "toutes", "tout", "equipe", "collegue", "collegues", "amis", "amies", "ami", "amie", "famille"}
    | {"camarade", "camarades", "maman", "papa", "chef", "cheffe", "madame", "monsieur", "a", "vous", "toi"}
    | {"m", "mr", "mrs", "ms", "miss", "mme", "mlle", "dr", "pr", "me"}  # "Hi Mr. Okonkwo": the civility rule
    | {
        "docteur",
        "docteure",
        "maitre",
        "team",
        "everyone",
        "all",
        "equipes",
        "service",
        "services",
        "collectif",
    }
)
MENTION_RE = re.compile(
    rf"(?:(?<![\w@.])@|(?<![\w])(?:cc|Cc|CC|cci){SP}*:?{SP}+)(?P<value>[{UP}]{WORD}(?:{SP}+[{UP}]{WORD})?)"
)


def greetings(text: str) -> list[Entity]:
    found = []
    for m in MENTION_RE.finditer(text):  # "@Léonie tu peux…", "cc Léonie pour info"
        tokens = m.group("value").split()
        if fold(tokens[0]) in NOT_NAMES or fold(tokens[0]) in ADDRESS_WORDS:
            continue
        if len(tokens) == 2 and (fold(tokens[1]) in NOT_NAMES or common_word(tokens[1])):
            tokens.pop()
        if known_name(tokens[0]) or not common_word(tokens[0]) or len(tokens) == 2:
            start = m.start("value")
            found.append(Entity(start, start + len(" ".join(tokens)), "PERSON", 0.8, "mention"))
    for m in GREETING_RE.finditer(text):
        value = m.group("value")
        tokens = value.split()
        if _greeted(tokens):
            lone = len(tokens) == 1 and tokens[0][0].isupper()  # vetted by _greeted: "Bonjour Marjolaine,"
            entity = name_span(text, m.start("value"), value, strict=not lone)
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
        entity = name_span(text, m.start("value"), value, max_tokens=2)
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
        entity = name_span(text, m.start("value"), m.group("value"))
        if entity:
            found.append(entity)
    for m in UPPER_CAP_RE.finditer(text):
        upper, cap = m.group("up"), m.group("cap")
        if any(fold(p) in NOT_NAMES for p in upper.split()) or fold(cap) in NOT_NAMES:
            continue
        if in_institution(text, m.start()):
            continue
        if known_first(cap) or all(known_last(p) or fold(p) in PARTICLES for p in upper.split()):
            found.append(Entity(m.start(), m.end(), "PERSON", 0.85, "upper_cap"))
    return found


# --- chat transcripts ("[10:42] Sixtine Le Hénaff", "12/03/2025 10:42 - Ewen Le Du: …") ----
TIME = r"\d{1,2}[:h]\d{2}(?::\d{2})?"
CHAT_RE = re.compile(
    rf"(?m)^[ \t>]*(?:\[[^\]\n]{{0,20}}{TIME}[^\]\n]{{0,8}}\]|\d{{1,2}}/\d{{1,2}}/\d{{2,4}},?{SP}+{TIME}{SP}*[-–]|{TIME}{SP}*[-–]?)"
    rf"{SP}*(?P<value>[^:\n\[\]]{{2,60}}?){SP}*(?::|$)"
)
CHAT_AFTER_RE = re.compile(rf"(?m)^[ \t]*(?P<value>[^:\n\d]{{2,60}}?),?{SP}+{TIME}{SP}*$")


def chat_speakers(text: str) -> list[Entity]:
    found = []
    for regex in (CHAT_RE, CHAT_AFTER_RE):
        for m in regex.finditer(text):
            entity = name_span(text, m.start("value"), m.group("value"), max_tokens=5, strict=True)
            if entity and not all(fold(w) in NOT_NAMES for w in text[entity.start : entity.end].split()):
                found.append(entity)
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
    if (
        (known_first(word) and (word[0].isupper() or person_word(word)))
        or capital_first(word)
        or (word[0].isupper() and not word.isupper() and not common_word(word))
    ):
        return [Entity(m.start("value"), m.end("value"), "PERSON", 0.8, "last_line")]
    return []


def layout_persons(text: str) -> list[Entity]:
    fields = form_fields(text) + headers(text) + chat_speakers(text)
    contextual = (
        greetings(text)
        + maiden_names(text)
        + staff_names(text)
        + lowercase_names(text)
        + lowercase_first_names(text)
        + sentence_first_names(text)
        + last_line_name(text)
    )
    # "collège rosa parks", "lycée Victor-Hugo": a name after an institution word is a place
    return fields + [e for e in contextual if not in_institution(text, e.start)]
