"""Gouvernance: Usage kit (charter, ethics referential), acknowledgments, misuse reports, ethics commission, use-case lifecycle."""
