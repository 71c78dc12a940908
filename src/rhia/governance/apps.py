from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Usage kit (charter, ethics referential), acknowledgments, misuse reports, ethics commission, use-case lifecycle."""

    name = "rhia.governance"
    verbose_name = "Gouvernance"
