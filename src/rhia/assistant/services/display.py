"""What the pages show: drafts and texts re-identified for the authorised agent, citations as links."""

from __future__ import annotations

import re

from rhia.assistant import richtext
from rhia.assistant.models import Case, CaseDraft
from rhia.assistant.services.shielding import reveal_markup

_CITATION = re.compile(r"\[([A-Za-z]{1,12}\d[\w-]*)\]")


def linkify_citations(markup: str, known: set[str]) -> str:
    def replace(match: re.Match) -> str:
        document_id = match.group(1)
        if document_id not in known:
            return match.group(0)
        return f'<a class="rhia-cite" href="#source-{document_id}" data-source="{document_id}">[{document_id}]</a>'

    return _CITATION.sub(replace, markup)


def draft_markup(case: Case, draft: CaseDraft) -> str:
    """The draft as safe markup, re-identified, with its citations pointing at the listed sources."""
    known = {source["document_id"] for source in case.sources}
    return linkify_citations(reveal_markup(case, richtext.from_text(draft.text)), known)


def text_markup(case: Case, text: str) -> str:
    return reveal_markup(case, richtext.from_text(text))


def sources_by_document(case: Case) -> dict[str, dict]:
    return {source["document_id"]: source for source in case.sources}
