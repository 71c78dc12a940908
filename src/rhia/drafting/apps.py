from django.apps import AppConfig


class DraftingConfig(AppConfig):
    """The answer pipeline: situation, passages, sentence selection, drafts, verification."""

    name = "rhia.drafting"
    verbose_name = "Rédaction"
