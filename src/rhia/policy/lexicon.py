"""Co-occurrence lexicon of the usage guard (pure Python): readable word lists compiled into rules.

``data/guard_lexicon.json`` lists, per forbidden category, groups of words; a lexicon rule fires
when one word of *every* group occurs in the same sentence of the folded request and none of the
allowed-use cues (procedure or rights question, generic drafting, anonymised data…) nor the
rule's own ``unless`` words occurs in that sentence. Word syntax: ``mot`` is the exact word,
``racine*`` any word starting with the stem (so ``evalu*`` covers évaluer, évalue, évaluation),
several words form a phrase, ``re:…`` is a regular expression, ``@name`` refers to a shared list.
The rules produced have the same shape as the ones of ``guard_rules.json`` (``per_sentence``), so
refusals name the rule, the category, its use case and charter article like any other rule.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

LEXICON_FILE = Path(__file__).resolve().parent / "data" / "guard_lexicon.json"


class LexiconError(ValueError):
    """A lexicon entry that cannot be compiled (French message)."""


def entry_pattern(entry: str) -> str:
    """Regular expression of one lexicon entry (written for folded text: lower case, no accents)."""
    entry = entry.strip()
    if entry.startswith("re:"):
        return entry[3:]
    words = entry.split()
    if not words or not words[0].strip("*"):
        raise LexiconError(f"Entrée de lexique vide : « {entry} ».")
    parts = [re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "") for word in words]
    lead = r"\b" if words[0][0].isalnum() else ""
    tail = "" if words[-1].endswith("*") else r"(?![a-z0-9])"
    return lead + " ".join(parts) + tail


def expand(entries: Iterable[str], shared: Mapping[str, Sequence[str]]) -> list[str]:
    """Entries with ``@name`` references replaced by the shared list ``name``."""
    out: list[str] = []
    for entry in entries:
        if entry.startswith("@"):
            name = entry[1:]
            if name not in shared:
                raise LexiconError(f"Liste partagée « {name} » inconnue dans le lexique.")
            out.extend(shared[name])
        else:
            out.append(entry)
    return out


_WORD = re.compile(r"[a-z0-9]+")
HEAD_CHARS = 8  # guard.text_heads indexes the first 1 to 8 characters of every word


def entry_head(entry: str) -> str | None:
    """The most selective word head a text must contain for ``entry`` to match (None: unknown)."""
    if entry.startswith("re:"):
        return None
    words = _WORD.findall(entry.replace("*", " "))
    return max(words, key=len)[:HEAD_CHARS] if words else None


def group_heads(entries: Sequence[str]) -> list[str] | None:
    heads = [entry_head(entry) for entry in entries]
    return None if any(head is None for head in heads) else sorted(set(heads))


def _alternation(entries: Iterable[str]) -> str:
    # Longest entries first so that the matched fragment shown to the user is the most telling one.
    patterns = sorted({entry_pattern(e) for e in entries}, key=len, reverse=True)
    return "|".join(patterns)


def compile_rules(lexicon: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Rule dicts (``guard_rules.json`` shape, ``per_sentence``) from a lexicon mapping."""
    shared = lexicon.get("shared", {})
    cues = expand(lexicon.get("allowed_cues", []), shared)
    rules = []
    for raw in lexicon.get("rules", []):
        groups = [expand(group, shared) for group in raw.get("groups", [])]
        if len(groups) < 2:
            raise LexiconError(
                f"Règle de lexique « {raw.get('id', '?')} » : il faut au moins deux groupes de mots."
            )
        unless = [*cues, *expand(raw.get("unless", []), shared)]
        # Word-head prefilter per group (skips the sentences that cannot match, see guard.Rule.match).
        rules.append(
            {
                "id": raw["id"],
                "category": raw["category"],
                "description": raw.get("description", ""),
                "per_sentence": True,
                "patterns": [_alternation(groups[0])],
                "requires": [[_alternation(group)] for group in groups[1:]],
                "unless": [_alternation(unless)] if unless else [],
                "use_case": raw.get("use_case"),
                "charter_article": raw.get("charter_article"),
                "heads": [group_heads(group) for group in groups],
            }
        )
    return rules


@lru_cache(maxsize=1)
def shipped_lexicon() -> dict[str, Any]:
    return json.loads(LEXICON_FILE.read_text(encoding="utf-8"))
