"""PERSON from French context rules: civilities (M., Mme, Madame...), introductions ("je suis ...",
"l'agent ..."), closings and signature blocks, "NOM Prénom" / "Prénom NOM" with a known first name,
initials. Names that follow an institution or street word (lycée Victor Hugo, rue Jean Jaurès) are
not persons. No Django import.
"""

from __future__ import annotations

import re

from rhia.privacy.entities import Entity
from rhia.privacy.lexicon import (
    HARD_NOT_NAMES,
    LOWER_LETTERS,
    NOT_NAMES,
    UPPER_LETTERS,
    capital_first,
    common_word,
    first_names,
    fold,
    known_first,
    known_last,
    last_names,
    stop_words,
)
from rhia.privacy.names_model import nlp

UP = UPPER_LETTERS
LOW = LOWER_LETTERS
SP = r"[ \u00a0\u202f]"
# A name token: Capitalised, UPPERCASE, hyphenated (Jean-Pierre, LE GALL), or with an apostrophe (D'Almeida)
TOKEN = rf"(?:[{UP}](?:['’][{UP}])?[{LOW}{UP}]*(?:-[{UP}][{LOW}{UP}]+)*)"
PARTICLE = (
    r"(?:de|du|des|de la|le|la|van|von|der|den|ter|ten|da|das|dos|di|del|della|d['’]|ben|bou|el|al|ould|bin|ibn"
    r"|ait|aït)"
)
NAME = rf"{TOKEN}(?:{SP}+(?:{PARTICLE}{SP}+){{0,2}}(?:d['’])?{TOKEN}){{0,3}}"
INITIAL_NAME = rf"[{UP}]\.(?:-?[{UP}]\.)?{SP}*{TOKEN}(?:{SP}+{TOKEN})?"
CIVILITY = (
    r"(?:M\.|Mrs\.?|Mr\.?|Ms\.?|Miss|MM\.|Mmes|Mme|Mlles|Mlle|Madame|Monsieur|Mademoiselle|Dr\.?|Docteure?|Pr\.?|Professeure?|Ma[iî]tre|Me"
    r"|MME|MLLE|MR|MADAME|MONSIEUR|MADEMOISELLE|DR|MA[IÎ]TRE)"  # all-caps messages ("DE MME AUDREY KERMARREC")
)

# Capitalised words that are not names (roles, greetings, institutions, HR terms).
CAPITAL_PARTICLES = frozenset(
    {
        "le",
        "la",
        "de",
        "du",
        "des",
        "da",
        "di",
        "dos",
        "das",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "mac",
    }
)
SHORT_CIVILITY = re.compile(
    r"^(?:M\.|Mrs\.?|Mr\.?|Ms\.?|MM\.|Mme|Mmes|Mlle|Mlles|Dr\.?|Pr\.?|Me|MME|MLLE|MR|DR)$"
)
LOWER_PARTICLES = frozenset({"de", "du", "des", "d'", "d’"})
INSTITUTION = re.compile(
    r"(?i)(?<![\w])(?:lyc[ée]e|coll[èe]ge|[ée]cole|universit[ée]|institut|centre|h[ôo]pital|clinique|fondation|"
    r"association|rue|avenue|boulevard|bd|place|all[ée]e|impasse|chemin|quai|square|cours|cit[ée]|r[ée]sidence|"
    r"restaurant|brasserie|caf[ée]|h[ôo]tel|cr[êe]perie|pizzeria|cin[ée]ma|th[ée][âa]tre|mus[ée]e|"
    r"gymnase|stade|m[ée]diath[èe]que|biblioth[èe]que|campus|groupe scolaire|prix|salle|amphith[ée][aâ]tre|"
    r"loi|lois|r[ée]forme|rapport|plan|dispositif|promotion|espace|maison|pavillon|b[âa]timent|station|gare|a[ée]roport|pont|parc|quartier|ehpad|CHU|CHR|CH|"
    r"LP|LEGT|LGT|EREA|CIO|INSPE|ESPE|IUT|IUFM|EPLE|SEGPA|ULIS|RPI|[ée]tablissement|coll\.)"
    r"(?:[ \u00a0\u202f]+(?:professionnel|polyvalent|agricole|g[ée]n[ée]ral|technologique|priv[ée]|public|"
    r"d['’]enseignement|municipal|[ée]l[ée]mentaire|maternelle|primaire|hospitalier|universitaire|r[ée]gional|"
    r"de la|du|des|de|le|la|les|d['’]|l['’]|saint|sainte|(?-i:[A-ZÀ-ÖØ-Þ][\w'’\-]+)))*[ \u00a0\u202f]*$"
)
PLURAL_CIVILITY = re.compile(r"^(?:MM\.|Mmes|Mlles|Messieurs|Mesdames)$")
AND_NAME_RE = re.compile(rf"{SP}*(?:,|{SP}et){SP}+(?P<name>{NAME})")
LOWER_CIVILITY_RE = re.compile(
    rf"(?<![\w.])(?:mme|mlle|m\.|mr|madame|monsieur){SP}+(?P<name>[{LOW}][{LOW}'’\-]+(?:{SP}+[{LOW}][{LOW}'’\-]+)?)"
)
CIVILITY_RE = re.compile(rf"(?<![\w.]){CIVILITY}{SP}+(?:(?:{PARTICLE}){SP}+){{0,2}}(?:{INITIAL_NAME}|{NAME})")
# "M. X.", "Mme Y": a letter standing for an anonymous person, nothing to mask
PLACEHOLDER_NAME = re.compile(r"^[A-Z]\.?$")
INTRO_RE = re.compile(
    rf"(?i:je{SP}+suis|je{SP}+m['’]appelle|je{SP}+me{SP}+nomme|(?:je{SP}+)?soussign[ée]e?s?|nom{SP}*(?:et{SP}+pr[ée]nom{SP}*)?:|"
    rf"pr[ée]nom{SP}*(?:et{SP}+nom{SP}*)?:|l['’]agent|agent|la{SP}+candidate|le{SP}+candidat|candidate?|coll[èe]gue|"
    rf"[ée]poux|[ée]pouse|conjointe?|compagnon|compagne|fils|fille|enfant|m[èe]re|p[èe]re|"
    rf"stagiaire|titulaire|contractuel(?:le)?|enseignante?|professeure?|"
    rf"sign[ée]|de{SP}+la{SP}+part{SP}+de|transmis{SP}+par|pour|concernant|attention{SP}+de|dossier|"
    rf"(?:Mon|Ma|mon|ma){SP}+coll[èe]gue){SP}*,?{SP}*(?:(?:{CIVILITY}){SP}+)?(?P<name>{INITIAL_NAME}|{NAME})"
)
CLOSING_RE = re.compile(
    rf"(?i:cordialement|bien{SP}+(?:[àa]{SP}+vous|cordialement|respectueusement)|"
    rf"(?:sinc[èe]res{SP}+|meilleures{SP}+|respectueuses{SP}+)?salutations(?:{SP}+\w+)*|"
    rf"merci(?:{SP}+(?:d['’]avance|par{SP}+avance|beaucoup|encore))?|respectueusement|amicalement|"
    rf"bonne{SP}+(?:journ[ée]e|soir[ée]e)|[àa]{SP}+bient[ôo]t)"
    rf"{SP}*[,.!]*{SP}*(?:\n[ \t\u00a0]*)*(?P<name>{INITIAL_NAME}|{NAME})"
)
UPPER_FIRST_RE = re.compile(
    rf"(?<![\w])(?:(?P<up>[{UP}][{UP}'’\-]+(?:{SP}[{UP}][{UP}'’\-]+)?){SP}+(?P<first>[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?)"
    rf"|(?P<first2>[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?){SP}+(?P<up2>[{UP}][{UP}'’\-]+(?:{SP}[{UP}][{UP}'’\-]+)?))(?![\w])"
)
FIRST_LAST_RE = re.compile(
    rf"(?<![\w])(?P<first>[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?){SP}+"
    rf"(?P<last>(?:(?:de|du|van|von|der|den|da|di|dos|das|del|ben|el|ould|ait){SP}+){{0,2}}{TOKEN}(?:{SP}+{TOKEN})?)(?![\w])"
)


def clean_tokens(value: str) -> list[str]:
    return [t for t in re.split(r"[ \u00a0\u202f]+", value) if t]


def trim_name(text: str, start: int, end: int, *, particle_names: bool = False) -> tuple[int, int] | None:
    """Drop leading/trailing non-name words of a candidate span; None when nothing is left.

    "Rapport de Dupont" keeps "Dupont" only, unless ``particle_names`` (a signature line: "Marjolaine
    de Kersauson" is one name)."""
    value = text[start:end]
    tokens = list(re.finditer(r"\S+", value))
    while tokens and fold(tokens[-1].group().strip(".,;:")) in NOT_NAMES:
        tokens.pop()
    while tokens and fold(tokens[0].group().strip(".,;:")) in NOT_NAMES:
        tokens.pop(0)
    while (
        not particle_names
        and len(tokens) >= 3
        and tokens[1].group() in LOWER_PARTICLES
        and fold(tokens[0].group()) not in first_names()
        and fold(tokens[0].group()) not in last_names()
    ):
        tokens = tokens[2:]
    if not tokens:
        return None
    new_start = start + tokens[0].start()
    new_end = start + tokens[-1].end()
    while new_end > new_start and text[new_end - 1] in ".,;:":
        new_end -= 1
    return new_start, new_end


def in_institution(text: str, start: int) -> bool:
    """True when the name at ``start`` follows (or begins with) an institution or street word."""
    if INSTITUTION.search(text[max(0, start - 60) : start]):
        return True
    first = re.match(r"\S+", text[start:])
    return bool(first and INSTITUTION.search(first.group() + " "))


def looks_like_name(value: str, *, strict: bool) -> bool:
    tokens = [
        t for t in clean_tokens(value) if fold(t) not in {"de", "du", "des", "la", "le", "van", "von", "da"}
    ]
    if not tokens or len(tokens) > 5:
        return False
    for token in tokens:
        if not token[0].isupper():
            return False
        if fold(token.strip(".,")) in NOT_NAMES:
            return False
    if strict:
        # world name tables know "Rh", "Drh": a short upper-case word stays an acronym
        known = sum(
            1
            for t in tokens
            if (known_first(t) or known_last(t) or capital_first(t)) and not (t.isupper() and len(t) <= 3)
        )
        return (
            known >= 1
            # "DUPONT Jean" yes, "MERCI DE ME RÉPONDRE" (an all-caps message) no
            or (len(tokens) >= 2 and any(t.isupper() and len(t) > 1 and not common_word(t) for t in tokens))
            or (2 <= len(tokens) <= 3 and any(_rare(t) for t in tokens))
        )
    return True


def _rare(token: str) -> bool:
    """A word the French model has no vector for (Kerlouan, Gwenola): likely a proper name."""
    word = token.strip(".,;:").lower()
    return len(word) > 2 and word.isalpha() and not nlp().vocab.has_vector(word)


WORD_START_RE = re.compile(rf"(?<![\w])[{UP}]")


def _overlapping(regex: re.Pattern, text: str):
    """Matches of ``regex`` starting at every capitalised word (finditer would skip "Salut Zoé Lemoine")."""
    for start in WORD_START_RE.finditer(text):
        m = regex.match(text, start.start())
        if m:
            yield m


def civilities(text: str) -> list[Entity]:
    """ "Mme Durand", "M. Le Roux", "Madame Anne Ribeiro" (spelled-out civilities stay outside the span)."""
    found = []
    for m in CIVILITY_RE.finditer(text):
        civility = re.match(CIVILITY, m.group()).group()
        tokens = list(re.finditer(r"\S+", text[m.start() + len(civility) : m.end()]))
        offset = m.start() + len(civility)
        while tokens and fold(tokens[-1].group().strip(".,;:")) in HARD_NOT_NAMES:
            tokens.pop()
        if not tokens:
            continue
        first = fold(tokens[0].group().strip("."))
        if first in HARD_NOT_NAMES and not (first in CAPITAL_PARTICLES and len(tokens) > 1):
            continue
        if not tokens[0].group()[0].isupper() and first not in CAPITAL_PARTICLES:
            continue
        if len(tokens) == 1 and PLACEHOLDER_NAME.match(tokens[0].group()):
            continue
        start = m.start() if SHORT_CIVILITY.match(civility) else offset + tokens[0].start()
        found.append(Entity(start, offset + tokens[-1].end(), "PERSON", 0.95, "civility"))
        if PLURAL_CIVILITY.match(civility):  # "Mmes Berthier et Ravelomanana", "MM. Diallo, Roche et Baud"
            position = offset + tokens[-1].end()
            while other := AND_NAME_RE.match(text, position):
                if fold(other.group("name").split()[0]) in HARD_NOT_NAMES:
                    break
                position = other.end()
                found.append(Entity(other.start("name"), other.end("name"), "PERSON", 0.9, "civility"))
    return found


def lower_civilities(text: str) -> list[Entity]:
    """ "j'ai eu mme pichon au tel", "le dossier de m. bouchard": a lowercase civility and a name."""
    found = []
    for m in LOWER_CIVILITY_RE.finditer(text):
        words = list(re.finditer(r"\S+", m.group("name")))
        while words and (common_word(words[-1].group()) and not known_last(words[-1].group())):
            words.pop()
        if not words or fold(words[0].group()) in stop_words() or fold(words[0].group()) in NOT_NAMES:
            continue
        start = m.start() if not m.group().startswith(("madame", "monsieur")) else m.start("name")
        found.append(Entity(start, m.start("name") + words[-1].end(), "PERSON", 0.85, "civility"))
    return found


def named_groups(text: str, regex: re.Pattern, recognizer: str, score: float, strict: bool) -> list[Entity]:
    found = []
    for m in regex.finditer(text):
        span = trim_name(text, m.start("name"), m.end("name"))
        if span is None:
            continue
        value = text[span[0] : span[1]]
        if in_institution(text, span[0]) or not looks_like_name(value, strict=strict):
            continue
        found.append(Entity(span[0], span[1], "PERSON", score, recognizer))
    return found


def upper_first(text: str) -> list[Entity]:
    """ "DUPONT Jean" / "Jean DUPONT" when the capitalised word is a known first name."""
    found = []
    for m in _overlapping(UPPER_FIRST_RE, text):
        first = m.group("first") or m.group("first2")
        upper = m.group("up") or m.group("up2")
        if not known_first(first) or fold(upper) in HARD_NOT_NAMES or len(upper) < 2:
            continue
        parts = upper.split()
        if any(
            fold(part) in HARD_NOT_NAMES and not (fold(part) in CAPITAL_PARTICLES and len(parts) > 1)
            for part in parts
        ):
            continue
        if in_institution(text, m.start()):
            continue
        found.append(Entity(m.start(), m.end(), "PERSON", 0.9, "upper_first"))
    return found


def first_last(text: str) -> list[Entity]:
    """ "Claire Pruvost": a known first name followed by a capitalised word that is not a common word."""
    found = []
    for m in _overlapping(FIRST_LAST_RE, text):
        first, last = m.group("first"), m.group("last")
        if not known_first(first) or (fold(first) not in first_names() and fold(first) in NOT_NAMES):
            continue
        last_tokens = last.split()
        if any(fold(t) in HARD_NOT_NAMES for t in last_tokens) and not (
            len(last_tokens) == 2
            and fold(last_tokens[0]) in CAPITAL_PARTICLES
            and fold(last_tokens[1]) not in HARD_NOT_NAMES
        ):
            last_tokens = last_tokens[:1]
            if fold(last_tokens[0]) in HARD_NOT_NAMES:
                continue
        if in_institution(text, m.start()):
            continue
        end = (
            m.start("last") + len(" ".join(last_tokens)) if len(last_tokens) < len(last.split()) else m.end()
        )
        found.append(Entity(m.start(), end, "PERSON", 0.85, "first_last"))
    return found


INITIAL_RE = re.compile(
    rf"(?<![\w.])[{UP}]\.(?:-[{UP}]\.)?{SP}?(?P<last>(?:{PARTICLE}{SP}+)?{TOKEN}(?:{SP}+{TOKEN})?)(?![\w])"
)  # "N. de Montalembert", "H. de La Roche-Aymon"


def initials(text: str) -> list[Entity]:
    """ "J. Raymond", "J.-P. Durand": an initial followed by a name that is not a common word."""
    found = []
    for m in INITIAL_RE.finditer(text):
        last = m.group("last").split()
        while last and fold(last[-1]) in HARD_NOT_NAMES:
            last.pop()
        if not last or (
            fold(last[0]) in HARD_NOT_NAMES and not (fold(last[0]) in CAPITAL_PARTICLES and len(last) > 1)
        ):
            continue
        if len(last) == 1 and PLACEHOLDER_NAME.match(last[0]):
            continue  # "M. X.": a civility and a placeholder letter, not an initial and a name
        if in_institution(text, m.start()):
            continue
        end = m.start("last") + len(" ".join(last)) if len(last) < len(m.group("last").split()) else m.end()
        found.append(Entity(m.start(), end, "PERSON", 0.8, "initial"))
    return found


SIGNATURE_SEPARATOR = re.compile(r"-- ?|—|_{3,}|-{3,}")


def signature(text: str) -> list[Entity]:
    """Last non-empty line that starts with a name ("Alix Pereira – alix@...")."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    # the last two lines, and the line after a signature separator ("--", "—") wherever it is
    after_separator = [
        lines[i + 1] for i, (_o, line) in enumerate(lines[:-1]) if SIGNATURE_SEPARATOR.fullmatch(line.strip())
    ]
    found = []
    for offset, line in dict.fromkeys(lines[1:][-2:] + after_separator):
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        head = re.split(r"\s+[–—\-|]\s+|[,;(]|\s{2,}", stripped, maxsplit=1)[0]
        if re.fullmatch(rf"(?:{CIVILITY}{SP}+)?(?:{INITIAL_NAME}|{NAME})", head) and looks_like_name(
            re.sub(rf"^{CIVILITY}{SP}+", "", head), strict=True
        ):
            span = trim_name(text, offset + lead, offset + lead + len(head), particle_names=True)
            if span is None:
                continue
            tokens = clean_tokens(text[span[0] : span[1]])
            # a lone word must look like a surname, not an acronym ("Service RH" -> "RH")
            if 1 < len(tokens) <= 4 or (len(tokens) == 1 and known_last(tokens[0]) and len(tokens[0]) > 3):
                found.append(Entity(span[0], span[1], "PERSON", 0.8, "signature"))
    return found
