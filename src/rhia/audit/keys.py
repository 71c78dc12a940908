"""The journal keys (RHIA_AUDIT_KEY): HMAC of every entry and signature of every checkpoint.

``RHIA_AUDIT_KEY`` lists the keys newest first, comma-separated: the first signs, the others only
verify what they signed before a rotation. Production refuses to start without one (settings.py);
development derives one from the secret key so a laptop works with no configuration.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

from rhia.audit import chain


def keyring() -> chain.Keyring:
    configured = [key.encode() for key in getattr(settings, "RHIA_AUDIT_KEYS", [])]
    if configured:
        return configured
    return [hmac.new(settings.SECRET_KEY.encode(), b"rhia.audit.checkpoint", hashlib.sha256).digest()]


def current() -> tuple[str, bytes]:
    """(key id, key) that signs new entries and checkpoints."""
    key = keyring()[0]
    return chain.key_id(key), key


def for_id(kid: str | None) -> bytes | None:
    """The key that made an entry (None for a legacy unkeyed entry or an unknown key)."""
    if not kid:
        return None
    return next((key for key in keyring() if chain.key_id(key) == kid), None)
