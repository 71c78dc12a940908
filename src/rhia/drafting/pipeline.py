"""Drafts for a (pseudonymized) question: the extractive answer first, then model drafts that reword it.

Stages: coverage check -> sentence selection (``selection``) -> extractive answer, composed in code
(``extractive``) -> per style, the model rewords the selected sentences one by one under a JSON
schema (``rewording``); each rewording is checked against its sentence (``alignment.check_rewording``)
and one that loses a fact gives way to the sentence as written -> alignment verification of the
whole draft (``alignment.align_draft``) -> one regeneration on failure -> a draft that still fails
is flagged with its failing sentences, and a letter that fails is not offered.
When the sources do not cover the question, no model is called: the single draft says so.

``extractive_draft`` and ``generate_one`` are small pure stages a worker can call per draft.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from rhia.drafting import extractive, prompts, rewording
from rhia.drafting.alignment import BADGE, align_draft, check_rewording
from rhia.drafting.selection import Selection
from rhia.drafting.verify import NOT_FOUND, is_not_found
from rhia.llm.services import chat

# Below this share of the question's content words found in the passages, the question is not covered.
MIN_COVERAGE = 0.2


@dataclass
class Draft:
    style: str
    title: str
    text: str
    citations: list[str]
    verified: bool
    warnings: list[str] = field(default_factory=list)
    failing_sentences: list[str] = field(default_factory=list)
    citation_numbers: list[int] = field(default_factory=list)
    provider: str = ""
    model: str = ""
    attempts: int = 0
    seconds: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    checked: str = ""  # what verification checked (the badge's wording)
    notes: list[str] = field(default_factory=list)  # citations fixed, sentences kept as written
    reworded: int = 0  # sentences of a model draft the model reworded (the others are quoted)
    given: int = 0  # sentences the model was asked to reword
    selection: Selection | None = None

    def as_dict(self) -> dict:
        return {
            "style": self.style,
            "title": self.title,
            "text": self.text,
            "citations": self.citations,
            "verified": self.verified,
            "warnings": self.warnings,
            "failing_sentences": self.failing_sentences,
            "provider": self.provider,
            "model": self.model,
            "attempts": self.attempts,
            "seconds": round(self.seconds, 2),
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "checked": self.checked,
            "reworded": self.reworded,
            "given": self.given,
        }


def default_n() -> int:
    return settings.RHIA_DRAFTS_N


def _max_tokens(selection: Selection, style: rewording.Style) -> int:
    cap = settings.RHIA_DRAFT_MAX_TOKENS
    need = rewording.max_tokens(selection, style)
    return min(need, cap) if cap else need


def _document_ids(numbers: list[int], passages: list[Any]) -> list[str]:
    ids: list[str] = []
    for n in numbers:
        if 1 <= n <= len(passages):
            doc = prompts.passage_field(passages[n - 1], "document_id")
            if doc and doc not in ids:
                ids.append(doc)
    return ids


def not_found_draft(reason: str) -> Draft:
    return Draft(
        style="non_trouve",
        title="Point non couvert par les sources",
        text=f"{NOT_FOUND}. {prompts.human_channel()}",
        citations=[],
        verified=True,
        warnings=[reason],
        checked="Aucune phrase des sources ne répond : pas de réponse inventée.",
    )


def _directives(use_case: Any) -> str:
    """What the use case forbids and asks to check (policy.UseCase fields), for the prompt."""
    if use_case is None:
        return ""
    parts = []
    for label, field_name in (("Ne pas", "directive_must_not"), ("Vérifier", "directive_must_check")):
        value = " ".join(str(getattr(use_case, field_name, "") or "").split())
        if value:
            parts.append(f"{label} : {value}")
    return " ".join(parts)


def extractive_draft(
    question: str, passages: list, *, versant: str = "", statut: str = "", compact: bool = False
) -> Any:
    """The instant "Réponse tirée des textes" (no model call), or the not-found answer.

    With ``compact`` (a pool of whole fiches, as ``rhia ask`` and the evaluation use), only the
    quoted passages are kept and renumbered; the result is then ``(draft, passages)``.
    """
    start = time.perf_counter()
    selection = extractive.select(question, passages, versant=versant, statut=statut)
    if compact:
        selection, passages = extractive.compact(selection, passages)
    extract = extractive.compose(selection)
    if not extract.found:
        draft = not_found_draft("Aucune phrase des sources retenues ne répond à la question.")
        draft.seconds = time.perf_counter() - start
        return (draft, passages) if compact else draft
    verification = align_draft(extract.text, passages, question=question)
    draft = Draft(
        style=extractive.STYLE,
        title=extractive.TITLE,
        text=extract.text,
        citations=_document_ids(extract.citation_numbers, passages),
        verified=verification.ok,
        warnings=verification.warnings,
        failing_sentences=verification.failing_sentences,
        citation_numbers=extract.citation_numbers,
        seconds=time.perf_counter() - start,
        checked="Phrases recopiées telles quelles des sources citées.",
        selection=selection,
    )
    return (draft, passages) if compact else draft


def generate_one(
    question: str,
    passages: list,
    selection: Selection,
    style: rewording.Style,
    *,
    data_class: str,
    actor: Any = None,
    directives: str = "",
    retry: bool = True,
) -> Draft:
    """One model draft in ``style``: one rewording per kept sentence, each checked against its
    sentence (a rewording that loses a fact gives way to the sentence itself), then the whole
    draft verified by alignment; regenerated once (another seed) when it still fails."""
    start = time.perf_counter()
    messages = rewording.build_messages(question, selection, style, directives=directives)

    def check(written: str, sentence: Any) -> str:
        return check_rewording(written, sentence, question)

    best: Draft | None = None
    for attempt in range(2 if retry else 1):
        result = chat(
            messages,
            data_class=data_class,
            actor=actor,
            max_tokens=_max_tokens(selection, style),
            temperature=0.4 if attempt else 0.0,
            seed=attempt + 1,
            response_format=rewording.response_format(selection, style),
        )
        composed = rewording.compose(prompts.clean_output(result.text), selection, style, check)
        text = composed.text
        if is_not_found(text):
            draft = not_found_draft("Le modèle n'a pas trouvé la réponse dans les phrases fournies.")
            draft.style, draft.title = style.code, style.title
        else:
            verification = align_draft(text, passages, question=question, examples=list(rewording.EXAMPLES))
            draft = Draft(
                style=style.code,
                title=style.title,
                text=verification.text or text,
                citations=_document_ids(verification.citations, passages),
                verified=verification.ok,
                warnings=verification.warnings,
                failing_sentences=verification.failing_sentences,
                citation_numbers=verification.citations,
                checked=BADGE,
                notes=verification.notes + _kept_notes(composed),
                reworded=composed.reworded,
                given=len(composed.sentences),
            )
        draft.provider, draft.model, draft.attempts = result.provider, result.model, attempt + 1
        draft.prompt_tokens += result.prompt_tokens + (best.prompt_tokens if best else 0)
        draft.completion_tokens += result.completion_tokens + (best.completion_tokens if best else 0)
        if best is None or len(draft.failing_sentences) < len(best.failing_sentences):
            best = draft
        else:
            best.attempts, best.prompt_tokens, best.completion_tokens = (
                draft.attempts,
                draft.prompt_tokens,
                draft.completion_tokens,
            )
        if best.verified:
            break
    assert best is not None
    best.seconds = time.perf_counter() - start
    return best


def _kept_notes(composed: rewording.Composed) -> list[str]:
    """One note per source sentence kept as written because its rewording lost or changed a fact."""
    return [
        f"Phrase [{s.number}] reprise telle quelle : {s.reason[:1].lower()}{s.reason[1:]}"
        for s in composed.sentences
        if not s.reworded
    ]


def iter_model_drafts(
    question: str,
    passages: list,
    *,
    selection: Selection | None = None,
    n: int | None = None,
    data_class: str,
    actor: Any = None,
    use_case: Any = None,
    versant: str = "",
    statut: str = "",
    done_styles: Iterable[str] = (),
) -> Iterator[Draft]:
    """The model drafts alone; a letter that fails verification is not offered. ``done_styles``
    (style codes) are skipped: a job resumed after its worker died keeps the drafts it stored."""
    if selection is None:
        selection = extractive.select(question, passages, versant=versant, statut=statut)
    if not selection.chosen:
        yield not_found_draft("Aucune phrase des sources retenues ne répond à la question.")
        return
    n = n or default_n()
    styles = [rewording.STYLES[i % len(rewording.STYLES)] for i in range(n)]
    skip = Counter(done_styles)
    for style in styles:
        if skip[style.code]:
            skip[style.code] -= 1
            continue
        draft = generate_one(
            question,
            passages,
            selection,
            style,
            data_class=data_class,
            actor=actor,
            directives=_directives(use_case),
            retry=settings.RHIA_DRAFT_RETRY,
        )
        if style.code == "courrier" and not draft.verified:
            continue
        yield draft


def iter_drafts(
    question: str,
    passages: list,
    *,
    n: int | None = None,
    data_class: str,
    actor: Any = None,
    use_case: Any = None,
    versant: str = "",
    statut: str = "",
) -> Iterator[Draft]:
    """Yield each draft as soon as it is ready: the extractive answer first (milliseconds, no model),
    then the ``n`` model drafts.

    ``question`` must already be pseudonymized; ``passages`` are Passage-like objects (or dicts),
    cited as ``[n]`` by their 1-based position. Raises ``rhia.llm.routing.NoProviderAvailable``
    (journaled) when no approved provider accepts ``data_class``.
    """
    if not passages:
        yield not_found_draft("Aucune source n'a été fournie.")
        return
    if prompts.coverage(question, passages) < MIN_COVERAGE:
        yield not_found_draft("Les sources fournies ne couvrent pas la question.")
        return
    first = extractive_draft(question, passages, versant=versant, statut=statut)
    yield first
    if first.style != extractive.STYLE:  # nothing to quote: nothing for a model to reword either
        return
    yield from iter_model_drafts(
        question,
        passages,
        selection=first.selection,
        n=n,
        data_class=data_class,
        actor=actor,
        use_case=use_case,
    )


def generate_drafts(question: str, passages: list, **options: Any) -> list[Draft]:
    return list(iter_drafts(question, passages, **options))
