from django.apps import AppConfig


class AssistantConfig(AppConfig):
    """Cases: intake -> policy -> privacy -> retrieval -> drafts -> choice/edit -> validation -> export."""

    name = "rhia.assistant"
    verbose_name = "Assistant"
