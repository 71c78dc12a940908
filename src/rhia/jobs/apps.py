from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Owns background jobs: their durable state, the worker's lease and the recovery of lost jobs."""

    name = "rhia.jobs"
    verbose_name = "Tâches de fond"
