"""Version numbers of kit documents (pure)."""

from __future__ import annotations

from collections.abc import Iterable


def next_version(existing: Iterable[tuple[int, int]], major: bool) -> tuple[int, int]:
    """The number of a new version after ``existing`` ones: (M+1, 0) if major, else (M, m+1)."""
    versions = sorted(existing)
    if not versions:
        return (1, 0)
    last_major, last_minor = versions[-1]
    return (last_major + 1, 0) if major else (last_major, last_minor + 1)
