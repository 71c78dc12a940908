"""Personal identifiers replaced by placeholders before the guard's classifier reads a request (pure Python).

A staff member's e-mail carries a NIR, an IBAN, a birth date, an address or a phone number; to the
embedder such a text looks like a CV (dates, contact header), and to the word model every digit group
is noise. What an identifier *is* matters for the use ("née le [date]"), its value never does, so each
one becomes a placeholder. The detectors are the privacy core's (``rhia.privacy.recognizers``); any
other token of at least five characters that mixes digits in ("04E7275367PCH", a file number) becomes
``[numéro]``. Rules and document types still read the unmasked text.
"""

from __future__ import annotations

import re

from rhia.privacy import recognizers

PLACEHOLDERS = {
    "EMAIL": "[courriel]",
    "NIR": "[numéro]",
    "IBAN": "[numéro]",
    "NUMEN": "[numéro]",
    "MATRICULE": "[numéro]",
    "PHONE": "[téléphone]",
    "ADDRESS": "[adresse]",
    "BIRTHDATE": "[date]",
}
_FINDERS = (
    recognizers.find_emails,
    recognizers.find_ibans,
    recognizers.find_nirs,
    recognizers.find_numens,
    recognizers.find_matricules,
    recognizers.find_phones,
    recognizers.find_addresses,
    recognizers.find_lowercase_addresses,
    recognizers.find_birthdates,
)
_DIGITS = re.compile(r"\d")
# A token of 5+ word characters with at least two digits (years and "80 %" stay; codes and numbers go).
_CODE = re.compile(r"(?<![\w\[])(?=(?:[^\W\d]*\d){2})[\w]{5,}(?![\w\]])")
_DATE = re.compile(r"(?<!\d)\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})(?!\d)")


def mask(text: str) -> str:
    """``text`` with its personal identifiers replaced by placeholders (never raises)."""
    if not text or not _DIGITS.search(text) and "@" not in text:
        return text
    spans = []
    for finder in _FINDERS:
        try:
            spans.extend(finder(text))
        except (ValueError, IndexError):  # a detector's bad day must not stop the guard
            continue
    kept, end = [], -1
    for entity in sorted(spans, key=lambda e: (e.start, -e.end)):
        if entity.start >= end and entity.label in PLACEHOLDERS:
            kept.append(entity)
            end = entity.end
    out, position = [], 0
    for entity in kept:
        out.append(text[position : entity.start])
        out.append(PLACEHOLDERS[entity.label])
        position = entity.end
    out.append(text[position:])
    masked = _DATE.sub("[date]", "".join(out))
    return _CODE.sub("[numéro]", masked)
