"""Service functions of the case workflow: pages, API and CLI all call these (and nothing else)."""

from rhia.assistant.services.access import access_missing, ensure_access, get_case, visible_cases
from rhia.assistant.services.drafts import (
    generate_case_drafts,
    generation_state,
    iter_case_drafts,
    start_generation,
)
from rhia.assistant.services.editing import case_diff, choose_draft, save_final
from rhia.assistant.services.errors import CaseError
from rhia.assistant.services.exporting import export_case
from rhia.assistant.services.intake import Upload, open_case
from rhia.assistant.services.retention import purge_expired_content
from rhia.assistant.services.review import confirm_review, review_material
from rhia.assistant.services.sources import add_source_from_search, update_sources
from rhia.assistant.services.validation import (
    abandon_case,
    return_case,
    submit_for_validation,
    validate_case,
    validation_queue,
)

__all__ = [
    "CaseError",
    "Upload",
    "abandon_case",
    "access_missing",
    "add_source_from_search",
    "case_diff",
    "choose_draft",
    "confirm_review",
    "ensure_access",
    "export_case",
    "generate_case_drafts",
    "generation_state",
    "get_case",
    "iter_case_drafts",
    "open_case",
    "purge_expired_content",
    "return_case",
    "review_material",
    "save_final",
    "start_generation",
    "submit_for_validation",
    "update_sources",
    "validate_case",
    "validation_queue",
    "visible_cases",
]
