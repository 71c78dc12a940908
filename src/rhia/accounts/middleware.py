"""Keeps users without an active role on the waiting page: identity is not authorization."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

# Paths a pending user may still reach.
_ALLOWED_PREFIXES = (
    "/static/",
    "/comptes/",
    "/oidc/",
    "/accessibilite/",
    "/mentions-legales/",
    "/donnees-personnelles/",
)
# The OpenAI-compatible gateway authenticates by API key and checks the key owner's access itself.
_SELF_AUTHENTICATED_PREFIXES = ("/v1/",)


class PendingAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        path = request.path
        if (
            user is not None
            and user.is_authenticated
            and not user.active_roles()
            and not path.startswith(_ALLOWED_PREFIXES + _SELF_AUTHENTICATED_PREFIXES)
        ):
            if path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Votre accès est en attente de validation par un administrateur."}, status=403
                )
            return redirect(reverse("accounts:pending"))
        return self.get_response(request)
