"""Access gating: what an agent still lacks before reaching the assistant.

``assistant_access_missing(user)`` returns an empty list when access is granted. The requirements
(charter acknowledged, basic module completed) are set per structure by ``AccessSetting``; a structure
without its own setting inherits the nearest ancestor's; with none, both are required.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from rhia.training.models import AccessSetting, Enrolment, Training


@dataclass(frozen=True)
class Missing:
    label: str
    url: str


@dataclass(frozen=True)
class Requirements:
    charter: bool = True
    basic_module: bool = True


# Governance's pages, most specific first (their url names are theirs to choose).
_CHARTER_URL_NAMES = ("governance:acknowledge", "governance:charter", "governance:kit")


def _first_url(names: tuple[str, ...], fallback: str) -> str:
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return fallback


def requirements_for(structure) -> Requirements:
    """The nearest setting on the structure's path (itself first), else the default (both required)."""
    if structure is None:
        return Requirements()
    ids = [int(part) for part in structure.path.strip("/").split("/") if part] or [structure.pk]
    settings_by_structure = {s.structure_id: s for s in AccessSetting.objects.filter(structure_id__in=ids)}
    for structure_id in reversed(ids):
        setting = settings_by_structure.get(structure_id)
        if setting is not None:
            return Requirements(charter=setting.require_charter, basic_module=setting.require_basic_module)
    return Requirements()


def basic_module() -> Training | None:
    return Training.objects.filter(is_basic=True, active=True).first()


def has_completed_basic_module(user) -> bool:
    return Enrolment.objects.filter(
        user=user, training__is_basic=True, training__active=True, completed_on__isnull=False
    ).exists()


def _charter_acknowledged(user) -> bool:
    from rhia.governance.services import has_acknowledged_current_charter

    return has_acknowledged_current_charter(user)


def assistant_access_missing(user) -> list[Missing]:
    """What ``user`` must still do before using the assistant (empty = access granted)."""
    required = requirements_for(getattr(user, "structure", None))
    missing: list[Missing] = []
    if required.charter and not _charter_acknowledged(user):
        missing.append(
            Missing(
                "Prendre connaissance de la charte d'utilisation des outils d'IA",
                _first_url(_CHARTER_URL_NAMES, "/gouvernance/"),
            )
        )
    if required.basic_module and not has_completed_basic_module(user):
        module = basic_module()
        training_url = reverse("training:home") + "#module-socle"
        if module is None:
            label = (
                "Suivre le module socle de formation (pas encore désigné : contactez le service formation)"
            )
        else:
            label = f"Suivre le module socle « {module.title} » (validation par le service formation)"
        missing.append(Missing(label, training_url))
    return missing
