"""Audit: the hash-chained, append-only journal of every AI-assisted act."""
