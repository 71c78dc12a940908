"""Undo the obfuscation people use to slip a request past a filter, before rules and classifier see it.

Unicode NFKC (full-width letters, ligatures), look-alike letters from other scripts mapped to Latin,
invisible characters removed, base64 and percent-encoded fragments decoded in place, letters spaced or
hyphenated one by one joined back ("c l a s s e" -> "classe"), digits used as letters inside a word
read as letters ("m3illeurs" -> "meilleurs"). Pure Python, no Django.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from urllib.parse import unquote

# Cyrillic and Greek letters that render like Latin ones (subset of Unicode's confusables.txt that
# matters for French and English text).
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "в": "b", "с": "c", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j",
        "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "ѕ": "s", "т": "t", "у": "y", "х": "x",
        "ԁ": "d", "ԛ": "q", "ԝ": "w", "ɡ": "g", "ı": "i",
        "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M",
        "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y",
        "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
        "χ": "x", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    }
)  # fmt: skip
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
_BASE64 = re.compile(r"(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{16,}={0,2}(?![A-Za-z0-9+/=])")
_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2}){3,}")
# Four or more single letters separated by one space, dot, hyphen, underscore or star.
_SPACED = re.compile(r"(?<!\w)(?:[^\W\d_][ .\-_*]){3,}[^\W\d_](?!\w)")
_SEPARATORS = re.compile(r"[ .\-_*]")
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
_LEET_WORD = re.compile(r"(?<=[^\W\d_])[013457@$](?=[^\W\d_])")


def _decoded_base64(blob: str) -> str | None:
    if len(blob.rstrip("=")) % 4 == 1 or not (set(blob) & set("0123456789+/=") or blob != blob.lower()):
        return None
    padded = blob + "=" * (-len(blob) % 4)
    try:
        text = base64.b64decode(padded, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    printable = sum(ch.isprintable() or ch in "\n\t" for ch in text)
    letters = sum(ch.isalpha() for ch in text)
    if not text or printable < 0.95 * len(text) or letters < 0.5 * len(text) or " " not in text.strip():
        return None
    return text


def _join_spaced(match: re.Match) -> str:
    return _SEPARATORS.sub("", match.group(0))


def normalize(text: str) -> str:
    """The request as its writer meant it to be read (same length order; never raises)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_CONFUSABLES)
    text = _INVISIBLE.sub("", text)
    if "%" in text:
        text = _PERCENT.sub(lambda m: unquote(m.group(0)), text)
    if len(text) >= 16:
        text = _BASE64.sub(lambda m: _decoded_base64(m.group(0)) or m.group(0), text)
    text = _SPACED.sub(_join_spaced, text)
    return _LEET_WORD.sub(lambda m: _LEET[m.group(0)], text)


def was_obfuscated(original: str, normalized: str) -> bool:
    """True when normalisation changed more than compatibility forms (for the decision's explanation)."""
    return unicodedata.normalize("NFKC", original or "") != normalized
