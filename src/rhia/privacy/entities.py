"""Value objects of the privacy core (no Django import)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Entity:
    """A detected personal-data span: ``text[start:end]`` carries ``label``."""

    start: int
    end: int
    label: str
    score: float = 1.0
    recognizer: str = ""

    def overlaps(self, other: Entity) -> bool:
        return self.start < other.end and other.start < self.end

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "score": round(self.score, 3),
            "recognizer": self.recognizer,
        }


@dataclass(frozen=True)
class SensitiveHit:
    """A GDPR art. 9 / HR-sensitive category and the words that triggered it."""

    category: str
    words: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"category": self.category, "words": list(self.words)}


@dataclass
class ScanResult:
    entities: list[Entity] = field(default_factory=list)
    sensitive: list[SensitiveHit] = field(default_factory=list)

    @property
    def sensitive_categories(self) -> list[str]:
        return [hit.category for hit in self.sensitive]

    def to_dict(self, text: str | None = None) -> dict:
        entities = []
        for entity in self.entities:
            item = entity.to_dict()
            if text is not None:
                item["text"] = text[entity.start : entity.end]
            entities.append(item)
        return {"entities": entities, "sensitive": [hit.to_dict() for hit in self.sensitive]}
