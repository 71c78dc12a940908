"""Assistant: Cases: intake -> policy -> privacy -> retrieval -> drafts -> choice/edit -> validation -> export."""
