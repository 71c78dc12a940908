from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """PII recognizers, sensitive categories, pseudonymization vault."""

    name = "rhia.privacy"
    verbose_name = "Protection des données"
