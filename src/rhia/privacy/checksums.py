"""Check digits of French and international identifiers (NIR, IBAN, SIREN/SIRET)."""

from __future__ import annotations

import re

_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")

# Lengths of IBANs per country (ISO 13616 registry, main countries); others: 15..34.
IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22,
    "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18,
    "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "MA": 28,
    "TN": 24, "DZ": 26, "SN": 28, "CI": 28, "BR": 29, "TR": 26, "SA": 24, "AE": 23,
}  # fmt: skip


def compact(value: str) -> str:
    """Remove spaces, dots and dashes."""
    return _NON_ALNUM.sub("", value)


def nir_key(body: str) -> int | None:
    """Expected key of a 13-character NIR body (Corsica: 2A -> 19, 2B -> 18)."""
    body = body.upper()
    if len(body) != 13:
        return None
    numeric = body.replace("2A", "19", 1) if body[5:7] == "2A" else body
    numeric = numeric.replace("2B", "18", 1) if body[5:7] == "2B" else numeric
    if not numeric.isdigit():
        return None
    return 97 - int(numeric) % 97


def nir_valid(value: str) -> bool:
    """True for a 15-character NIR (social security number) whose key matches."""
    raw = compact(value).upper()
    if len(raw) != 15 or raw[0] not in "1234578" or not raw[13:].isdigit():
        return False
    return nir_key(raw[:13]) == int(raw[13:])


def iban_valid(value: str) -> bool:
    """ISO 13616 mod-97 check (any country) plus the country length when known."""
    raw = compact(value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", raw):
        return False
    expected = IBAN_LENGTHS.get(raw[:2])
    if expected is not None and len(raw) != expected:
        return False
    rearranged = raw[4:] + raw[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    return int(digits) % 97 == 1


def luhn_valid(value: str) -> bool:
    """Luhn check used by SIREN (9 digits) and SIRET (14 digits)."""
    raw = compact(value)
    if not raw.isdigit() or not raw:
        return False
    total = 0
    for index, char in enumerate(reversed(raw)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def siren_valid(value: str) -> bool:
    raw = compact(value)
    return len(raw) == 9 and luhn_valid(raw)


def siret_valid(value: str) -> bool:
    raw = compact(value)
    if len(raw) != 14 or not raw.isdigit():
        return False
    # La Poste establishments (SIREN 356000000) use a digit-sum rule instead of Luhn.
    if raw.startswith("356000000") and sum(int(c) for c in raw) % 5 == 0:
        return True
    return luhn_valid(raw)
