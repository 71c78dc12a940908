"""The guard's labelled corpus (pure Python): hand-written scenario families split train / dev / test.

Sources are ``data/corpus/*.txt`` (format in ``data/corpus/README.md``). Splits are by family, dealt
within each category so that every category reaches dev and test when it has enough families; the
test split is frozen in ``data/corpus/test.jsonl`` (its SHA-256 is checked by the tests).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent / "data" / "corpus"
SPLITS = ("train", "dev", "test")
# Families of one category, ordered by hash, are dealt in this order (3 train : 1 dev : 1 test); once the
# test split is frozen, its families stay there and the others are dealt 3 train : 1 dev.
_DEAL = ("train", "dev", "test", "train", "train")
_DEAL_FROZEN = ("train", "dev", "train", "train")

# Obfuscation used by real users to slip past filters; kept here, apart from the guard's normaliser.
_CYRILLIC = {"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і", "s": "ѕ"}
_ENCODED = re.compile(r"\{\{(.+?)\}\}")


class CorpusError(ValueError):
    """A corpus source that cannot be read (French message)."""


@dataclass(frozen=True)
class Item:
    id: str
    family: str
    request: str
    expected: str
    category: str
    style: str
    split: str = ""

    def row(self) -> dict:
        return asdict(self)


def _cyrillic(text: str, seed: str) -> str:
    # Every other eligible letter, starting at a position fixed by the item, becomes its look-alike.
    start = int(hashlib.sha1(seed.encode(), usedforsecurity=False).hexdigest(), 16) % 2
    out, eligible = [], 0
    for char in text:
        if char in _CYRILLIC:
            out.append(_CYRILLIC[char] if eligible % 2 == start else char)
            eligible += 1
        else:
            out.append(char)
    return "".join(out)


def _render(raw: str, seed: str) -> tuple[str, str]:
    """(request, style) of one source line."""
    text = raw.replace("\\n", "\n")
    if text.startswith("[b64]"):
        body = text[5:].strip()
        return _ENCODED.sub(lambda m: base64.b64encode(m.group(1).encode()).decode(), body), "base64"
    if text.startswith("[cyr]"):
        return _cyrillic(text[5:].strip(), seed), "lookalike"
    return text, "email" if "\n" in text else "plain"


def parse(path: Path) -> list[Item]:
    items: list[Item] = []
    family = expected = category = ""
    count = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            parts = [part.strip() for part in line[1:].split("|")]
            if len(parts) != 3 or parts[1] not in ("allowed", "forbidden"):
                raise CorpusError(f"{path.name}, ligne {number} : en-tête de famille invalide.")
            family, expected, category = parts
            count = 0
            continue
        if not line.startswith("- ") or not family:
            raise CorpusError(
                f"{path.name}, ligne {number} : une demande commence par « - » sous une famille."
            )
        count += 1
        item_id = f"{family}-{count:02d}"
        request, style = _render(line[2:].strip(), item_id)
        items.append(Item(item_id, family, request, expected, category, style))
    return items


def load_sources(directory: Path = CORPUS_DIR) -> list[Item]:
    items = [item for path in sorted(directory.glob("*.txt")) for item in parse(path)]
    families: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for item in items:
        families[item.family].add((item.expected, item.category))
    clashes = [name for name, labels in families.items() if len(labels) > 1]
    if clashes:
        raise CorpusError(f"Familles définies deux fois : {', '.join(sorted(clashes))}.")
    return items


def frozen_test_families(directory: Path = CORPUS_DIR) -> set[str] | None:
    path = split_path("test", directory)
    if not path.exists():
        return None
    return {json.loads(line)["family"] for line in path.read_text(encoding="utf-8").splitlines() if line}


def assign_splits(items: list[Item], frozen: set[str] | None = None) -> list[Item]:
    by_category: dict[tuple[str, str], set[str]] = defaultdict(set)
    split_of: dict[str, str] = {}
    for item in items:
        if frozen is not None and item.family in frozen:
            split_of[item.family] = "test"
        else:
            by_category[(item.expected, item.category)].add(item.family)
    deal = _DEAL if frozen is None else _DEAL_FROZEN
    for families in by_category.values():
        ordered = sorted(families, key=lambda f: hashlib.sha256(f.encode()).hexdigest())
        for index, family in enumerate(ordered):
            split_of[family] = deal[index % len(deal)]
    return [Item(**{**item.row(), "split": split_of[item.family]}) for item in items]


def build(directory: Path = CORPUS_DIR) -> dict[str, list[Item]]:
    splits: dict[str, list[Item]] = {name: [] for name in SPLITS}
    for item in assign_splits(load_sources(directory), frozen_test_families(directory)):
        splits[item.split].append(item)
    return splits


def to_jsonl(items: list[Item]) -> str:
    return "".join(json.dumps(item.row(), ensure_ascii=False) + "\n" for item in items)


def split_path(name: str, directory: Path = CORPUS_DIR) -> Path:
    return directory / f"{name}.jsonl"


def write_splits(directory: Path = CORPUS_DIR, *, freeze_test: bool = False) -> dict[str, int]:
    """Write train.jsonl and dev.jsonl; test.jsonl only when ``freeze_test`` (then never again).

    Raises CorpusError when the sources no longer produce the frozen test split.
    """
    splits = build(directory)
    for name in ("train", "dev"):
        split_path(name, directory).write_text(to_jsonl(splits[name]), encoding="utf-8")
    test_text = to_jsonl(splits["test"])
    frozen = split_path("test", directory)
    if freeze_test and not frozen.exists():
        frozen.write_text(test_text, encoding="utf-8")
    elif frozen.exists() and frozen.read_text(encoding="utf-8") != test_text:
        raise CorpusError(
            "Les sources ne redonnent plus le jeu de test gelé (test.jsonl) : une famille de test a été "
            "modifiée. Rétablissez-la ; ne modifiez jamais le jeu de test."
        )
    return {name: len(items) for name, items in splits.items()}
