"""Pattern recognizers for French identifiers: each returns ``Entity`` spans.

Checksummed identifiers (NIR, IBAN, SIREN/SIRET) are validated; patterns that are
ambiguous on their own (SIREN, a NIR with a wrong key) need a context word before them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

import phonenumbers

from rhia.privacy.checksums import (
    compact,
    iban_valid,
    nir_body_plausible,
    nir_valid,
    siren_valid,
    siret_valid,
)
from rhia.privacy.entities import Entity
from rhia.privacy.lexicon import HARD_NOT_NAMES, fold, functional_mailbox

SEP = r"[ \u00a0\u202f.\-]"
SP = r"[ \u00a0\u202f]"


def _context_before(text: str, start: int, pattern: re.Pattern, width: int = 45) -> bool:
    return bool(pattern.search(text[max(0, start - width) : start]))


# --- e-mail ------------------------------------------------------------------------
EMAIL_RE = re.compile(
    r"(?<![\w.+\-])[A-Za-z0-9](?:[A-Za-z0-9._%+\-]*[A-Za-z0-9_%+\-])?"
    r"@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}"
    r"(?![\w\-])"
)


def find_emails(text: str) -> list[Entity]:
    return [
        Entity(m.start(), m.end(), "EMAIL", 1.0, "email")
        for m in EMAIL_RE.finditer(text)
        if not functional_mailbox(m.group().split("@")[0])
    ]


# --- NIR (numéro de sécurité sociale) ----------------------------------------------
NIR_BODY_RE = rf"[1-478](?:{SEP}?\d){{4}}{SEP}?(?:\d{SEP}?\d|2{SEP}?[ABab])(?:{SEP}?\d){{6}}"
NIR_RE = re.compile(
    rf"(?<![\w.])(?P<body>{NIR_BODY_RE})(?P<key>{SEP}{{0,3}}(?:(?i:cl[ée]){SEP}*:?{SEP}*|[-/]{SEP}*)?\d{SEP}?\d)?(?![\w])"
)
NIR_CONTEXT = re.compile(
    r"(?i)(s[ée]curit[ée] sociale|s[ée]cu\b|\bnir\b|\binsee\b|\bn°\s*ss\b|\bss\s*:|immatriculation|carte vitale)"
)


def find_nirs(text: str) -> list[Entity]:
    found = []
    for m in NIR_RE.finditer(text):
        body = compact(m.group("body"))
        if m.group("key") and nir_valid(body + compact(m.group("key"))[-2:]):
            found.append(Entity(m.start(), m.end(), "NIR", 1.0, "nir"))
        elif m.group("key") and (
            _context_before(text, m.start(), NIR_CONTEXT)
            # "… (NIR) : merci de compléter … le numéro indiqué, 2850475…": announced further back
            or (nir_body_plausible(body) and _context_before(text, m.start(), NIR_CONTEXT, width=160))
        ):
            # wrong key but announced as a social security number: a typo, still personal data
            found.append(Entity(m.start(), m.end(), "NIR", 0.6, "nir_context"))
        elif nir_body_plausible(body) and (
            _context_before(text, m.start(), NIR_CONTEXT) or not m.group("key") and len(m.group("body")) > 13
        ):
            # the 13 digits without their key ("1 78 11 59 094 462")
            end = m.end("body")
            found.append(Entity(m.start(), end, "NIR", 0.8, "nir_body"))
    return found


# --- IBAN ------------------------------------------------------------------------
IBAN_RE = re.compile(rf"(?<![\w])[A-Za-z]{{2}}\d{{2}}(?:{SP}?[A-Za-z0-9]){{11,30}}(?![a-z])")
IBAN_CONTEXT = re.compile(r"(?i)\b(iban|rib|bic|coordonn[ée]es bancaires|compte)\b")
_FR_IBAN_LENGTH = 27


def _iban_shaped(piece: str, text: str, start: int) -> bool:
    """A French IBAN with a typo (bad check digits) is still someone's account: mask it too."""
    body = compact(piece).upper()
    return (
        body[:2] == "FR" and len(body) == _FR_IBAN_LENGTH and body[2:4].isdigit() and body[4:14].isdigit()
    ) or (len(body) >= 15 and _context_before(text, start, IBAN_CONTEXT) and body[2:4].isdigit())


def find_ibans(text: str) -> list[Entity]:
    found = []
    for m in IBAN_RE.finditer(text):
        candidate = m.group()
        if not (candidate[:2].isupper() or candidate[:2].islower()):
            continue
        # try the longest prefix that ends on an alphanumeric and validates
        for end in range(len(candidate), 14, -1):
            piece = candidate[:end]
            if not piece[-1].isalnum() or (
                end < len(candidate) and candidate[end].isalnum() and candidate[end - 1].isalnum()
            ):
                continue
            if iban_valid(piece):
                found.append(Entity(m.start(), m.start() + end, "IBAN", 1.0, "iban"))
                break
        else:
            if _iban_shaped(candidate.rstrip(), text, m.start()):
                found.append(
                    Entity(m.start(), m.start() + len(candidate.rstrip()), "IBAN", 0.7, "iban_shape")
                )
    return found


# --- NUMEN (identifiant Éducation nationale) ---------------------------------------
NUMEN_SEP = r"[ \u00a0\-.]?"
NUMEN_RE = re.compile(
    rf"(?<![\w])\d{NUMEN_SEP}\d{NUMEN_SEP}[A-Za-z]{NUMEN_SEP}\d(?:{NUMEN_SEP}\d){{6}}{NUMEN_SEP}[A-Za-z]{{3}}(?![\w])"
)


def find_numens(text: str) -> list[Entity]:
    return [Entity(m.start(), m.end(), "NUMEN", 1.0, "numen") for m in NUMEN_RE.finditer(text)]


# --- SIREN / SIRET -----------------------------------------------------------------
SIRET_RE = re.compile(rf"(?<![\w.,])\d{{3}}{SP}?\d{{3}}{SP}?\d{{3}}(?:{SP}?\d{{5}})?(?![\w]|[.,]\d)")
SIREN_CONTEXT = re.compile(r"(?i)\b(siren|siret|rcs|entreprise|soci[ée]t[ée])\b")


def find_sirets(text: str) -> list[Entity]:
    found = []
    for m in SIRET_RE.finditer(text):
        digits = compact(m.group())
        if len(digits) == 14 and siret_valid(digits):
            found.append(Entity(m.start(), m.end(), "SIRET", 0.9, "siret"))
        elif len(digits) == 9 and siren_valid(digits) and _context_before(text, m.start(), SIREN_CONTEXT):
            found.append(Entity(m.start(), m.end(), "SIREN", 0.8, "siren"))
    return found


# --- phone numbers -----------------------------------------------------------------
# any grouping of the ten digits (06 12 34 56 78, 061 234 56 78, +33 612 345 678, 0612345678)
PHONE_FR_RE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00){SP}?33{SP}?(?:\(0\){SP}?)?|0{SEP}?)[1-9](?:{SEP}{{0,2}}\d){{8}}(?![\w]|[.,]?\d)"
)
PHONE_INTL_RE = re.compile(rf"(?<![\w+])(?:\+|00){SP}?[1-9]\d{{0,2}}(?:{SEP}?\(?\d+\)?){{2,7}}")


def find_phones(text: str) -> list[Entity]:
    found = [Entity(m.start(), m.end(), "PHONE", 0.95, "phone_fr") for m in PHONE_FR_RE.finditer(text)]
    taken = [(e.start, e.end) for e in found]
    for m in PHONE_INTL_RE.finditer(text):
        if any(m.start() < end and start < m.end() for start, end in taken):
            continue
        raw = m.group().strip()
        try:
            number = phonenumbers.parse(raw.replace("00", "+", 1) if raw.startswith("00") else raw, None)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            found.append(Entity(m.start(), m.start() + len(m.group().rstrip()), "PHONE", 0.9, "phonenumbers"))
    return found


# --- postal addresses --------------------------------------------------------------
STREET_TYPES = (
    r"lot\.|r[ée]s\.|rue|avenue|av\.|bd|boulevard|chemin|all[ée]e|impasse|place|route|quai|square|cours|passage|sentier|"
    r"voie|faubourg|fbg|rond-point|r[ée]sidence|lotissement|hameau|lieu-dit|cit[ée]|esplanade|promenade|"
    r"parvis|traverse|mont[ée]e|chauss[ée]e|villa|clos|mail|rampe|venelle|ruelle|domaine|chemin rural|zone|za|zi|zac"
)
PARTICLE = r"(?:de|du|des|la|le|les|aux|au|à|et|sur|sous|en|l['’]|d['’])"
CAP_WORD = r"[A-ZÀ-Ý0-9][\w’'\-]*"
# "bât. D", "appt 12", "esc. 3": building complements inside an address
COMPLEMENT = rf"(?:{SP}*,?{SP}*(?i:b[âa]t(?:iment)?\.?|esc(?:alier)?\.?|appt\.?|apt\.?|appartement|porte|[ée]tage){SP}*[\w]{{1,4}})"
STREET_NAME = rf"(?:{PARTICLE}{SP}*)*{CAP_WORD}(?:{SP}+(?:{PARTICLE}{SP}*)*{CAP_WORD}){{0,6}}"
CITY = rf"[A-ZÀ-Ý][\w’'\-]*(?:(?:{SP}|-)(?:(?:sur|sous|en|l[èe]s|le|la|de|du|des|aux|d['’]|l['’])(?:{SP}|-))?(?!CEDEX|Cedex)[A-ZÀ-Ý][\w’'\-]*){{0,4}}(?:{SP}+(?:CEDEX|Cedex)(?:{SP}+\d{{1,2}})?)?"
NUMBER = rf"\d{{1,4}}(?:{SP}?(?:bis|ter|quater|[A-D])\b)?"
POSTCODE = rf"(?:\d{{5}}|\d{{2}}{SP}\d{{3}})"
ADDRESS_RE = re.compile(
    rf"(?:(?<![\w,.])(?:{NUMBER}){SP}*,?{SP}*)?(?i:{STREET_TYPES})(?![\w]){SP}*{STREET_NAME}{COMPLEMENT}?"
    rf"(?:{SP}*,?{SP}*{NUMBER}{SP}+(?i:{STREET_TYPES})(?![\w]){SP}+{STREET_NAME})?"  # "Résidence X, 12 allée Y"
    rf"(?:{SP}*[,\-–]?{SP}*(?:\n{SP}*)?(?:BP|CS){SP}\d+)?"
    rf"(?:{SP}*,?{SP}*(?:\n{SP}*)?{POSTCODE}{SP}+{CITY})?"
)
# Postal boxes and CEDEX are for organisations (a rectorate, a school), not a person's home.
INSTITUTIONAL_ADDRESS = re.compile(r"(?<![\w])(?:BP|CS|CEDEX|Cedex)(?![\w])")
HAS_POSTCODE = re.compile(rf"{POSTCODE}{SP}+[A-ZÀ-Ý]")


def _trim_address_end(text: str, start: int, end: int) -> int:
    """Drop trailing punctuation and words that cannot end an address ("…, 86000 Poitiers Tél")."""
    while True:
        while end > start and text[end - 1] in " .,-’'\u00a0":
            end -= 1
        last = re.search(r"[\w’'\-]+$", text[start:end])
        if not last or last.start() == 0 or fold(last.group()) not in HARD_NOT_NAMES:
            return end
        end = start + last.start()


STREET_WORD_RE = re.compile(rf"(?i)(?<![\w])(?:{STREET_TYPES})(?![\w])")


def find_addresses(text: str) -> list[Entity]:
    found: list[Entity] = []
    for keyword in STREET_WORD_RE.finditer(text):
        if found and keyword.start() < found[-1].end:
            continue
        # the match may start up to a street number before the keyword ("12 bis, rue ...")
        window_start = max(0, keyword.start() - 14)
        m = None
        for candidate in ADDRESS_RE.finditer(text, window_start):
            if candidate.start() > keyword.start():
                break
            if keyword.start() < candidate.end():
                m = candidate
                break
        if m is None:
            continue
        value = m.group()
        has_number = value[:1].isdigit()
        has_postcode = bool(HAS_POSTCODE.search(value))
        if not (has_number or has_postcode) or INSTITUTIONAL_ADDRESS.search(value):
            continue
        end = _trim_address_end(text, m.start(), m.end())
        if found and m.start() < found[-1].end:
            continue
        found.append(Entity(m.start(), end, "ADDRESS", 0.95 if has_postcode else 0.75, "address"))
    return found


LC_WORD = r"[\w’'\-]+"
# Addresses typed in lowercase ("21 bis route de quimper 40100 dax"): the postcode is then required.
ADDRESS_LC_RE = re.compile(
    rf"(?<![\w,.])(?:{NUMBER}{SP}*,?{SP}*)?(?i:{STREET_TYPES})(?![\w]){SP}*(?:{LC_WORD}{SP}+){{0,6}}?"
    rf",?{SP}*{POSTCODE}{SP}+(?:(?i:le|la|les|saint|sainte){SP}+)?[^\W\d][\w’'\-]*"
)


def find_lowercase_addresses(text: str) -> list[Entity]:
    found = []
    for m in ADDRESS_LC_RE.finditer(text):
        if not INSTITUTIONAL_ADDRESS.search(m.group()):
            found.append(Entity(m.start(), m.end(), "ADDRESS", 0.9, "address_lc"))
    return found


# --- birth dates -------------------------------------------------------------------
MONTHS = r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre"
MONTHS_ABBR = r"janv\.?|f[ée]vr?\.?|avr\.?|juil\.?|sept?\.?|oct\.?|nov\.?|d[ée]c\.?|ao[uû]\.?"
MONTHS_EN = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?"
)
DATE = (
    rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})"
    rf"|(?:19|20)\d{{2}}-[01]?\d-[0-3]?\d"  # ISO 1981-06-30
    rf"|[0-3]?\d{SP}[01]?\d{SP}(?:19|20)?\d{{2}}"  # 30 06 1981
    rf"|(?:1er|1ᵉʳ|\d{{1,2}}){SP}+(?i:{MONTHS}|{MONTHS_ABBR}){SP}+(?:\d{{4}}|\d{{2}})"  # 3 mars 81, 3 févr. 1981
    rf"|\d{{1,2}}(?:st|nd|rd|th)?{SP}+(?i:{MONTHS_EN}),?{SP}+\d{{4}}"  # 5 May 1988, 5th May, 1988
    rf"|(?i:{MONTHS_EN}){SP}+\d{{1,2}}(?:st|nd|rd|th)?,?{SP}+\d{{4}})"  # May 5, 1988
)
BIRTH_INTRO = (
    r"(?i:n[ée]{1,2}(?:\(e\))?|n[ée]\s*e?s?)(?:\s+[àa]\s+[A-ZÀ-Ý][\w'’\-]*(?:[ \-][A-ZÀ-Ý(][\w'’\-)]*){0,3})?\s*,?\s+le"
    r"|(?i:date\s+et\s+lieu\s+de\s+naissance)\s*:?"
    r"|(?i:date\s+de\s+naissance|d\.?\s?d\.?\s?n\.?|naissance)\s*(?:[:=]|est|le)?"
    r"|(?i:born(?:\s+on)?|date\s+of\s+birth|birth\s*date|d\.?o\.?b\.?)\s*(?:[:=]|is)?"
)
BIRTHDATE_RE = re.compile(
    rf"(?:(?<![\w])(?:{BIRTH_INTRO})){SP}*(?:(?i:le){SP}+)?:?{SP}*(?P<date>{DATE})(?![\w])"
)


def find_birthdates(text: str) -> list[Entity]:
    return [
        Entity(m.start("date"), m.end("date"), "BIRTHDATE", 0.95, "birthdate")
        for m in BIRTHDATE_RE.finditer(text)
    ]


# --- local identifiers (matricule ...) ---------------------------------------------
MATRICULE_RE = re.compile(
    rf"(?i:matricule|n°{SP}?agent|identifiant{SP}agent){SP}*(?:(?i:n[°o]){SP}*)?[:.]?{SP}*(?P<value>[A-Z0-9][A-Z0-9\-/]{{3,19}})(?![\w])"
)


def find_matricules(text: str) -> list[Entity]:
    found = []
    for m in MATRICULE_RE.finditer(text):
        if any(c.isdigit() for c in m.group("value")):
            found.append(Entity(m.start("value"), m.end("value"), "MATRICULE", 0.9, "matricule"))
    return found


def custom_patterns() -> dict[str, re.Pattern]:
    """Local identifier patterns from ``RHIA_PRIVACY_PATTERNS`` (JSON object: label -> regex).

    When the regex has a named group ``value`` only that group is the entity.
    """
    from django.conf import settings

    raw = (getattr(settings, "RHIA_PRIVACY_PATTERNS", "") or "").strip()
    if not raw:
        return {}
    try:
        spec = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError("RHIA_PRIVACY_PATTERNS doit être un objet JSON {libellé: expression}") from exc
    return {str(label).upper(): re.compile(pattern) for label, pattern in spec.items()}


def find_custom(text: str, patterns: dict[str, re.Pattern]) -> list[Entity]:
    found = []
    for label, pattern in patterns.items():
        for m in pattern.finditer(text):
            group = "value" if "value" in pattern.groupindex else 0
            if m.start(group) < m.end(group):
                found.append(Entity(m.start(group), m.end(group), label, 0.9, "custom"))
    return found


PATTERN_RECOGNIZERS: list[Callable[[str], Iterable[Entity]]] = [
    find_emails,
    find_nirs,
    find_ibans,
    find_numens,
    find_sirets,
    find_phones,
    find_addresses,
    find_lowercase_addresses,
    find_birthdates,
    find_matricules,
]
