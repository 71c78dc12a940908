"""Pages of the governance app: kit, reports, lifecycle."""
