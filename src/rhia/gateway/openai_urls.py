"""URLs of the OpenAI-compatible API, mounted at /v1/ (no session, API keys only)."""

urlpatterns: list = []
