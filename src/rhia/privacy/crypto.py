"""Vault encryption keys: Fernet keys from ``RHIA_VAULT_KEY`` (comma-separated for rotation).

A value that is not a Fernet key is stretched with SHA-256. In development, without
``RHIA_VAULT_KEY``, the key is derived from ``SECRET_KEY`` (production refuses to start).
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _fernet(secret: str) -> Fernet:
    try:
        return Fernet(secret.encode())
    except (ValueError, TypeError):
        digest = hashlib.sha256(b"rhia-vault:" + secret.encode()).digest()
        return Fernet(base64.urlsafe_b64encode(digest))


def _secrets() -> list[str]:
    configured = [part.strip() for part in (settings.RHIA_VAULT_KEY or "").split(",") if part.strip()]
    return configured or [f"dev-from-secret-key:{settings.SECRET_KEY}"]


def cipher() -> MultiFernet:
    """First key encrypts; every key decrypts (rotation: prepend the new key)."""
    return MultiFernet([_fernet(secret) for secret in _secrets()])


def encrypt(data: bytes) -> str:
    return cipher().encrypt(data).decode("ascii")


class VaultKeyError(Exception):
    """The vault cannot be decrypted with the configured keys."""


def decrypt(token: str) -> bytes:
    try:
        return cipher().decrypt(token.encode("ascii"))
    except InvalidToken as exc:
        raise VaultKeyError(
            "Le coffre de pseudonymisation ne peut pas être déchiffré avec la clé configurée (RHIA_VAULT_KEY)."
        ) from exc


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 of a value with a key derived from the vault key (no dictionary attack on NIRs)."""
    key = hashlib.sha256(b"rhia-vault-hmac:" + _secrets()[0].encode()).digest()
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()
