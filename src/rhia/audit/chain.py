"""Pure hashing of journal entries: canonical encoding and the chain rule (no Django)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS_HASH = "0" * 64


def canonical(fields: dict[str, Any]) -> bytes:
    """Stable byte encoding: sorted keys, no whitespace, UTF-8, ISO timestamps given as strings."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def entry_hash(previous_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256(previous_hash.encode() + b"\n" + canonical(fields)).hexdigest()
