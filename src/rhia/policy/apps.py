from django.apps import AppConfig


class PolicyConfig(AppConfig):
    """Use-case register, usage guard (forbidden-use detection), directives shown to agents."""

    name = "rhia.policy"
    verbose_name = "Cadre d'usage"
