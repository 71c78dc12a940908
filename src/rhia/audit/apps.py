from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Hash-chained journal, verification, retention, DPO export."""

    name = "rhia.audit"
    verbose_name = "Journal de traçabilité"
