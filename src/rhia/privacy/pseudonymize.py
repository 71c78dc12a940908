"""Reversible pseudonymization with consistent placeholders (no Django import).

``pseudonymize`` replaces every entity (and every other occurrence of the same value) by a
placeholder such as ``[PERSONNE_1]``; the same value always gets the same placeholder, held
in ``mapping`` (placeholder -> value) which callers keep in an encrypted vault.
``reidentify`` puts the values back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rhia.privacy.entities import Entity

PLACEHOLDER_NAMES = {
    "PERSON": "PERSONNE",
    "EMAIL": "COURRIEL",
    "PHONE": "TELEPHONE",
    "NIR": "NIR",
    "IBAN": "IBAN",
    "NUMEN": "NUMEN",
    "ADDRESS": "ADRESSE",
    "BIRTHDATE": "DATE_NAISSANCE",
    "SIRET": "SIRET",
    "SIREN": "SIREN",
    "MATRICULE": "MATRICULE",
}
# An abbreviated civility stays in clear before the placeholder ("Mme [PERSONNE_1]"): it keeps the
# form of address for drafting and lets "Mme Claire Pruvost" and "Claire Pruvost" share a placeholder.
CIVILITY_PREFIX = re.compile(
    r"(?i)^(?:M\.|Mrs\.?|Ms\.?|Mr\.?|MM\.|Mme|Mmes|Mlle|Mlles|Dr\.?|Pr\.?|Me)[ \u00a0\u202f]+(?=\S)"
)
PLACEHOLDER_RE = re.compile(r"\[([A-Z][A-Z_]*)_(\d+)\]")
# Models sometimes rewrite "[PERSONNE_1]" as "[PERSONNE 1]", "[ PERSONNE_1 ]" or "[personne_1]".
LENIENT_RE = re.compile(r"\[\s*([A-Za-z][A-Za-z_]*?)[ _\-]?(\d+)\s*\]")


def placeholder_name(label: str) -> str:
    name = PLACEHOLDER_NAMES.get(label, re.sub(r"[^A-Z_]", "_", label.upper()) or "DONNEE")
    return name.strip("_") or "DONNEE"


def _boundary_pattern(value: str) -> re.Pattern:
    left = r"(?<![\w])" if value[:1].isalnum() or value[:1] == "_" else ""
    right = r"(?![\w])" if value[-1:].isalnum() or value[-1:] == "_" else ""
    return re.compile(left + re.escape(value) + right)


def pseudonymize(text: str, entities: Iterable[Entity], mapping: dict | None = None) -> tuple[str, dict]:
    """Return (pseudonymized text, mapping placeholder -> value) extended from ``mapping``.

    Overlapping entities must have been resolved (``detect.resolve``). A placeholder that
    already appears literally in ``text`` is never reused, so ``reidentify`` restores the text exactly.
    """
    mapping = dict(mapping or {})
    by_value = {value: placeholder for placeholder, value in mapping.items()}
    used_numbers: dict[str, set[int]] = {}
    for placeholder in mapping:
        m = PLACEHOLDER_RE.fullmatch(placeholder)
        if m:
            used_numbers.setdefault(m.group(1), set()).add(int(m.group(2)))
    for m in PLACEHOLDER_RE.finditer(text):
        used_numbers.setdefault(m.group(1), set()).add(int(m.group(2)))

    def placeholder_for(value: str, label: str) -> str:
        if value in by_value:
            return by_value[value]
        name = placeholder_name(label)
        numbers = used_numbers.setdefault(name, set())
        number = 1
        while number in numbers:
            number += 1
        numbers.add(number)
        placeholder = f"[{name}_{number}]"
        mapping[placeholder] = value
        by_value[value] = placeholder
        return placeholder

    spans: list[tuple[int, int, str]] = []
    for entity in sorted(entities, key=lambda e: (e.start, -e.end)):
        if entity.end <= entity.start or (spans and entity.start < spans[-1][1]):
            continue
        start = entity.start
        if entity.label == "PERSON":
            civility = CIVILITY_PREFIX.match(text[entity.start : entity.end])
            if civility:
                start += civility.end()
        value = text[start : entity.end]
        if not value.strip():
            continue
        spans.append((start, entity.end, placeholder_for(value, entity.label)))
    # every other occurrence of a known value (this text's or the case's) gets its placeholder too
    for value, placeholder in sorted(by_value.items(), key=lambda item: -len(item[0])):
        if not value.strip():
            continue
        for m in _boundary_pattern(value).finditer(text):
            if not any(m.start() < end and start < m.end() for start, end, _ in spans):
                spans.append((m.start(), m.end(), placeholder))
                spans.sort()
    out, position = [], 0
    for start, end, placeholder in sorted(spans):
        out.append(text[position:start])
        out.append(placeholder)
        position = end
    out.append(text[position:])
    return "".join(out), mapping


def reidentify(text: str, mapping: dict, *, lenient: bool = False) -> str:
    """Replace placeholders of ``mapping`` by their values (one pass, so values are never re-read).

    ``lenient`` also accepts the variants a language model may write ("[PERSONNE 1]", "[personne_1]").
    """
    if not mapping:
        return text
    if not lenient:
        return PLACEHOLDER_RE.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)
    canonical = {key.upper(): value for key, value in mapping.items()}

    def replace(m: re.Match) -> str:
        key = f"[{m.group(1).upper().strip('_ ')}_{int(m.group(2))}]"
        return canonical.get(key, m.group(0))

    return LENIENT_RE.sub(replace, text)
