"""Pure hashing of journal entries: canonical encoding, the chain rule, checkpoints, verification (no Django).

An entry's hash covers its metadata and two digests of its payload: the full payload
(``payload_sha256``) and the payload stripped of free text (``metadata_sha256``). The
content purge replaces the payload by its stripped form, so the chain still verifies and
the remaining metadata is still checked against its digest.
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
HASH_VERSION = "rhia-journal-v2"
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
) -> list[Any]:
    return [
        HASH_VERSION,
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


def entry_hash(previous_hash: str, fields: list[Any]) -> str:
    return hashlib.sha256(previous_hash.encode() + b"\n" + canonical(fields)).hexdigest()


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
#               payload: dict | JSON text, payload_sha256, metadata_sha256, content_purged, previous_hash, entry_hash)


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
        }


_BROKEN_LINK = "Entrée n° {seq} : chaînage rompu (entrée insérée ou réordonnée, ou entrée précédente modifiée puis ré-empreintée)."


def _fail(report: VerifyReport, seq: int | None, kind: str, problem: str) -> VerifyReport:
    report.ok, report.broken_seq, report.kind, report.problem = False, seq, kind, problem
    return report


def verify(
    rows: Iterable[Row], checkpoints: Iterable[CheckpointData] = (), key: bytes | None = None
) -> VerifyReport:
    """Walk the chain in seq order; stop at the first broken entry and say why (in French)."""
    report = VerifyReport()
    expected_seq, previous = 1, GENESIS_HASH
    for cp in checkpoints:
        report.checkpoints += 1
        if key is not None and not hmac.compare_digest(sign(key, cp), cp.signature):
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
    for row in rows:
        seq = row[0]
        if report.first_seq is None:
            report.first_seq = seq
        if seq != expected_seq:
            if seq > expected_seq:
                return _fail(
                    report, expected_seq, "deleted", f"Entrée n° {expected_seq} manquante : entrée supprimée."
                )
            return _fail(report, seq, "inserted_or_reordered", f"Entrée n° {seq} en double ou hors séquence.")
        fields = hashed_fields(seq, *row[1:8], row[9], row[10])
        if entry_hash(previous, fields) != row[13]:
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
