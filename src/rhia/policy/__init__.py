"""Cadre d'usage: Use-case register, usage guard (forbidden-use detection), directives shown to agents."""
