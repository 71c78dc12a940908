"""Journal services used by the commands, the DPO page and other apps: verify, export, retention purge."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from rhia.audit import chain, heads, keys
from rhia.audit.journal import record
from rhia.audit.models import Checkpoint, JournalEntry
from rhia.audit.permit import journal_permit

MIN_METADATA_RETENTION_DAYS = 183  # AI Act art. 26(6): logs kept at least six months
DEFAULT_METADATA_RETENTION_DAYS = 365


class RetentionError(ValueError):
    """Invalid retention configuration or refused purge (French message)."""


def signing_key() -> bytes:
    """The key signing new entries and checkpoints (first of RHIA_AUDIT_KEY; see keys.py)."""
    return keys.current()[1]


def content_retention_days() -> int:
    return int(getattr(settings, "RHIA_CONTENT_RETENTION_DAYS", 180))


def metadata_retention_days() -> int:
    """``RHIA_AUDIT_RETENTION_DAYS`` (checked at start-up; checked again here for overridden settings)."""
    days = int(settings.RHIA_AUDIT_RETENTION_DAYS)
    if days < MIN_METADATA_RETENTION_DAYS:
        raise RetentionError(
            f"RHIA_AUDIT_RETENTION_DAYS = {days} : les journaux doivent être conservés au moins six mois "
            f"({MIN_METADATA_RETENTION_DAYS} jours, AI Act art. 26(6))."
        )
    return days


# --- verification ------------------------------------------------------------


def _timestamp(value) -> str:
    """Canonical timestamp from a raw column value (SQLite: naive UTC datetime or text; PostgreSQL: aware)."""
    if isinstance(value, str):
        if len(value) == 19:
            value += ".000000"
        return value.replace(" ", "T", 1) + "Z"
    if value.tzinfo is None:
        return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return chain.timestamp(value)


def _rows(up_to_seq: int | None = None) -> Iterator[tuple]:
    """Journal rows in seq order, read with a raw (server-side on PostgreSQL) cursor for speed."""
    table = connection.ops.quote_name(JournalEntry._meta.db_table)
    # SQLite: read the timestamp as text (no datetime parsing), already in canonical UTC form.
    created = "CAST(created_at AS TEXT)" if connection.vendor == "sqlite" else "created_at"
    columns = (
        f"seq, {created}, actor_id, actor_roles, structure_id, action, object_type, object_id, payload, "
        "payload_sha256, metadata_sha256, content_purged_at, previous_hash, entry_hash, key_id"
    )
    sql = f"SELECT {columns} FROM {table}"  # noqa: S608 - names from the model, values as parameters
    params: list = []
    if up_to_seq is not None:
        sql += " WHERE seq <= %s"
        params.append(up_to_seq)
    sql += " ORDER BY seq"
    timestamp = _timestamp
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(20_000):
            for row in chunk:
                yield (row[0], timestamp(row[1]), *row[2:11], row[11] is not None, row[12], row[13], row[14])


def verify_journal(
    *, record_result: bool = False, actor=None, checkpoint_file: Path | str | None = None
) -> chain.VerifyReport:
    """Check the whole chain (from the last signed purge checkpoint) and name the first broken entry,
    then compare it with the signed heads of the checkpoint file (default RHIA_AUDIT_CHECKPOINT_FILE).

    ``record_result`` journals the verification and writes a fresh head checkpoint (on demand)."""
    keyring = keys.keyring()
    checkpoints = [cp.data() for cp in Checkpoint.objects.order_by("first_seq")]
    # closing(): verification stops at the first broken entry; leave no cursor or atomic block open.
    with closing(_rows()) as rows:
        report = chain.verify(rows, checkpoints, keyring)
    if report.ok:
        _compare_heads(report, checkpoints, keyring, checkpoint_file)
    if record_result:
        record(
            "audit.verified",
            actor=actor,
            payload={"ok": report.ok, "checked": report.checked, "broken_seq": report.broken_seq},
        )
        if report.ok:
            transaction.on_commit(heads.write_head, robust=True)
    return report


def _compare_heads(report, checkpoints, keyring, checkpoint_file) -> None:
    path = Path(checkpoint_file or settings.RHIA_AUDIT_CHECKPOINT_FILE)
    if not path.exists():
        if checkpoint_file:
            chain.fail(report, None, "head_file", f"Fichier de points de contrôle introuvable : {path}.")
        elif report.checked >= settings.RHIA_AUDIT_CHECKPOINT_EVERY:
            report.warnings.append(
                "Aucun point de contrôle externe : la suppression des dernières entrées ne serait pas détectée."
            )
        return
    try:
        lines = heads.read_heads(path)
    except (OSError, heads.HeadFileError) as error:
        chain.fail(report, None, "head_file", str(error))
        return
    wanted = sorted({line["seq"] for line in lines})
    hash_at: dict[int, str] = {}
    for start in range(0, len(wanted), 1000):
        hash_at.update(
            JournalEntry.objects.filter(seq__in=wanted[start : start + 1000]).values_list("seq", "entry_hash")
        )
    head_seq = report.last_seq or (checkpoints[-1].last_seq if checkpoints else 0)
    purged = {cp.last_seq: cp.last_hash for cp in checkpoints}
    check = heads.check_heads(lines, keyring, hash_at, head_seq, purged)
    report.heads = check.checked
    if not check.ok:
        chain.fail(report, check.seq, check.kind, check.problem)


def last_verification() -> JournalEntry | None:
    return JournalEntry.objects.filter(action="audit.verified").order_by("-seq").first()


# --- export --------------------------------------------------------------------


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered(
    *,
    since: date | None = None,
    until: date | None = None,
    action: str = "",
    actor_id: int | None = None,
    object_type: str = "",
):
    entries = JournalEntry.objects.all()
    if since:
        entries = entries.filter(created_at__gte=_day_start(since))
    if until:
        entries = entries.filter(created_at__lt=_day_start(until + timedelta(days=1)))
    if action:
        entries = entries.filter(action__startswith=action)
    if actor_id is not None:
        entries = entries.filter(actor_id=actor_id)
    if object_type:
        entries = entries.filter(object_type=object_type)
    return entries.order_by("seq")


def export_lines(**filters) -> Iterator[str]:
    """JSONL for the DPO: one entry per line, with its hashes, in sequence order (``until`` inclusive)."""
    for entry in filtered(**filters).iterator(chunk_size=5000):
        yield json.dumps(entry.as_export(), ensure_ascii=False, sort_keys=True) + "\n"


# --- retention -------------------------------------------------------------------


@dataclass
class PurgeReport:
    content_purged: int = 0
    entries_removed: int = 0
    checkpoint: Checkpoint | None = None

    def as_dict(self) -> dict:
        cp = self.checkpoint
        return {
            "content_purged": self.content_purged,
            "entries_removed": self.entries_removed,
            "checkpoint": None if cp is None else {"first_seq": cp.first_seq, "last_seq": cp.last_seq},
        }


def purge(
    *, now: datetime | None = None, content_days: int | None = None, metadata_days: int | None = None
) -> PurgeReport:
    """Strip free texts from payloads older than ``content_days``; remove entries older than ``metadata_days``
    behind a signed checkpoint so the remaining chain still verifies. Journals the purge itself."""
    now = now or timezone.now()
    content_days = content_retention_days() if content_days is None else content_days
    metadata_days = metadata_retention_days() if metadata_days is None else metadata_days
    if metadata_days < MIN_METADATA_RETENTION_DAYS:
        raise RetentionError(
            f"Les métadonnées du journal doivent être conservées au moins {MIN_METADATA_RETENTION_DAYS} jours."
        )
    if content_days < 0:
        raise RetentionError("La durée de conservation du contenu doit être positive.")
    key = signing_key()
    report = PurgeReport()
    with transaction.atomic(), journal_permit():
        stale = JournalEntry.objects.filter(
            created_at__lt=now - timedelta(days=content_days), content_purged_at__isnull=True
        )
        batch: list[JournalEntry] = []
        for entry in stale.only("id", "payload").iterator(chunk_size=2000):
            entry.payload = chain.sort_keys(chain.strip_content(entry.payload))
            entry.content_purged_at = now
            batch.append(entry)
            if len(batch) >= 1000:
                JournalEntry.objects.bulk_update(batch, ["payload", "content_purged_at"])
                report.content_purged += len(batch)
                batch = []
        if batch:
            JournalEntry.objects.bulk_update(batch, ["payload", "content_purged_at"])
            report.content_purged += len(batch)
        old = JournalEntry.objects.filter(created_at__lt=now - timedelta(days=metadata_days))
        last_seq = old.order_by("-seq").values_list("seq", flat=True).first()
        if last_seq is not None:
            report.checkpoint, report.entries_removed = _checkpoint_and_remove(last_seq, key, now)
    if report.content_purged or report.entries_removed:
        record("audit.purged", payload=report.as_dict())
    return report


def _checkpoint_and_remove(last_seq: int, key: bytes, now: datetime) -> tuple[Checkpoint, int]:
    checkpoints = [cp.data() for cp in Checkpoint.objects.order_by("first_seq")]
    purged = JournalEntry.objects.filter(seq__lte=last_seq)
    with closing(_rows(last_seq)) as rows:
        check = chain.verify(rows, checkpoints, keys.keyring())
    if not check.ok:
        raise RetentionError(f"Purge refusée : le journal ne se vérifie pas ({check.problem}).")
    first = purged.order_by("seq").values_list("seq", "previous_hash").first()
    hashes = list(purged.order_by("seq").values_list("entry_hash", flat=True))
    data = chain.CheckpointData(
        first_seq=first[0],
        last_seq=last_seq,
        previous_hash=first[1],
        last_hash=hashes[-1],
        range_digest=chain.range_digest(hashes),
        created_at=chain.timestamp(now),
    )
    checkpoint = Checkpoint.objects.create(
        first_seq=data.first_seq,
        last_seq=data.last_seq,
        previous_hash=data.previous_hash,
        last_hash=data.last_hash,
        range_digest=data.range_digest,
        created_at=now,
        signature=chain.sign(key, data),
    )
    removed, _ = purged.delete()
    return checkpoint, removed
