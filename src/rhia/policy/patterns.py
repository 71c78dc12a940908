"""Compiling the guard's patterns (pure): sentences, literal word heads and the prefilter index.

A rule's regular expressions are indexed by the first characters of the words they can match, so a
request is only tried against the rules whose heads it contains (``text_heads``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from re import _constants as _C  # noqa: PLC2701 - pattern introspection for the prefix optimisation
from re import _parser  # noqa: PLC2701
from typing import Any

_SENTENCE_END = re.compile(r"(?<=[.?!;])\s+|\n+")


def sentences_of(folded: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(folded) if part]


def _literal_prefixes(items: Any) -> set[str] | None:
    """Literal strings a match must start with (None when unknown), from the parsed pattern."""
    prefix = ""
    for op, av in items:
        if op is _C.AT and not prefix:
            continue
        if op is _C.LITERAL:
            prefix += chr(av)
            continue
        if prefix:
            return {prefix}
        if op is _C.SUBPATTERN:
            return _literal_prefixes(av[-1])
        if op is _C.BRANCH:
            union: set[str] = set()
            for alternative in av[1]:
                found = _literal_prefixes(alternative)
                if not found:
                    return None
                union |= found
            return union
        if op is _C.MAX_REPEAT and av[0] > 0:
            return _literal_prefixes(av[2])
        return None
    return {prefix} if prefix else None


_HEAD_CHARS = 8
_LEADING_WORD = re.compile(rf"[a-z0-9]{{1,{_HEAD_CHARS}}}")


def _heads(prefixes: set[str] | None) -> frozenset[str] | None:
    if not prefixes:
        return None
    heads = set()
    for prefix in prefixes:
        lead = _LEADING_WORD.match(prefix)
        if lead is None:
            return None
        heads.add(lead.group(0))
    return frozenset(heads)


def _compile(patterns: Sequence[str] | str | None) -> re.Pattern | None:
    if not patterns:
        return None
    if isinstance(patterns, str):
        patterns = [patterns]
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _prefilter(pattern: re.Pattern | None) -> frozenset[str] | None:
    """Word heads one of which must appear in the text for ``pattern`` to match."""
    if pattern is None:
        return None
    try:
        return _heads(_literal_prefixes(_parser.parse(pattern.pattern)))
    except Exception:  # noqa: BLE001 - the prefilter is an optimisation only
        return None


_TOKENS = re.compile(r"[a-z0-9]+")


def text_heads(folded: str) -> frozenset[str]:
    """Every head (first 1 to 8 letters) of the words of ``folded`` (for the rule prefilter)."""
    heads: set[str] = set()
    add = heads.update
    for t in set(_TOKENS.findall(folded)):
        add((t[:1], t[:2], t[:3], t[:4], t[:5], t[:6], t[:7], t[:8]))
    return frozenset(heads)


def _compile_groups(groups: Sequence[str] | Sequence[Sequence[str]] | str | None) -> tuple[re.Pattern, ...]:
    """``["a", "b"]`` is one group (a or b); ``[["a"], ["b"]]`` is two groups (a and b)."""
    if not groups:
        return ()
    if isinstance(groups, str) or all(isinstance(g, str) for g in groups):
        return (_compile(groups),)
    return tuple(_compile(group) for group in groups if group)
