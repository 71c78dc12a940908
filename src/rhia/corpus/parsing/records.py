"""What every parser produces: a document with its sections, independent of the source format."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field

MAX_PASSAGE_WORDS = 300


class ParseError(Exception):
    """A file that cannot be read; ``message`` is French and names the reason."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class ParsedSection:
    path: list[str]
    text: str
    audience: str = ""
    # Versants / statuts the section applies to (empty: all), see corpus.parsing.applicability.
    versants: tuple[str, ...] = ()
    statuts: tuple[str, ...] = ()


@dataclass
class ParsedDocument:
    doc_id: str
    title: str
    url: str = ""
    kind: str = ""
    theme: str = ""
    audience: str = ""
    state: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    modified: dt.date | None = None
    sections: list[ParsedSection] = field(default_factory=list)

    def content_hash(self) -> str:
        data = asdict(self)
        return hashlib.sha256(
            json.dumps(data, sort_keys=True, default=str, ensure_ascii=False).encode()
        ).hexdigest()

    def passages(self, max_words: int = MAX_PASSAGE_WORDS) -> list[ParsedSection]:
        """Sections split into passages of at most ``max_words`` words, on paragraph boundaries."""
        out: list[ParsedSection] = []
        for section in self.sections:
            for chunk in split_text(section.text, max_words):
                out.append(
                    ParsedSection(
                        list(section.path), chunk, section.audience, section.versants, section.statuts
                    )
                )
        return out


def split_text(text: str, max_words: int = MAX_PASSAGE_WORDS) -> list[str]:
    text = text.strip()
    if not text:
        return []
    if len(text.split()) <= max_words:
        return [text]
    chunks: list[str] = []
    current: list[str] = []
    count = 0
    for paragraph in text.split("\n"):
        words = paragraph.split()
        if not words:
            continue
        while len(words) > max_words:  # a single huge paragraph: cut after a sentence, never mid-sentence
            if current:
                chunks.append("\n".join(current))
                current, count = [], 0
            cut = _sentence_cut(words, max_words)
            chunks.append(" ".join(words[:cut]))
            words = words[cut:]
        if count + len(words) > max_words and current:
            chunks.append("\n".join(current))
            current, count = [], 0
        current.append(" ".join(words))
        count += len(words)
    if current:
        chunks.append("\n".join(current))
    return chunks


def _sentence_cut(words: list[str], max_words: int) -> int:
    """Number of words to keep: the last sentence end within ``max_words`` (or ``max_words``)."""
    for i in range(max_words, max_words // 2, -1):
        if words[i - 1][-1:] in ".!?;":
            return i
    return max_words


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    value = value.strip()
    for prefix in ("modified ", "created "):
        if value.startswith(prefix):
            value = value[len(prefix) :]
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
