"""Check digits of French and international identifiers, by python-stdnum (NIR, IBAN, SIREN/SIRET)."""

from __future__ import annotations

import re

from stdnum import iban as _iban
from stdnum import luhn as _luhn
from stdnum.exceptions import ValidationError
from stdnum.fr import nir as _nir
from stdnum.fr import siren as _siren
from stdnum.fr import siret as _siret

_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")
# Plausible 13-character NIR body: sex, year, month (01-12, 20-42 or 50-99 for unknown), department
NIR_BODY = re.compile(r"[1-478]\d{2}(?:0[1-9]|1[0-2]|[2-4]\d|[5-9]\d)(?:\d{2}|2[AB])\d{6}")


def compact(value: str) -> str:
    """Remove spaces, dots, dashes and any other separator."""
    return _NON_ALNUM.sub("", value)


def nir_key(body: str) -> int | None:
    """Expected key of a 13-character NIR body (Corsica: 2A -> 19, 2B -> 18)."""
    body = body.upper()
    if len(body) != 13:
        return None
    try:
        return int(_nir.calc_check_digits(body))
    except (ValueError, ValidationError):
        return None


def nir_valid(value: str) -> bool:
    """True for a 15-character NIR (social security number) whose key matches."""
    raw = compact(value).upper()
    return len(raw) == 15 and raw[0] in "1234578" and _nir.is_valid(raw)


def nir_body_plausible(value: str) -> bool:
    """A NIR written without its key (13 characters of the right shape)."""
    return bool(NIR_BODY.fullmatch(compact(value).upper()))


def iban_valid(value: str) -> bool:
    """ISO 13616: country length and mod-97 (python-stdnum's registry), any case."""
    # national check digits are not verified: a detector must not miss an IBAN with a mistyped BBAN key
    try:
        _iban.validate(compact(value).upper(), check_country=False)
    except ValidationError:
        return False
    return True


def luhn_valid(value: str) -> bool:
    raw = compact(value)
    return bool(raw) and raw.isdigit() and _luhn.is_valid(raw)


def siren_valid(value: str) -> bool:
    return _siren.is_valid(compact(value))


def siret_valid(value: str) -> bool:
    """SIRET by stdnum (Luhn, and La Poste's digit-sum rule for SIREN 356000000)."""
    return _siret.is_valid(compact(value))
