"""Malformed request bodies get a French 400, never a 500.

Django raises ``MultiPartParserError`` when a view (or the CSRF check) first reads ``request.POST``
of a ``multipart/form-data`` body without a valid boundary; nothing maps it to a client error, so it
became a server error on every form and API operation (found by schemathesis on ``/api/``). The
boundary is checked here, before any middleware reads the body, with the parser's own rule; other
parser failures raised inside a view are answered the same way.
"""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.http import parse_header_parameters

# The rule of django.http.multipartparser.MultiPartParser (boundary_re, matched at the start).
_BOUNDARY = re.compile(r"[ -~]{0,200}[!-~]")
MESSAGE = "Corps de requête illisible : le contenu « multipart/form-data » est mal formé (délimiteur absent ou invalide)."


def _refusal(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/v1/"):
        from rhia.gateway.pipeline import GatewayError  # the gateway's one OpenAI-style error shape

        error = GatewayError(400, MESSAGE, type="invalid_request_error", code="invalid_request")
        return JsonResponse(error.body(), status=400, json_dumps_params={"ensure_ascii": False})
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": MESSAGE}, status=400, json_dumps_params={"ensure_ascii": False})
    return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")


def malformed_multipart(request: HttpRequest) -> bool:
    content_type, params = parse_header_parameters(request.META.get("CONTENT_TYPE", ""))
    if content_type != "multipart/form-data":
        return False
    boundary = params.get("boundary", "")
    return not boundary or not _BOUNDARY.match(boundary)


class MalformedBodyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("POST", "PUT", "PATCH", "DELETE") and malformed_multipart(request):
            return _refusal(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, MultiPartParserError):
            return _refusal(request)
        return None
