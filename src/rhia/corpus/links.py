"""Links taken from imported documents: only absolute http(s) addresses ever reach a page."""

from __future__ import annotations

from urllib.parse import urlsplit


def web_url(value: str | None) -> str:
    """``value`` if it is an absolute http(s) URL, else "" (``javascript:``, ``data:``, relative...)."""
    text = (value or "").strip()
    if not text or any(ord(char) < 0x21 for char in text):
        return ""
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return text
