"""Sentences of the selected passages, each knowing its passage, its place and its sub-heading.

A fiche section is stored as lines: headings (short, no final stop), sentences, list items. A line
that ends with ":" introduces the list items that follow, which only make sense with it, so an item
keeps its lead-in. Splitting is pure and fast: the extractive answer needs it in milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«\"(A-ZÀ-ÖØ-Ý0-9])")
_ABBREVIATION = re.compile(r"\b(?:art|al|n°|cf|p|ex|M|Mme|MM|L|R|D|etc|min|max|env)\.$")
_MISSING_SPACE = re.compile(r"(\d)\s?%(?=[^\W\d_])")
_ITEM = re.compile(r"^\s*(?:[-•*–]|\d{1,2}[.)])\s+")


@dataclass(frozen=True)
class Sentence:
    """One source sentence; ``number`` is its passage's [n] (1-based position in the sources)."""

    text: str
    number: int
    document_id: str
    section_path: str
    heading: str  # the sub-heading line above it inside the passage, or ""
    lead: str  # the "…:" line a list item completes, or ""
    position: int  # order inside the passage

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def shown(self) -> str:
        """The sentence as it is quoted: a list item keeps its lead-in."""
        return f"{self.lead} {self.text}" if self.lead else self.text


def field_of(passage: Any, name: str) -> str:
    if isinstance(passage, dict):
        return str(passage.get(name) or "")
    return str(getattr(passage, name, "") or "")


def split_line(line: str) -> list[str]:
    pieces: list[str] = []
    for piece in _SENTENCE_END.split(line.strip()):
        piece = piece.strip()
        if not piece:
            continue
        if pieces and _ABBREVIATION.search(pieces[-1]):
            pieces[-1] += " " + piece
        else:
            pieces.append(piece)
    return pieces


def _is_heading(line: str) -> bool:
    return len(line.split()) <= 12 and not re.search(r"[.:;!?…]$", line)


def _table_row(cells: list[str], header: list[str]) -> str:
    """A table row as one sentence: "Row label : column = value ; …" (cells kept verbatim)."""
    label, values = cells[0], cells[1:]
    pairs = [
        f"{header[i]} : {value}" if i < len(header) and header[i] else value
        for i, value in enumerate(values)
        if value
    ]
    return f"{label} — " + " ; ".join(pairs) + "."


def passage_sentences(passage: Any, number: int) -> list[Sentence]:
    text = _MISSING_SPACE.sub(r"\1 % ", field_of(passage, "text").replace("\r", ""))
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    out: list[Sentence] = []
    heading = lead = ""
    header: list[str] = []
    for line in (line for line in lines if line):
        if line.count("|") >= 2:
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if line.startswith("|"):  # the header row names the columns, it states nothing
                header = cells
                continue
            line = _table_row(cells, header)
        else:
            header = [] if not lead else header
        item = _ITEM.match(line)
        if item:
            line = line[item.end() :]
        else:
            lead = ""
            if _is_heading(line):
                heading = line
                continue
        for piece in split_line(line):
            out.append(
                Sentence(
                    text=piece,
                    number=number,
                    document_id=field_of(passage, "document_id"),
                    section_path=field_of(passage, "section_path"),
                    heading=heading,
                    lead=lead if item else "",
                    position=len(out),
                )
            )
        if not item and line.endswith(":"):
            lead = line
    return out


def all_sentences(passages: list[Any]) -> list[Sentence]:
    """Every sentence of ``passages``, numbered by the passage's 1-based position."""
    out: list[Sentence] = []
    for number, passage in enumerate(passages, start=1):
        out.extend(passage_sentences(passage, number))
    return out
