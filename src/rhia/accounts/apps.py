from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Users, structures (ministry > académie/direction > service), roles, OIDC login, pending access."""

    name = "rhia.accounts"
    verbose_name = "Comptes et rôles"
