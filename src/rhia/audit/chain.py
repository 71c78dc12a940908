"""Pure hashing of journal entries: canonical encoding, the chain rule, checkpoints, verification (no Django).

An entry's hash covers its metadata and two digests of its payload: the full payload
(``payload_sha256``) and the payload stripped of free text (``metadata_sha256``). The
content purge replaces the payload by its stripped form, so the chain still verifies and
the remaining metadata is still checked against its digest.

Since v3 the hash is an HMAC-SHA256 keyed with RHIA_AUDIT_KEY and names the key that made it
(``key_id``, a fingerprint): someone who can write to the database but does not hold the key
cannot re-chain rewritten entries. Entries written before v3 (no ``key_id``) are accepted
only as a prefix of the chain, never after a keyed entry.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64
HASH_VERSION = "rhia-journal-v2"  # unkeyed SHA-256 chain (entries written before v3)
KEYED_VERSION = "rhia-journal-v3"  # HMAC-SHA256 chain
# A string value is kept by the content purge when it looks like an identifier, not a text.
_MAX_TOKEN_CHARS = 80

_dumps = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode


def canonical(value: Any) -> bytes:
    """Stable byte encoding: sorted keys, no whitespace, UTF-8."""
    return _dumps(value).encode()


def sort_keys(value: Any) -> Any:
    """The payload with its keys sorted at every level: stored as is, its JSON text is the digest's input."""
    if isinstance(value, dict):
        return {key: sort_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list | tuple):
        return [sort_keys(item) for item in value]
    return value


def digest(value: Any) -> str:
    """SHA-256 of ``json.dumps(value, sort_keys=True)`` (default separators, ASCII): the text Django's
    JSONField stores for a key-sorted payload, so verification can hash the stored text directly."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def payload_matches(value: Any, expected: str) -> bool:
    """``value`` is the stored payload: its JSON text (fast path) or the decoded object."""
    if isinstance(value, str):
        if hashlib.sha256(value.encode()).hexdigest() == expected:
            return True
        value = json.loads(value)
    elif isinstance(value, bytes | bytearray | memoryview):
        return payload_matches(bytes(value).decode(), expected)
    return digest(value) == expected


def timestamp(moment: datetime) -> str:
    """Canonical UTC timestamp with microseconds (identical on every database backend)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _keep(value: Any) -> tuple[bool, Any]:
    if value is None or isinstance(value, bool | int | float):
        return True, value
    if isinstance(value, str):
        return (len(value) <= _MAX_TOKEN_CHARS and not any(c.isspace() for c in value)), value
    if isinstance(value, list):
        kept = [v for ok, v in map(_keep, value) if ok]
        return len(kept) == len(value), kept
    if isinstance(value, dict):
        return True, strip_content(value)
    return False, None


def strip_content(payload: dict[str, Any]) -> dict[str, Any]:
    """The metadata part of a payload: numbers, booleans and identifier-like strings; free texts dropped."""
    stripped = {}
    for key, value in payload.items():
        ok, kept = _keep(value)
        if ok:
            stripped[key] = kept
    return stripped


def hashed_fields(
    seq: int,
    created_at: str,
    actor_id: int | None,
    actor_roles: str,
    structure_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    payload_sha256: str,
    metadata_sha256: str,
    key_id: str | None = None,
) -> list[Any]:
    head = [KEYED_VERSION, key_id] if key_id else [HASH_VERSION]
    return [
        *head,
        seq,
        created_at,
        actor_id,
        actor_roles,
        structure_id,
        action,
        object_type,
        object_id,
        payload_sha256,
        metadata_sha256,
    ]


def entry_hash(previous_hash: str, fields: list[Any], key: bytes | None = None) -> str:
    """HMAC-SHA256 with ``key`` (v3), plain SHA-256 without (v2, legacy entries only)."""
    message = previous_hash.encode() + b"\n" + canonical(fields)
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def key_id(key: bytes) -> str:
    """Public fingerprint of a journal key, stored with each entry (reveals nothing of the key)."""
    return hashlib.sha256(b"rhia-audit-key-id\n" + key).hexdigest()[:16]


# --- checkpoints -----------------------------------------------------------


@dataclass(frozen=True)
class CheckpointData:
    """The signed summary of a purged range of entries."""

    first_seq: int
    last_seq: int
    previous_hash: str  # hash preceding first_seq (genesis or previous checkpoint's last_hash)
    last_hash: str  # entry hash at last_seq: the next remaining entry chains on it
    range_digest: str  # sha256 over the purged entry hashes, in order
    created_at: str
    signature: str = ""

    def signed_part(self) -> list[Any]:
        return [
            HASH_VERSION,
            self.first_seq,
            self.last_seq,
            self.previous_hash,
            self.last_hash,
            self.range_digest,
            self.created_at,
        ]


def sign(key: bytes, data: CheckpointData) -> str:
    return hmac.new(key, canonical(data.signed_part()), hashlib.sha256).hexdigest()


def range_digest(hashes: Iterable[str]) -> str:
    h = hashlib.sha256()
    for value in hashes:
        h.update(value.encode())
    return h.hexdigest()


# --- verification ----------------------------------------------------------

Row = tuple  # (seq, created_at: str, actor_id, actor_roles, structure_id, action, object_type, object_id,
#               payload: dict | JSON text, payload_sha256, metadata_sha256, content_purged, previous_hash, entry_hash,
#               key_id: str | None)

Keyring = list[bytes]  # newest first: index 0 signs new entries, later ones only verify older entries


@dataclass
class VerifyReport:
    ok: bool = True
    checked: int = 0
    checkpoints: int = 0
    first_seq: int | None = None
    last_seq: int | None = None
    broken_seq: int | None = None
    problem: str = ""  # French explanation
    kind: str = ""  # modified | deleted | inserted_or_reordered | content_modified | checkpoint
    details: dict[str, Any] = field(default_factory=dict)
    heads: int = 0  # signed heads of the checkpoint file found consistent
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "checkpoints": self.checkpoints,
            "first_seq": self.first_seq,
            "last_seq": self.last_seq,
            "broken_seq": self.broken_seq,
            "kind": self.kind,
            "problem": self.problem,
            "heads": self.heads,
            "warnings": self.warnings,
        }


_BROKEN_LINK = "Entrée n° {seq} : chaînage rompu (entrée insérée ou réordonnée, ou entrée précédente modifiée puis ré-empreintée)."


_UNKNOWN_KEY = (
    "Entrée n° {seq} : signée avec une clé inconnue (clé retirée de RHIA_AUDIT_KEY, ou entrée forgée)."
)
_OLD_KEY = (
    "Entrée n° {seq} : signée avec une clé plus ancienne que l'entrée précédente (clé retirée réutilisée)."
)
_UNKEYED = "Entrée n° {seq} : sans signature après des entrées signées (entrée forgée)."


def fail(report: VerifyReport, seq: int | None, kind: str, problem: str) -> VerifyReport:
    report.ok, report.broken_seq, report.kind, report.problem = False, seq, kind, problem
    return report


_fail = fail


def signed_by(keys: Keyring, data: CheckpointData) -> bool:
    return any(hmac.compare_digest(sign(key, data), data.signature) for key in keys)


def verify(
    rows: Iterable[Row], checkpoints: Iterable[CheckpointData] = (), keys: Keyring | None = None
) -> VerifyReport:
    """Walk the chain in seq order; stop at the first broken entry and say why (in French).

    ``keys`` (newest first) check the HMAC of keyed entries and the checkpoint signatures; a key
    never comes back after a newer one took over (a retired, perhaps leaked, key cannot append)."""
    report = VerifyReport()
    expected_seq, previous = 1, GENESIS_HASH
    ring = {key_id(key): (rank, key) for rank, key in enumerate(keys or [])}
    for cp in checkpoints:
        report.checkpoints += 1
        if keys is not None and not signed_by(keys, cp):
            return _fail(
                report,
                cp.first_seq,
                "checkpoint",
                f"Point de contrôle {cp.first_seq}–{cp.last_seq} : signature invalide.",
            )
        if cp.first_seq != expected_seq or cp.previous_hash != previous:
            return _fail(
                report,
                expected_seq,
                "checkpoint",
                f"Points de contrôle discontinus avant le n° {cp.first_seq}.",
            )
        expected_seq, previous = cp.last_seq + 1, cp.last_hash
    matches = payload_matches
    last_rank: int | None = None
    for row in rows:
        seq = row[0]
        kid = row[14] if len(row) > 14 else None
        if report.first_seq is None:
            report.first_seq = seq
        if seq != expected_seq:
            if seq > expected_seq:
                return _fail(
                    report, expected_seq, "deleted", f"Entrée n° {expected_seq} manquante : entrée supprimée."
                )
            return _fail(report, seq, "inserted_or_reordered", f"Entrée n° {seq} en double ou hors séquence.")
        key = None
        if kid:
            if kid not in ring:
                return _fail(report, seq, "unknown_key", _UNKNOWN_KEY.format(seq=seq))
            rank, key = ring[kid]
            if last_rank is not None and rank > last_rank:
                return _fail(report, seq, "key_order", _OLD_KEY.format(seq=seq))
            last_rank = rank
        elif last_rank is not None:
            return _fail(report, seq, "unkeyed", _UNKEYED.format(seq=seq))
        fields = hashed_fields(seq, *row[1:8], row[9], row[10], kid)
        if entry_hash(previous, fields, key) != row[13]:
            if row[12] != previous:
                return _fail(report, seq, "inserted_or_reordered", _BROKEN_LINK.format(seq=seq))
            return _fail(
                report, seq, "modified", f"Entrée n° {seq} modifiée : son empreinte ne correspond plus."
            )
        if row[12] != previous:
            return _fail(report, seq, "inserted_or_reordered", _BROKEN_LINK.format(seq=seq))
        expected_digest = row[10] if row[11] else row[9]
        if not matches(row[8], expected_digest):
            return _fail(report, seq, "content_modified", f"Entrée n° {seq} : contenu modifié.")
        previous = row[13]
        expected_seq = seq + 1
        report.checked += 1
        report.last_seq = seq
    return report
