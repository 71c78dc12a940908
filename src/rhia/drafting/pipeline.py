"""N grounded drafts for a (pseudonymized) question, each verified in code.

Pipeline: coverage check -> passage selection and trimming -> one prompt prefix shared by every
draft -> generation per style -> deterministic verification -> one regeneration on failure ->
flagged draft with its failing sentences. When the passages do not cover the question, no model
is called: the single draft says so and points to the human channel.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from rhia.drafting import extractive, prompts
from rhia.drafting.verify import NOT_FOUND, Verification, is_not_found, verify_draft
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
        }


def default_n() -> int:
    return max(1, int(os.environ.get("RHIA_DRAFTS_N", "3")))


def _max_tokens(style: prompts.Style) -> int:
    cap = os.environ.get("RHIA_DRAFT_MAX_TOKENS")
    return min(style.max_tokens, int(cap)) if cap else style.max_tokens


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


_SENTENCE_CLOSE = re.compile(r"[.!?…»](?:\s*\[\d+(?:\s*[,;]\s*\d+)*\])*(?=\s|$)")


def trim_unfinished(text: str) -> str:
    """Drops the sentence the token limit cut short, keeping the citations of the last whole one."""
    ends = [match.end() for match in _SENTENCE_CLOSE.finditer(text)]
    if not ends or ends[-1] >= len(text.rstrip()):
        return text
    return text[: ends[-1]].rstrip()


def generate_one(
    question: str,
    passages: list[Any],
    numbered: list[tuple[int, Any]],
    style: prompts.Style,
    *,
    data_class: str,
    actor: Any,
    directives: str,
    retry: bool,
) -> Draft:
    start = time.perf_counter()
    best: tuple[str, Verification] | None = None
    provider = model = ""
    attempts = 0
    for attempt in range(2 if retry else 1):
        attempts += 1
        messages = prompts.build_messages(
            question, numbered, style, directives=directives, correction=prompts.CORRECTION if attempt else ""
        )
        result = chat(
            messages,
            data_class=data_class,
            actor=actor,
            max_tokens=_max_tokens(style),
            temperature=0.3 if attempt else 0.0,
            seed=attempt + 1,
            repeat_penalty=1.1,
        )
        provider, model = result.provider, result.model
        text = prompts.clean_output(result.text)
        if result.finish_reason == "length":
            text = trim_unfinished(text)
        if is_not_found(text):
            draft = not_found_draft("Le modèle n'a pas trouvé la réponse dans les sources fournies.")
            draft.style, draft.title = style.code, style.title
            draft.provider, draft.model, draft.attempts = provider, model, attempts
            draft.seconds = time.perf_counter() - start
            return draft
        verification = verify_draft(text, passages, question=question)
        if best is None or len(verification.failing_sentences) < len(best[1].failing_sentences):
            best = (text, verification)
        if verification.ok:
            break
    assert best is not None
    text, verification = best
    return Draft(
        style=style.code,
        title=style.title,
        text=text,
        citations=_document_ids(verification.citations, passages),
        verified=verification.ok,
        warnings=verification.warnings,
        failing_sentences=verification.failing_sentences,
        citation_numbers=verification.citations,
        provider=provider,
        model=model,
        attempts=attempts,
        seconds=time.perf_counter() - start,
    )


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
    verification = verify_draft(extract.text, passages, question=question)
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
    )
    return (draft, passages) if compact else draft


def iter_model_drafts(
    question: str,
    passages: list,
    *,
    n: int | None = None,
    data_class: str,
    actor: Any = None,
    use_case: Any = None,
    versant: str = "",
    statut: str = "",
    start: int = 0,
) -> Iterator[Draft]:
    """The model drafts alone (the extractive answer is ``extractive_draft``); ``start`` skips the
    first ones (a job resumed after its worker died keeps the drafts already stored)."""
    n = n or default_n()
    if not passages:
        yield not_found_draft("Aucune source n'a été fournie.")
        return
    numbered = prompts.select_passages(question, passages)
    if not numbered or prompts.coverage(question, [p for _, p in numbered]) < MIN_COVERAGE:
        yield not_found_draft("Les sources fournies ne couvrent pas la question.")
        return
    retry = os.environ.get("RHIA_DRAFT_RETRY", "1") != "0"
    directives = _directives(use_case)
    styles = [prompts.STYLES[i % len(prompts.STYLES)] for i in range(start, n)]
    for style in styles:
        yield generate_one(
            question,
            passages,
            numbered,
            style,
            data_class=data_class,
            actor=actor,
            directives=directives,
            retry=retry,
        )


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
    """Yield each draft as soon as it is ready (the case page streams them): the extractive answer
    first (milliseconds, no model), then the ``n`` model drafts.

    ``question`` must already be pseudonymized; ``passages`` are PassageHit-like objects (or dicts),
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
        n=n,
        data_class=data_class,
        actor=actor,
        use_case=use_case,
        versant=versant,
        statut=statut,
    )


def generate_drafts(
    question: str,
    passages: list,
    *,
    n: int | None = None,
    data_class: str,
    actor: Any = None,
    use_case: Any = None,
) -> list[Draft]:
    return list(iter_drafts(question, passages, n=n, data_class=data_class, actor=actor, use_case=use_case))
