from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """Aggregated indicators (minimum group size 5) for direction, ethics and training services."""

    name = "rhia.dashboard"
    verbose_name = "Tableaux de bord"
