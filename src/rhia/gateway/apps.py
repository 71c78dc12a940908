from django.apps import AppConfig


class GatewayConfig(AppConfig):
    """Governed OpenAI-compatible API (/v1/...): keys, quotas, guard, privacy, journal."""

    name = "rhia.gateway"
    verbose_name = "API compatible OpenAI"
