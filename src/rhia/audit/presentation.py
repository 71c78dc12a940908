"""Journal entries as the DPO reads them: a sentence, a person and a role in words, never raw JSON."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model

from rhia.accounts.roles import Role
from rhia.audit.describe import describe, use_case_names

ROLE_LABELS = dict(Role.choices)


@dataclass
class Row:
    entry: object
    sentence: str
    actor: str
    roles: str
    obj: str


def _object_label(object_type: str, object_id: str) -> str:
    if not object_type:
        return "—"
    try:  # the model's own French name ("cas", "cas d'usage"...), not its code
        label = str(apps.get_model(object_type)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        label = object_type
    return f"{label} n° {object_id}" if object_id else label


def readable_rows(entries) -> list[Row]:
    entries = list(entries)
    ids = {entry.actor_id for entry in entries if entry.actor_id}
    users = {user.pk: user for user in get_user_model().objects.filter(pk__in=ids)}
    names = use_case_names(
        entry.payload.get("use_case")
        for entry in entries
        if entry.action == "governance.lifecycle_step" and isinstance(entry.payload, dict)
    )
    rows = []
    for entry in entries:
        user = users.get(entry.actor_id)
        if user is not None:
            actor = f"{user.display_name} (n° {entry.actor_id})"
        elif entry.actor_id:
            actor = f"Utilisateur n° {entry.actor_id}"
        else:
            actor = "Système"
        codes = [code for code in (entry.actor_roles or "").replace(";", ",").split(",") if code.strip()]
        roles = ", ".join(ROLE_LABELS.get(code.strip(), code.strip()) for code in codes) or "—"
        rows.append(
            Row(
                entry=entry,
                sentence=describe(
                    entry.action,
                    entry.payload,
                    purged=entry.content_purged_at is not None,
                    names=names,
                ),
                actor=actor,
                roles=roles,
                obj=_object_label(entry.object_type, entry.object_id),
            )
        )
    return rows
