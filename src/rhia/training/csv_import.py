"""Attendance and completion import from CSV: pure parsing, then an all-or-nothing application.

Expected columns (header line, any order, separator ``;`` ``,`` or tab):
``identifiant`` (login or e-mail), ``formation`` (catalogue code), optional ``statut``
(``terminé`` by default, ``présent`` or ``absent``) and optional ``date`` (JJ/MM/AAAA or AAAA-MM-JJ,
today by default). Every line is checked first; if one is wrong nothing is recorded and each error
names its line, so the file can be corrected and sent again.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from rhia.folding import fold

STATUSES = {"termine": "completed", "terminee": "completed", "present": "present", "absent": "absent"}
_HEADER_ALIASES = {
    "identifiant": "identifier",
    "login": "identifier",
    "courriel": "identifier",
    "email": "identifier",
    "e-mail": "identifier",
    "formation": "training",
    "code": "training",
    "code formation": "training",
    "statut": "status",
    "date": "date",
}
MAX_LINES = 5000


@dataclass(frozen=True)
class ImportLine:
    line: int
    identifier: str
    training: str
    status: str  # "completed" | "present" | "absent"
    on: date


@dataclass
class ParsedImport:
    lines: list[ImportLine] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _fold(text: str) -> str:
    return fold(text.strip())


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as saved by spreadsheet software."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _parse_date(value: str) -> date | None:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def parse(text: str, *, today: date) -> ParsedImport:
    result = ParsedImport()
    text = text.lstrip("\ufeff")
    if not text.strip():
        result.errors.append("Le fichier est vide.")
        return result
    first_line = text.splitlines()[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader)
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _HEADER_ALIASES.get(_fold(name))
        if key and key not in columns:
            columns[key] = index
    missing = [
        label
        for key, label in (("identifier", "identifiant"), ("training", "formation"))
        if key not in columns
    ]
    if missing:
        result.errors.append(
            f"Ligne 1 : colonne(s) manquante(s) : {', '.join(missing)}. "
            "En-tête attendu : identifiant;formation;statut;date."
        )
        return result

    def cell(row: list[str], key: str) -> str:
        index = columns.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    for number, row in enumerate(reader, start=2):
        if not any(value.strip() for value in row):
            continue
        if number > MAX_LINES + 1:
            result.errors.append(f"Le fichier dépasse {MAX_LINES} lignes : découpez-le.")
            break
        identifier, training = cell(row, "identifier"), cell(row, "training")
        raw_status, raw_date = cell(row, "status"), cell(row, "date")
        problems = []
        if not identifier:
            problems.append("identifiant vide")
        if not training:
            problems.append("code de formation vide")
        status = STATUSES.get(_fold(raw_status)) if raw_status else "completed"
        if status is None:
            problems.append(f"statut « {raw_status} » inconnu (terminé, présent ou absent)")
        on = _parse_date(raw_date) if raw_date else today
        if on is None:
            problems.append(f"date « {raw_date} » illisible (JJ/MM/AAAA attendu)")
        elif on > today:
            problems.append(f"date {on:%d/%m/%Y} dans le futur")
        if problems:
            result.errors.append(f"Ligne {number} : {' ; '.join(problems)}.")
            continue
        result.lines.append(ImportLine(number, identifier, training, status, on))  # type: ignore[arg-type]
    if not result.lines and not result.errors:
        result.errors.append("Le fichier ne contient aucune ligne de données.")
    return result
