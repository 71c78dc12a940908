"""Entry point of the privacy core: ``scan(text)`` and ``data_class(result)`` (no Django import)."""

from __future__ import annotations

from rhia.privacy import lexicon, recognizers
from rhia.privacy.entities import Entity, ScanResult, SensitiveHit
from rhia.privacy.names import find_persons
from rhia.privacy.sensitive import find_sensitive

__all__ = ["Entity", "ScanResult", "SensitiveHit", "data_class", "resolve", "scan", "warm_up"]

# When two entities of different labels overlap, the lower rank wins.
PRIORITY = {
    "IBAN": 0, "NIR": 1, "EMAIL": 2, "NUMEN": 3, "SIRET": 4, "SIREN": 4, "MATRICULE": 5, "PHONE": 6,
    "BIRTHDATE": 7, "ADDRESS": 8, "PERSON": 9,
}  # fmt: skip

MAX_LENGTH = 1_000_000


def resolve(entities: list[Entity]) -> list[Entity]:
    """Non-overlapping entities: merge overlapping spans of one label, then keep higher-priority labels."""
    merged: list[Entity] = []
    for entity in sorted(entities, key=lambda e: (e.label, e.start, -e.end)):
        last = merged[-1] if merged else None
        if last is not None and last.label == entity.label and entity.start < last.end:
            best = last if last.score >= entity.score else entity
            merged[-1] = Entity(
                last.start, max(last.end, entity.end), last.label, best.score, best.recognizer
            )
        else:
            merged.append(entity)
    chosen: list[Entity] = []
    for entity in sorted(merged, key=lambda e: (PRIORITY.get(e.label, 5), -e.score, -(e.end - e.start))):
        if not any(entity.overlaps(other) for other in chosen):
            chosen.append(entity)
    return sorted(chosen)


def scan(text: str, *, use_ner: bool = True) -> ScanResult:
    """Personal-data entities and sensitive categories of ``text``."""
    if len(text) > MAX_LENGTH:
        raise ValueError(f"Texte trop long pour l'analyse ({len(text)} caractères, maximum {MAX_LENGTH}).")
    found: list[Entity] = []
    for recognizer in recognizers.PATTERN_RECOGNIZERS:
        found.extend(recognizer(text))
    found.extend(recognizers.find_custom(text, recognizers.custom_patterns()))
    patterns = resolve(found)
    persons = find_persons(text, patterns, use_spacy=use_ner)
    entities = resolve(patterns + persons)
    # words inside detected values (M. Gay, rue de l'Église, francois.gay@...) are not categories
    spans = [(e.start, e.end) for e in entities]
    return ScanResult(entities=entities, sensitive=find_sensitive(text, spans))


def warm_up() -> None:
    """Load the NER model now (it is otherwise loaded at the first sentence that needs it)."""
    from rhia.privacy.names import nlp

    nlp()("Bonjour Jean.")
    (
        lexicon.world_first_names(),
        lexicon.world_last_names(),
        lexicon.word_first_names(),
        lexicon.french_words(),
        lexicon.lemma_forms(),
        lexicon.lemma("vertiges"),
    )
    scan("Bonjour karim, c'est moussa benali (moussa.benali@exemple.fr), cordialement\nMoussa")


def data_class(result: ScanResult) -> str:
    """ "sensitive" when a sensitive category is present, "personal" with any entity, else "public"."""
    if result.sensitive:
        return "sensitive"
    if result.entities:
        return "personal"
    return "public"
