from django.apps import AppConfig


class PortalConfig(AppConfig):
    """DSFR shell: navigation per role, home page, legal and error pages."""

    name = "rhia.portal"
    verbose_name = "Portail"
