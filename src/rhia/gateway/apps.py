from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class GatewayConfig(AppConfig):
    """Governed OpenAI-compatible API (/v1/...): keys, quotas, guard, privacy, journal."""

    name = "rhia.gateway"
    verbose_name = "API compatible OpenAI"

    def ready(self) -> None:
        from rhia.gateway.models import QuotaPolicy
        from rhia.gateway.quota import clear_limits_cache

        post_save.connect(clear_limits_cache, sender=QuotaPolicy, dispatch_uid="gateway-quota-saved")
        post_delete.connect(clear_limits_cache, sender=QuotaPolicy, dispatch_uid="gateway-quota-deleted")
