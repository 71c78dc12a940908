"""The situation of the person concerned: non-identifying case facts that decide which texts apply.

``extract_situation(question)`` reads them by rules from the (pseudonymized) question: the versant
(FPE / FPT / FPH), the statut (titulaire, stagiaire, contractuel with CDD / CDI) and, when named, the
corps family (enseignant, AESH, ATSEM, aide-soignant…). Cues are weighted: an employer or a corps
("ATSEM", "au CHU", "rectorat") outweighs a comparison ("c'est pareil qu'à l'État ?"). Unknown stays
empty (""), so the retrieval applies no filter rather than a wrong one; the agent confirms or changes.
The cue lists are in ``situation_cues`` (data module).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

from rhia.drafting import situation_cues as cues
from rhia.folding import fold

VERSANTS: dict[str, str] = {
    "FPE": "fonction publique de l'État",
    "FPT": "fonction publique territoriale",
    "FPH": "fonction publique hospitalière",
}
STATUTS: dict[str, str] = {
    "titulaire": "fonctionnaire titulaire",
    "stagiaire": "fonctionnaire stagiaire",
    "contractuel": "agent contractuel",
}
CONTRATS: dict[str, str] = {"CDD": "en CDD", "CDI": "en CDI"}
CORPS: dict[str, str] = cues.CORPS_LABELS

# Where a fact comes from: read in the question, the structure's default, or set by the agent.
QUESTION, STRUCTURE, AGENT = "question", "structure", "agent"


class SituationError(ValueError):
    """A value outside the lists above; ``message`` is French."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Situation:
    versant: str = ""  # "FPE" | "FPT" | "FPH" | "" (unknown)
    statut: str = ""  # "titulaire" | "stagiaire" | "contractuel" | ""
    contrat: str = ""  # "CDD" | "CDI" | "" (contractuel only)
    corps: str = ""  # a key of CORPS or ""
    origin: dict[str, str] = field(default_factory=dict)  # field -> QUESTION | STRUCTURE | AGENT
    cues: tuple[str, ...] = ()  # the words that decided (folded cue names, never the question text)

    def __post_init__(self) -> None:
        for name, value, allowed in (
            ("versant", self.versant, VERSANTS),
            ("statut", self.statut, STATUTS),
            ("contrat", self.contrat, CONTRATS),
            ("corps", self.corps, CORPS),
        ):
            if value and value not in allowed:
                choices = ", ".join(allowed)
                raise SituationError(f"Valeur « {value} » inconnue pour {name} (choix : {choices}).")
        if self.contrat and self.statut not in ("", "contractuel"):
            raise SituationError("Un CDD ou un CDI ne concerne qu'un agent contractuel.")

    @property
    def known(self) -> bool:
        return bool(self.versant or self.statut)

    def label(self) -> str:
        """French wording for the export: "fonctionnaire titulaire, fonction publique de l'État"."""
        parts = []
        if self.statut:
            statut = STATUTS[self.statut]
            if self.contrat:
                statut += f" {CONTRATS[self.contrat]}"
            parts.append(statut)
        if self.corps:
            parts.append(CORPS[self.corps])
        if self.versant:
            parts.append(VERSANTS[self.versant])
        return ", ".join(parts) if parts else "non précisée"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["cues"] = list(self.cues)
        return data

    @classmethod
    def from_dict(cls, data: dict | None) -> Situation:
        data = data or {}
        return cls(
            versant=str(data.get("versant") or ""),
            statut=str(data.get("statut") or ""),
            contrat=str(data.get("contrat") or ""),
            corps=str(data.get("corps") or ""),
            origin={str(k): str(v) for k, v in (data.get("origin") or {}).items()},
            cues=tuple(str(c) for c in data.get("cues") or ()),
        )

    def confirmed(self, *, versant: str, statut: str, contrat: str = "") -> Situation:
        """The agent's choice (validated); fields they changed are marked as theirs."""
        origin = dict(self.origin)
        for name, value in (("versant", versant), ("statut", statut), ("contrat", contrat)):
            if value != getattr(self, name):
                origin[name] = AGENT
        if statut != "contractuel":
            contrat = ""
        return replace(self, versant=versant, statut=statut, contrat=contrat, origin=origin)


def _score(folded: str, original: str, rules: tuple[cues.Rule, ...]) -> tuple[dict[str, int], list[str]]:
    scores: dict[str, int] = {}
    found: list[str] = []
    for rule in rules:
        cue = rule.find(folded, original)
        if cue:
            scores[rule.value] = scores.get(rule.value, 0) + rule.weight
            if rule.weight > 0:
                found.append(cue)
    return scores, found


def _best(scores: dict[str, int]) -> str:
    ranked = sorted(((v, s) for v, s in scores.items() if s > 0), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return ""  # nothing, or a tie: better no filter than a wrong one
    return ranked[0][0]


def _prepare(question: str) -> tuple[str, str]:
    """(folded lower-case text, original text with acronyms in capitals) with apostrophes unified."""
    text = (question or "").replace("’", "'").replace("\xa0", " ")
    text = cues.PLACEHOLDER.sub(" ", text)
    return fold(text), text


def extract_situation(question: str, *, default_versant: str = "") -> Situation:
    """Versant, statut, contrat and corps family read from ``question`` by rules.

    ``default_versant`` (the structure's) fills the versant when the question names none.
    """
    folded, original = _prepare(question)
    versant_scores, versant_cues = _score(folded, original, cues.VERSANT_RULES)
    statut_scores, statut_cues = _score(folded, original, cues.STATUT_RULES)
    corps, corps_cues = "", []
    for rule, key, versant_hint, statut_hint in cues.CORPS_RULES:
        cue = rule.find(folded, original)
        if not cue:
            continue
        corps = corps or key
        corps_cues.append(cue)
        if versant_hint:
            versant_scores[versant_hint] = versant_scores.get(versant_hint, 0) + cues.CORPS_WEIGHT
        if statut_hint:
            weak = statut_hint.endswith("?")
            statut_hint = statut_hint.rstrip("?")
            weight = 1 if weak else cues.CORPS_STATUT_WEIGHT
            statut_scores[statut_hint] = statut_scores.get(statut_hint, 0) + weight
    versant = _best(versant_scores)
    statut = _best(statut_scores)
    contrat = _best(_score(folded, original, cues.CONTRAT_RULES)[0]) if statut in ("", "contractuel") else ""
    if contrat and not statut:
        statut = "contractuel"
    origin = {}
    if versant:
        origin["versant"] = QUESTION
    elif default_versant in VERSANTS:
        versant, origin["versant"] = default_versant, STRUCTURE
    if statut:
        origin["statut"] = QUESTION
    return Situation(
        versant=versant,
        statut=statut,
        contrat=contrat,
        corps=corps,
        origin=origin,
        cues=tuple(dict.fromkeys([*corps_cues, *versant_cues, *statut_cues]))[:12],
    )
