from django.apps import AppConfig


class SearchConfig(AppConfig):
    """French analysis, lexical and vector indexes, fusion, evaluation."""

    name = "rhia.search"
    verbose_name = "Recherche"
