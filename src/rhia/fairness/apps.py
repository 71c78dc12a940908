from django.apps import AppConfig


class FairnessConfig(AppConfig):
    """Bias checks on drafts and final texts; counterfactual evaluation of the answer pipeline."""

    name = "rhia.fairness"
    verbose_name = "Biais et discriminations"
