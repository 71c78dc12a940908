"""The extractive answer, "Réponse tirée des textes": selected source sentences, verbatim, cited.

Composed in code in milliseconds, so it is the first proposal the agent sees. Every sentence is a
source sentence copied as written, followed by its passage's [n], grouped under the short heading
of what it answers (règle, conditions, démarche…), after a neutral opening line. It is verified by
construction; the alignment verifier is still run on it, as on every draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from rhia.drafting import cues
from rhia.drafting.selection import Scored, Selection, select

STYLE = "extractive"
TITLE = "Réponse tirée des textes"
OPENING = "Selon les textes cités :"
_ORDER = ("regle", "conditions", "duree", "montants", "demarche", "delais")


@dataclass
class Extract:
    """The extractive answer as plain text plus what it was made of."""

    text: str
    selection: Selection
    citation_numbers: list[int] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.selection.chosen)


def _heading_of(item: Scored, asked: list[str]) -> str:
    for code in _ORDER:
        if code in item.aspects and code in asked:
            return code
    for code in _ORDER:
        if code in item.aspects:
            return code
    return "regle"


def _closed(text: str) -> str:
    text = text.rstrip(" ,;")
    return text if text[-1:] in ".!?…" else text + "."


def _by_lead(items: list[Scored]) -> list[list[Scored]]:
    """List items quoted together under their one lead-in line."""
    groups: list[list[Scored]] = []
    for item in items:
        last = groups[-1][0].sentence if groups else None
        if (
            last is not None
            and item.sentence.lead
            and item.sentence.lead == last.lead
            and item.sentence.number == last.number
        ):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def compose(selection: Selection) -> Extract:
    groups: dict[str, list[Scored]] = {}
    for item in selection.chosen:
        groups.setdefault(_heading_of(item, selection.aspects), []).append(item)
    lines = [OPENING]
    numbers: list[int] = []
    for code in _ORDER:
        items = groups.get(code)
        if not items:
            continue
        lines.append("")
        lines.append(cues.BY_CODE[code].heading)
        for group in _by_lead(items):
            first = group[0].sentence
            if first.lead:  # the lead-in once, its items below it, each line a source sentence
                lines.append(f"- {first.lead}")
                lines += [f"  - {_closed(item.sentence.text)} [{first.number}]" for item in group]
            else:
                lines.append(f"- {_closed(first.text)} [{first.number}]")
            if first.number not in numbers:
                numbers.append(first.number)
    return Extract(text="\n".join(lines), selection=selection, citation_numbers=numbers)


def extractive_answer(question: str, passages: list[Any], *, versant: str = "", statut: str = "") -> Extract:
    return compose(select(question, passages, versant=versant, statut=statut))


def compact(selection: Selection, passages: list[Any]) -> tuple[Selection, list[Any]]:
    """Keep only the passages the selection quotes, renumbered [1], [2]… in their order of use."""
    order: list[int] = []
    for item in selection.chosen:
        if item.sentence.number not in order:
            order.append(item.sentence.number)
    mapping = {old: new for new, old in enumerate(order, start=1)}
    chosen = [
        Scored(
            replace(item.sentence, number=mapping[item.sentence.number]), item.score, item.aspects, item.parts
        )
        for item in selection.chosen
    ]
    return Selection(selection.aspects, chosen, selection.candidates), [passages[n - 1] for n in order]
