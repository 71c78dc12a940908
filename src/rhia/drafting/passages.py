"""The ``Passage`` artefact (one shape from retrieval to drafting) and ``retrieve``, the situation-aware search.

``retrieve(question, situation, on_date, k)`` is what the case, ``rhia ask`` and the evaluations call:
lexical BM25 over the passages in force at ``on_date``, then the situation's filter. A passage whose
section applies to another versant (or statut) than the person's is kept out of the automatic
selection; with ``scope="all"`` (the agent's "tous les versants" search) every passage is returned
in score order, those of another versant or statut labelled "autre versant" / "autre statut" so the
agent can add them knowingly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace

from rhia.corpus.supersession import replacing_first
from rhia.drafting.situation import Situation

# Pool searched before the situation filter: the filter may drop most of the top rows (a fiche has
# one section per versant, so two thirds of its sections are of another versant).
POOL = 150
OTHER_VERSANT = "autre versant"
OTHER_STATUT = "autre statut"
SITUATION, ALL = "situation", "all"
# A section written for the person's statut (or versant) outranks a general one of the same score:
# "Vous êtes contractuelle" beats a fiche about teachers for an AESH.
STATUT_BONUS = 0.1
VERSANT_BONUS = 0.0
# A fiche relevant to the question stays relevant in the person's versant: its fitting sections
# rank at this share of the fiche's best score (any versant), at least.
DOCUMENT_SHARE = 0.9


@dataclass(frozen=True)
class Passage:
    passage_id: int
    document_id: str
    title: str
    section_path: str
    url: str
    text: str
    snippet: str = ""
    score: float = 0.0
    versants: tuple[str, ...] = ()  # empty: every versant
    statuts: tuple[str, ...] = ()  # empty: every statut
    # Supersession labels (rhia.corpus.supersession): "Remplacé par … depuis le …" / "Remplace …".
    superseded_by: str = ""
    supersedes: str = ""
    fit: str = ""  # "" (applies to the situation), OTHER_VERSANT or OTHER_STATUT

    @property
    def audience(self) -> str:
        """The single versant of the passage, "" when it applies to several or to all."""
        return self.versants[0] if len(self.versants) == 1 else ""

    @property
    def applies(self) -> bool:
        return not self.fit

    def as_dict(self) -> dict:
        data = asdict(self)
        data["versants"], data["statuts"] = list(self.versants), list(self.statuts)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Passage:
        """From ``as_dict`` output or a stored case source (extra keys such as "selected" ignored)."""
        path = data.get("section_path") or ""
        if isinstance(path, list | tuple):
            path = " > ".join(str(part) for part in path if part)
        versants = data.get("versants")
        if versants is None:
            versants = [data["audience"]] if data.get("audience") else []
        return cls(
            passage_id=int(data["passage_id"]),
            document_id=str(data.get("document_id") or ""),
            title=str(data.get("title") or ""),
            section_path=str(path),
            url=str(data.get("url") or ""),
            text=str(data.get("text") or ""),
            snippet=str(data.get("snippet") or ""),
            score=float(data.get("score") or 0.0),
            versants=tuple(versants),
            statuts=tuple(data.get("statuts") or ()),
            superseded_by=str(data.get("superseded_by") or ""),
            supersedes=str(data.get("supersedes") or ""),
            fit=str(data.get("fit") or ""),
        )


def fit_of(versants: tuple[str, ...], statuts: tuple[str, ...], situation: Situation | None) -> str:
    """ "" when a passage applies to ``situation`` (unknown facts never exclude), else why not."""
    if situation is None:
        return ""
    if situation.versant and versants and situation.versant not in versants:
        return OTHER_VERSANT
    if situation.statut and statuts and situation.statut not in statuts:
        return OTHER_STATUT
    return ""


def from_hit(hit, situation: Situation | None = None) -> Passage:
    """A search hit (``rhia.search.services.PassageHit``) as the artefact, with its fit."""
    versants = tuple(getattr(hit, "versants", ()) or ((hit.audience,) if hit.audience else ()))
    statuts = tuple(getattr(hit, "statuts", ()) or ())
    return Passage(
        passage_id=int(hit.passage_id),
        document_id=str(hit.document_id),
        title=hit.title or "",
        section_path=hit.section_path or "",
        url=hit.url or "",
        text=hit.text or "",
        snippet=hit.snippet or "",
        score=float(hit.score or 0.0),
        versants=versants,
        statuts=statuts,
        superseded_by=str(getattr(hit, "superseded_by", "") or ""),
        supersedes=str(getattr(hit, "supersedes", "") or ""),
        fit=fit_of(versants, statuts, situation),
    )


def retrieve(
    question: str,
    situation: Situation | None = None,
    on_date: dt.date | None = None,
    k: int = 6,
    *,
    scope: str = SITUATION,
) -> list[Passage]:
    """The ``k`` best passages for ``question`` in force at ``on_date`` (default: today).

    ``scope="situation"``: only passages that apply to ``situation``. ``scope="all"``: every passage
    in score order, each labelled by its ``fit``.
    """
    from rhia.fairness.neutral import neutral_question
    from rhia.search.services import search_passages

    if scope not in (SITUATION, ALL):
        raise ValueError(f"scope must be {SITUATION!r} or {ALL!r}")
    if not (question or "").strip() or k < 1:
        return []
    # Who the person is (civility, gender, age and family descriptors) must not change what is found.
    hits = search_passages(neutral_question(question), k=max(POOL, k), at=on_date)
    passages = _with_twin_scores([from_hit(hit, situation) for hit in hits])
    passages = _with_situation_bonus(passages, situation)
    # Internal texts that replace a fiche stay first after the re-sorts (rhia.corpus.supersession).
    passages = replacing_first(_with_document_floor(passages))
    if scope == SITUATION:
        return [p for p in passages if p.applies][:k]
    return passages[:k]


def _generic_path(passage: Passage) -> tuple[str, str]:
    """The section path without its versant headings: the same rule written once per versant."""
    from rhia.corpus.parsing.applicability import heading_versants

    parts = [part for part in passage.section_path.split(" > ") if not heading_versants(part)]
    return passage.document_id, " > ".join(parts)


def _with_twin_scores(passages: list[Passage]) -> list[Passage]:
    """A section shares the best score of its twins in the other versants, then passages re-sort.

    A fiche repeats a rule per versant with slightly different wording and length; BM25 ranks the
    twins differently, and the person's versant should not lose the fiche because its copy is longer.
    """
    best: dict[tuple[str, str], float] = {}
    for passage in passages:
        key = _generic_path(passage)
        best[key] = max(best.get(key, 0.0), passage.score)
    rescored = [replace(p, score=max(p.score, best[_generic_path(p)])) for p in passages]
    return sorted(rescored, key=lambda p: -p.score)


def _with_situation_bonus(passages: list[Passage], situation: Situation | None) -> list[Passage]:
    if situation is None or not (STATUT_BONUS or VERSANT_BONUS):
        return passages

    def bonus(passage: Passage) -> float:
        factor = 1.0
        if situation.statut and situation.statut in passage.statuts and len(passage.statuts) < 3:
            factor += STATUT_BONUS
        if situation.versant and passage.versants == (situation.versant,):
            factor += VERSANT_BONUS
        return factor

    rescored = [replace(p, score=p.score * bonus(p)) for p in passages]
    return sorted(rescored, key=lambda p: -p.score)


def _with_document_floor(passages: list[Passage]) -> list[Passage]:
    if not DOCUMENT_SHARE:
        return passages
    best: dict[str, float] = {}
    for passage in passages:
        best[passage.document_id] = max(best.get(passage.document_id, 0.0), passage.score)
    keyed = [(max(p.score, DOCUMENT_SHARE * best[p.document_id]), p.score, p) for p in passages]
    keyed.sort(key=lambda item: (-item[0], -item[1]))
    return [replace(p, score=round(floor, 6)) for floor, _own, p in keyed]


def documents(passages: list[Passage]) -> list[str]:
    """Document ids in the order of their best passage (for document-level measures)."""
    return list(dict.fromkeys(p.document_id for p in passages))


def with_fit(passage: Passage, situation: Situation | None) -> Passage:
    """The same passage judged against another situation (after the agent changed it)."""
    return replace(passage, fit=fit_of(passage.versants, passage.statuts, situation))
