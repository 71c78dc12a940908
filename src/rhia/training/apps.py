from django.apps import AppConfig


class TrainingConfig(AppConfig):
    """Competence framework, self-assessment, catalogue, enrolments, training plans, access gating."""

    name = "rhia.training"
    verbose_name = "Formation"
