from django.apps import AppConfig


class CorpusConfig(AppConfig):
    """Sources, documents, passages and their importers (service-public, LEGI, uploads)."""

    name = "rhia.corpus"
    verbose_name = "Sources documentaires"
