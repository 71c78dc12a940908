"""Home-page notices: what an agent still lacks before using the assistant, and how to get it."""

from __future__ import annotations

from rhia.accounts.authz import has_perm
from rhia.training.gating import assistant_access_missing


def assistant_notices(user) -> list[dict[str, str]]:
    """Notices in the shape the home template renders ({level, title, text, url, link_label})."""
    if not has_perm(user, "assistant.use"):
        return []
    missing = assistant_access_missing(user)
    if not missing:
        return []
    steps = len(missing)
    notices = [
        {
            "level": "warning",
            "title": "Avant d'utiliser l'assistant" + (f" : {steps} étapes" if steps > 1 else " : une étape"),
            "text": item.label + ".",
            "url": item.url,
            "link_label": "Y aller",
        }
        for item in missing
    ]
    return notices
