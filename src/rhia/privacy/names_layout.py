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
    first_names,
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
    if (
        strict
        and not any(known_name(t) or not common_word(t) or t.isupper() for t in real)
        and not any(fold(t.group()) in NAME_PARTICLES for t in tokens)  # "Sidi Ould Cheikh"
    ):
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
            entity = _name_span(text, m.start("value"), value, strict=not lone)
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


# --- lowercase first names anywhere, names after lowercase cues ----------------------
# Gazetteer first names that are also frequent French words: never a name when written lowercase.
LOWER_COMMON_FIRST = frozenset(
    {"aime", "aurore", "claire", "constance", "jade", "marine", "victoire", "capucine", "marguerite"}
    | {"clement", "pascal", "honore", "rose", "olive", "prudence", "patience", "ange", "france", "margot"}
)
LOWER_CUE_RE = re.compile(
    rf"(?i)(?<![\w])(?:c['’]?{SP}*est{SP}+encore|moi{SP}+c['’]?est|(?:e-?)?mail{SP}+de|message{SP}+de|msg{SP}+de|"
    rf"part{SP}+de|pr[ée]venir|rappeler|appeler|voir{SP}+avec|dire{SP}+[àa]|demander{SP}+[àa]|transmettre{SP}+[àa]|"
    rf"remplace|remplacer|remplaçant(?:e)?{SP}+de|fwd{SP}+le{SP}+mail{SP}+de)"
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
    if not cue:
        return folded in first_names()
    return known_first(word) and (not common_word(word) or folded in first_names())


def _lower_surname(word: str) -> bool:
    """The word after a lowercase first name: a known surname, or a word that is not French."""
    folded = fold(word)
    if len(word) < 2 or not word.islower() or folded in NOT_NAMES or folded in stop_words():
        return False
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
            entity = _name_span(text, m.start("value"), m.group("value"), max_tokens=5, strict=True)
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
    if (known_first(word) and (word[0].isupper() or _person_word(word))) or (
        word[0].isupper() and not word.isupper() and not common_word(word)
    ):
        return [Entity(m.start("value"), m.end("value"), "PERSON", 0.8, "last_line")]
    return []


def _in_institution(text: str, start: int) -> bool:
    from rhia.privacy.names import _in_institution as inside

    return inside(text, start)


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
    return fields + [e for e in contextual if not _in_institution(text, e.start)]
