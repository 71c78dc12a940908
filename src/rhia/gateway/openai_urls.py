"""URLs of the OpenAI-compatible API, mounted at /v1/ (no session, API keys only)."""

from django.urls import path

from rhia.gateway.openai_api import api

urlpatterns = [path("", api.urls)]
