"""What the pages show: drafts and texts re-identified for the authorised agent, citations as links."""

from __future__ import annotations

import re

from django.utils.html import format_html

from rhia.assistant import diffing, richtext
from rhia.assistant.models import Case, CaseDraft
from rhia.assistant.services.editing import case_diff
from rhia.assistant.services.shielding import reveal_markup, reveal_text

_NUMBERED = re.compile(r"\[(\d{1,2}(?:\s*,\s*\d{1,2})*)\]")


def numbered_sources(case: Case) -> dict[int, dict]:
    """1-based number -> source, as the passages were numbered for the model."""
    by_id = {source["passage_id"]: source for source in case.sources}
    return {n: by_id[pid] for n, pid in enumerate(case.draft_passages, start=1) if pid in by_id}


def linkify_citations(markup: str, numbered: dict[int, dict]) -> str:
    """ "[2]" or "[1, 3]" -> links to the cited passages listed on the page."""

    def replace(match: re.Match) -> str:
        links = []
        for part in match.group(1).split(","):
            source = numbered.get(int(part))
            if source is None:
                return match.group(0)
            # document_id comes from imported files: escaped like any other attribute value.
            links.append(
                format_html(
                    '<a class="rhia-cite" href="#passage-{}" title="{}">{}</a>',
                    source["passage_id"],
                    source["document_id"],
                    int(part),
                )
            )
        return "[" + ", ".join(links) + "]"

    return _NUMBERED.sub(replace, markup)


def draft_markup(case: Case, draft: CaseDraft) -> str:
    """The draft as safe markup, re-identified, with its citations pointing at the listed passages."""
    return linkify_citations(reveal_markup(case, richtext.from_text(draft.text)), numbered_sources(case))


def cited_sources(case: Case, draft: CaseDraft) -> list[dict]:
    numbered = numbered_sources(case)
    cited = [numbered[n] for n in draft.citation_numbers if n in numbered]
    if cited:
        return cited
    by_document = {source["document_id"]: source for source in case.sources}
    return [by_document[doc] for doc in draft.citations if doc in by_document]


def text_markup(case: Case, text: str) -> str:
    return reveal_markup(case, richtext.from_text(text))


def revealed_diff(case: Case) -> list[diffing.Segment]:
    """The diff AI draft -> final text, re-identified for the agent or validator looking at it."""
    return [diffing.Segment(segment.op, reveal_text(case, segment.text)) for segment in case_diff(case)]
