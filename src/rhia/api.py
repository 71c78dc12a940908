"""The JSON API (django-ninja, OpenAPI at /api/docs): one router per app, session auth + CSRF."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from ninja import NinjaAPI
from ninja.security import django_auth

from rhia.accounts.authz import login_required_for_docs

api = NinjaAPI(
    title="rhia API",
    version="1",
    description="API de rhia : mêmes fonctions de service que les pages et la ligne de commande.",
    auth=django_auth,
    urls_namespace="api",
    docs_decorator=login_required_for_docs,
)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc: PermissionDenied):
    # Without this, django-ninja turns the refusal into a 500 traceback when DEBUG is on.
    return api.create_response(request, {"detail": str(exc) or "Accès refusé."}, status=403)


for config in apps.get_app_configs():
    if not config.name.startswith("rhia."):
        continue
    try:
        module = importlib.import_module(f"{config.name}.api")
    except ModuleNotFoundError as error:
        if error.name != f"{config.name}.api":
            raise
        continue
    router = getattr(module, "router", None)
    if router is not None and (router.path_operations or router._routers):
        api.add_router(f"/{config.label}/", router)


@api.exception_handler(RequestDataTooBig)
def on_body_too_big(request, exc: RequestDataTooBig):
    return api.create_response(request, {"detail": "Requête trop volumineuse."}, status=413)
