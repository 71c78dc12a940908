"""Pages of the case workflow: thin wrappers over rhia.assistant.services."""
