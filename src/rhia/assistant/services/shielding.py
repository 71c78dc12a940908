"""The case's privacy vault: thin glue over rhia.privacy (shield, reveal, vault), nothing re-implemented.

The question is stored pseudonymized; the raw text is only ever rebuilt from the vault for the
authorised agent. Texts the agent types (the final answer) are masked with the vault's known values
before being stored, so the same placeholders stand for the same people throughout the case.
"""

from __future__ import annotations

import html
from collections import Counter

from rhia.assistant.models import Case


def vault_for(case: Case):
    from rhia.privacy.models import Vault

    return Vault.for_object(case)


def shield_case_text(case: Case, raw_text: str, *, added=(), removed=(), user=None):
    """Pseudonymize ``raw_text`` with the case's vault; returns privacy's ShieldResult."""
    from rhia.privacy.services import shield

    return shield(raw_text, vault_for(case), added=list(added), removed=list(removed), user=user)


def shield_label(case: Case, text: str) -> str:
    """A short text stored beside the case (file name, warning, comment, subject), pseudonymized.

    File names join words with "_" ("RIB_Prénom_Nom_FR76….txt"): they are read as spaces so the
    detection sees the name and the IBAN; the vault's known values are masked too."""
    if not (text or "").strip():
        return text or ""
    return shield_case_text(case, text.replace("_", " ").replace("+", " ")).text


def shown(case: Case) -> dict:
    """Texts kept pseudonymized beside the case, re-identified for the authorised viewer's eyes."""
    return {
        "title": reveal_text(case, case.title),
        "validation_comment": reveal_text(case, case.validation_comment),
        "intake_warnings": [reveal_text(case, w) for w in case.intake_warnings],
        "attachment_names": [reveal_text(case, n) for n in case.attachment_names],
    }


def apply_shield(case: Case, result) -> None:
    case.question = result.text
    case.data_class = result.data_class
    case.entity_labels = dict(Counter(entity.label for entity in result.entities))
    case.sensitive_categories = list(result.sensitive_categories)


def mapping(case: Case) -> dict[str, str]:
    return dict(vault_for(case).mapping() or {})


def reveal_text(case: Case, text: str) -> str:
    """Re-identified text, for the authorised agent's eyes only."""
    from rhia.privacy.services import reveal

    return reveal(text or "", vault_for(case)) if text else ""


def reveal_markup(case: Case, markup: str) -> str:
    """Re-identified sanitised markup: the values are HTML-escaped before they go back in."""
    from rhia.privacy.pseudonymize import reidentify

    if not markup:
        return ""
    escaped = {placeholder: html.escape(value) for placeholder, value in mapping(case).items()}
    return reidentify(markup, escaped)


def mask_known(text: str, values: dict[str, str], *, markup: bool = False) -> str:
    """Replace every known personal value by its placeholder (longest values first)."""
    from rhia.privacy.pseudonymize import _boundary_pattern

    pairs = sorted(values.items(), key=lambda item: len(item[1] or ""), reverse=True)
    for placeholder, value in pairs:
        if not value:
            continue
        # word boundaries: a first name "Ali" must not eat "Alinéa"
        text = _boundary_pattern(html.escape(value) if markup else value).sub(placeholder, text)
    return text


def forget(case: Case) -> None:
    """Drop the vault's mapping (retention purge): the stored texts can no longer be re-identified."""
    vault = vault_for(case)
    vault.store({})
