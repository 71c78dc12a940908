"""Size limits: Django settings when configured, else environment variables, else defaults."""

from __future__ import annotations

import os

DEFAULT_MAX_CHARS = 20_000
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def _setting(name: str) -> int | None:
    try:
        from django.conf import settings

        if settings.configured and hasattr(settings, name):
            return int(getattr(settings, name))
    except ImportError:  # pragma: no cover - Django is always installed with rhia
        return None
    return None


def max_chars() -> int:
    """Characters of extracted text accepted as a case input (settings.RHIA_MAX_INPUT_CHARS)."""
    return _setting("RHIA_MAX_INPUT_CHARS") or int(os.environ.get("RHIA_MAX_INPUT_CHARS", DEFAULT_MAX_CHARS))


def max_bytes() -> int:
    """Bytes accepted for one uploaded file (settings.DATA_UPLOAD_MAX_MEMORY_SIZE, from RHIA_MAX_UPLOAD_BYTES)."""
    return _setting("DATA_UPLOAD_MAX_MEMORY_SIZE") or int(
        os.environ.get("RHIA_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES)
    )


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")
    if size >= 1024:
        return f"{size / 1024:.0f} ko"
    return f"{size} octets"


def human_count(count: int) -> str:
    return f"{count:,}".replace(",", "\u202f")
