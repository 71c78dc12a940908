"""JSON API of the provider registry (read-only; records are edited in the Django admin)."""

from __future__ import annotations

from ninja import Router, Schema

from rhia.accounts.authz import api_require
from rhia.llm.models import Provider

router = Router(tags=["Fournisseurs de modèles"])


class ProviderOut(Schema):
    id: int
    name: str
    kind: str
    trust_level: str
    data_classes: list[str]
    purposes: list[str]
    enabled: bool
    priority: int
    model: str


@router.get("/providers", response=list[ProviderOut], summary="Fournisseurs de modèles approuvés")
@api_require("llm.manage")
def providers(request):
    return [
        {
            "id": p.pk,
            "name": p.name,
            "kind": p.kind,
            "trust_level": p.trust_level,
            "data_classes": list(p.data_classes or []),
            "purposes": list(p.purposes or []),
            "enabled": p.enabled,
            "priority": p.priority,
            "model": p.model_label,
        }
        for p in Provider.objects.all()
    ]
