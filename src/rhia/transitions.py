"""The refusal every state machine raises (case workflow, use-case lifecycle): pure Python, no Django."""

from __future__ import annotations


class TransitionRefused(Exception):
    """An action the current state or the actor's role does not allow, with French messages.

    ``errors`` maps form fields to messages (``"__all__"`` for the action as a whole); ``message``
    joins them; ``code`` says why ("state", "role", "unknown", "second_validation"...).
    """

    def __init__(self, message: str | dict[str, str], code: str = "state") -> None:
        self.errors = dict(message) if isinstance(message, dict) else {"__all__": message}
        self.message = "; ".join(self.errors.values())
        self.code = code
        super().__init__(self.message)
