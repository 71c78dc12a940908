"""Size limits: Django settings when configured, else environment variables, else defaults."""

from __future__ import annotations

DEFAULT_MAX_CHARS = 20_000
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Work bounds per file, whatever its size: a 37 KB DOCX can hold 22,000 paragraphs. Long internal
# guides (corpus imports) stay well below these: 300 pages, 10,000 paragraphs or table cells.
MAX_PAGES = 300
MAX_BLOCKS = 10_000
# Office files are zip archives. Text-heavy XML compresses 5-15x; beyond 50x it is padding or a
# bomb. Small files may always expand to 2 MiB; nothing expands beyond 64 MiB.
MAX_EXPANSION_RATIO = 50
MIN_EXPANSION_ALLOWANCE = 2 * 1024 * 1024
MAX_EXPANDED_BYTES = 64 * 1024 * 1024
MAX_STREAM_BYTES = 16 * 1024 * 1024  # one decompressed PDF stream (a page's content, an image)


def expanded_allowance(compressed_size: int) -> int:
    """Bytes a zip of ``compressed_size`` bytes may declare once expanded."""
    return min(MAX_EXPANDED_BYTES, max(MIN_EXPANSION_ALLOWANCE, compressed_size * MAX_EXPANSION_RATIO))


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
    return _setting("RHIA_MAX_INPUT_CHARS") or DEFAULT_MAX_CHARS


def max_bytes() -> int:
    """Bytes accepted for one uploaded file (settings.DATA_UPLOAD_MAX_MEMORY_SIZE, from RHIA_MAX_UPLOAD_BYTES)."""
    return _setting("DATA_UPLOAD_MAX_MEMORY_SIZE") or DEFAULT_MAX_BYTES


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")
    if size >= 1024:
        return f"{size / 1024:.0f} ko"
    return f"{size} octets"


def human_count(count: int) -> str:
    return f"{count:,}".replace(",", "\u202f")
