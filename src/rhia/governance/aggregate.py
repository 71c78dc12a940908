"""Aggregated counts with small-group suppression (pure): groups, never people."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

MIN_GROUP = 5


@dataclass(frozen=True)
class Count:
    key: tuple
    count: int

    @property
    def shown(self) -> str:
        return display(self.count)

    @property
    def suppressed(self) -> bool:
        return 0 < self.count < MIN_GROUP


def display(count: int, min_group: int = MIN_GROUP) -> str:
    """A count as shown to people: groups under ``min_group`` become "< 5"."""
    return f"< {min_group}" if 0 < count < min_group else str(count)


def count_by(rows: Iterable[tuple[Hashable, ...]]) -> list[Count]:
    """Count identical keys; sorted by key for a stable table."""
    counter = Counter(tuple(row) for row in rows)
    return [
        Count(key, n) for key, n in sorted(counter.items(), key=lambda item: tuple(str(k) for k in item[0]))
    ]
