"""Signed head checkpoints kept outside the database: what proves the journal was not cut short.

The hash chain shows that the entries present are intact and in order; it cannot show that
the last ones were not removed, nor that someone holding the key did not rewrite the journal.
So every ``RHIA_AUDIT_CHECKPOINT_EVERY`` entries (and at least every
``RHIA_AUDIT_CHECKPOINT_SECONDS`` while entries are written), after the commit, and on demand
(``rhia audit checkpoint``, the DPO's "Vérifier"), the head of the chain — its number, its hash,
its timestamp — is signed with the journal key and appended to a file (``RHIA_AUDIT_CHECKPOINT_FILE``)
and, when ``RHIA_AUDIT_SYSLOG`` is set, to syslog/journald. Verification then compares the
database with every line: a head that is missing (truncation) or whose hash changed (rewrite)
is reported. See docs/framework.md for what an auditor does with the file.
"""

from __future__ import annotations

import fcntl
import hmac
import json
import logging
import logging.handlers
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rhia.audit import chain, keys

VERSION = "rhia-head-v1"
SYSLOG_TAG = "rhia-audit-checkpoint"
_FIELDS = ("v", "seq", "entry_hash", "entry_created_at", "written_at", "key_id")
_last_written = [0.0]  # monotonic time of this process's last head checkpoint
_syslog: list[logging.Logger] = []


class HeadFileError(ValueError):
    """Unreadable checkpoint file (French message naming the line)."""


def _signature(key: bytes, line: dict[str, Any]) -> str:
    return hmac.new(key, chain.canonical([line.get(name) for name in _FIELDS]), "sha256").hexdigest()


def after_append(seq: int) -> None:
    """Called inside the append transaction: schedule a head checkpoint after commit when one is due."""
    now = time.monotonic()
    due = seq % settings.RHIA_AUDIT_CHECKPOINT_EVERY == 0
    due = due or now - _last_written[0] >= settings.RHIA_AUDIT_CHECKPOINT_SECONDS
    if due:
        _last_written[0] = now
        transaction.on_commit(write_head, robust=True)


def current_head() -> dict[str, Any] | None:
    """The signed line for the present head of the chain (None for an empty journal)."""
    from rhia.audit.models import JournalEntry

    head = JournalEntry.objects.order_by("-seq").values_list("seq", "entry_hash", "created_at").first()
    if head is None:
        return None
    kid, key = keys.current()
    line = {
        "v": VERSION,
        "seq": head[0],
        "entry_hash": head[1],
        "entry_created_at": chain.timestamp(head[2]),
        "written_at": chain.timestamp(timezone.now()),
        "key_id": kid,
    }
    line["signature"] = _signature(key, line)
    return line


def write_head() -> dict[str, Any] | None:
    """Append the signed head to the checkpoint file (and syslog); returns the line written."""
    path = Path(settings.RHIA_AUDIT_CHECKPOINT_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        # The head is read under the file's exclusive lock: lines from several app processes never
        # interleave and their numbers never go back through the file.
        fcntl.flock(handle, fcntl.LOCK_EX)
        line = current_head()
        if line is None:
            return None
        text = json.dumps(line, sort_keys=True, ensure_ascii=False)
        handle.write(text + "\n")
        handle.flush()
    logger = _syslog_logger()
    if logger is not None:
        logger.info("%s %s", SYSLOG_TAG, text)
    return line


def _syslog_logger() -> logging.Logger | None:
    address = settings.RHIA_AUDIT_SYSLOG
    if not address:
        return None
    if not _syslog or getattr(_syslog[0], "rhia_address", None) != address:
        host, _, port = address.rpartition(":")
        target: Any = address if address.startswith("/") else (host, int(port))
        logger = logging.getLogger("rhia.audit.checkpoints")
        logger.handlers = [logging.handlers.SysLogHandler(address=target)]
        logger.propagate = False
        logger.setLevel(logging.INFO)
        logger.rhia_address = address  # type: ignore[attr-defined]
        _syslog[:] = [logger]
    return _syslog[0]


def read_heads(path: Path | str) -> list[dict[str, Any]]:
    """Lines of a checkpoint file, or of syslog lines carrying them (text before the JSON ignored)."""
    lines = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            raw = raw.replace("\x00", "")  # syslog datagrams end with a NUL
            start = raw.find("{")
            if start < 0:
                if raw.strip():
                    raise HeadFileError(f"Ligne {number} du fichier de points de contrôle illisible.")
                continue
            try:
                line = json.loads(raw[start:])
            except json.JSONDecodeError as error:
                raise HeadFileError(f"Ligne {number} du fichier de points de contrôle illisible.") from error
            if not isinstance(line, dict) or line.get("v") != VERSION or not isinstance(line.get("seq"), int):
                raise HeadFileError(f"Ligne {number} : ce n'est pas un point de contrôle rhia.")
            line["_line"] = number
            lines.append(line)
    return lines


@dataclass
class HeadCheck:
    ok: bool = True
    checked: int = 0
    seq: int | None = None
    kind: str = ""
    problem: str = ""


def check_heads(
    lines: Iterable[dict[str, Any]],
    keyring: chain.Keyring,
    hash_at: dict[int, str],
    head_seq: int,
    purged_hash_at: dict[int, str],
) -> HeadCheck:
    """Compare signed heads with the database: ``hash_at`` the stored hash of each named seq,
    ``head_seq`` the last seq present, ``purged_hash_at`` the last hashes of purge checkpoints."""
    ring = {chain.key_id(key): key for key in keyring}
    result, highest = HeadCheck(), 0
    for line in lines:
        where = f"point de contrôle du {line.get('written_at', '?')} (ligne {line['_line']})"
        where_ = where[0].upper() + where[1:]
        key = ring.get(line.get("key_id", ""))
        if key is None or not hmac.compare_digest(_signature(key, line), str(line.get("signature", ""))):
            return _broken(result, line["seq"], "head_signature", f"{where_} : signature invalide.")
        seq = line["seq"]
        if seq < highest:
            return _broken(result, seq, "head_order", f"{where_} : numéro en recul, fichier modifié.")
        highest = seq
        if seq > head_seq:
            return _broken(
                result,
                head_seq + 1,
                "truncated",
                f"Entrées n° {head_seq + 1} à {seq} supprimées : le {where} atteste l'entrée n° {seq}.",
            )
        stored = hash_at.get(seq, purged_hash_at.get(seq))
        if stored is not None and stored != line["entry_hash"]:
            return _broken(result, seq, "rewritten", f"Entrée n° {seq} réécrite depuis le {where}.")
        result.checked += 1
    return result


def _broken(result: HeadCheck, seq: int, kind: str, problem: str) -> HeadCheck:
    result.ok, result.seq, result.kind, result.problem = False, seq, kind, problem
    return result
