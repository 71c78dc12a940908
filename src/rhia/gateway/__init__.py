"""API compatible OpenAI: Governed OpenAI-compatible API (/v1/...): keys, quotas, guard, privacy, journal."""
