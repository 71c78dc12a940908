"""The journal proves its completeness (#17 point 1): keyed entries, signed heads outside the
database, INSERT-side checks. Each test plays someone with write access to the database."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import pytest
from django.db import DatabaseError, connection, transaction

from rhia.audit import chain, heads, services
from rhia.audit.journal import record
from rhia.audit.models import JournalEntry
from rhia.audit.permit import journal_permit

pytestmark = pytest.mark.django_db


@pytest.fixture
def journal():
    for n in range(10):
        record("test.act", obj=("case", n), payload={"n": n})
    heads.write_head()  # the last signed head: entry n° 10


def _rechain(from_seq: int, *, with_key: bool) -> None:
    """Renumber and re-hash the entries from ``from_seq`` on, as an attacker would."""
    entries = list(JournalEntry.objects.filter(seq__gte=from_seq).order_by("seq"))
    before = JournalEntry.objects.filter(seq__lt=from_seq).order_by("-seq").first()
    previous = before.entry_hash if before else chain.GENESIS_HASH
    for seq, entry in enumerate(entries, start=from_seq):
        entry.seq = seq
        if with_key:
            entry.seal(previous)
        else:
            entry.previous_hash = previous
            entry.entry_hash = chain.entry_hash(previous, entry.hashed_fields())
        entry.save()
        previous = entry.entry_hash


def test_intact_journal_matches_its_signed_heads(journal):
    report = services.verify_journal()
    assert report.ok and report.checked == 10 and report.heads == 1


def test_truncated_tail_is_detected_by_the_last_head(journal):
    with journal_permit():
        JournalEntry.objects.filter(seq__gte=8).delete()
    rows = list(services._rows())
    assert chain.verify(rows, keys=[services.signing_key()]).ok  # the chain alone cannot see it
    report = services.verify_journal()
    assert (report.ok, report.kind, report.broken_seq) == (False, "truncated", 8)
    assert "Entrées n° 8 à 10 supprimées" in report.problem


def test_delete_and_rechain_without_the_key(journal):
    with journal_permit():
        JournalEntry.objects.filter(seq=5).delete()
        _rechain(5, with_key=False)
    report = services.verify_journal()
    assert (report.ok, report.broken_seq, report.kind) == (False, 5, "modified")


def test_delete_and_rechain_with_the_key_is_caught_by_the_heads(journal):
    with journal_permit():
        JournalEntry.objects.filter(seq=5).delete()
        _rechain(5, with_key=True)
    rows = list(services._rows())
    assert chain.verify(rows, keys=[services.signing_key()]).ok
    report = services.verify_journal()
    assert not report.ok and report.kind in ("truncated", "rewritten")


def test_rewrite_with_the_key_keeping_the_length(journal):
    with journal_permit():
        entry = JournalEntry.objects.get(seq=3)
        entry.payload, entry.payload_sha256 = {"n": 99}, chain.digest({"n": 99})
        entry.metadata_sha256 = entry.payload_sha256
        entry.save()
        _rechain(3, with_key=True)
    report = services.verify_journal()
    assert (report.ok, report.kind, report.broken_seq) == (False, "rewritten", 10)


def _forge(**fields) -> JournalEntry:
    head = JournalEntry.objects.order_by("-seq").first()
    forged = JournalEntry(
        seq=head.seq + 1,
        created_at=head.created_at,
        action="assistant.validated",
        object_type="assistant.case",
        object_id="1",
        payload={},
        payload_sha256=chain.digest({}),
        metadata_sha256=chain.digest({}),
        previous_hash=head.entry_hash,
        entry_hash="f" * 64,
        key_id=head.key_id,
    )
    for name, value in fields.items():
        setattr(forged, name, value)
    return forged


def test_forged_insert_without_the_key_is_named(journal):
    # In sequence and chained, so the INSERT-side checks admit it; only the HMAC can tell.
    _forge().save(force_insert=True)
    report = services.verify_journal()
    assert (report.ok, report.broken_seq, report.kind) == (False, 11, "modified")


@pytest.mark.parametrize(
    "change",
    [
        {"seq": 15},  # a gap
        {"seq": 5},  # a number already used... or going back
        {"previous_hash": "0" * 64},  # not chained on the head
        {"created_at": "2020-01-01T00:00:00Z"},  # a timestamp before the head's
    ],
    ids=["gap", "old-number", "unchained", "backdated"],
)
def test_out_of_sequence_inserts_are_refused(journal, change):
    with pytest.raises(DatabaseError), transaction.atomic():
        _forge(**change).save(force_insert=True)
    assert JournalEntry.objects.count() == 10


def test_checkpoints_are_inserted_by_the_purge_only(journal):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_checkpoint (first_seq, last_seq, previous_hash, last_hash, range_digest, "
            "created_at, signature) VALUES (1, 10, %s, %s, %s, %s, %s)",
            ["0" * 64, "1" * 64, "2" * 64, "2026-01-01 00:00:00", "3" * 64],
        )


def test_reordered_entries_with_the_key(journal):
    with journal_permit():
        a, b = JournalEntry.objects.get(seq=4), JournalEntry.objects.get(seq=5)
        a.seq, b.seq = 1000, 4
        a.save()
        b.save()
        a.seq = 5
        a.save()
        _rechain(4, with_key=True)
    report = services.verify_journal()
    assert not report.ok and report.kind == "rewritten"


def test_a_new_key_alone_cannot_verify_older_entries(settings, journal):
    settings.RHIA_AUDIT_KEYS = ["nouvelle-cle-du-journal-2027-aleatoire-0123456789"]
    # The derived development key signed the first ten entries: without it they cannot be checked.
    report = services.verify_journal()
    assert (report.ok, report.kind, report.broken_seq) == (False, "unknown_key", 1)


def test_rotation_keeps_old_entries_verifiable_and_old_keys_retired(settings):
    first = "premiere-cle-du-journal-aleatoire-0123456789abcdef"
    second = "deuxieme-cle-du-journal-aleatoire-0123456789abcdef"
    settings.RHIA_AUDIT_KEYS = [first]
    for n in range(3):
        record("test.before", payload={"n": n})
    settings.RHIA_AUDIT_KEYS = [second, first]  # rotation: the new key signs, the old one verifies
    for n in range(3):
        record("test.after", payload={"n": n})
    assert len(set(JournalEntry.objects.values_list("key_id", flat=True))) == 2
    assert services.verify_journal().ok
    # The retired (perhaps leaked) key cannot append after the newer one took over.
    settings.RHIA_AUDIT_KEYS = [first]
    record("test.with_a_retired_key")
    settings.RHIA_AUDIT_KEYS = [second, first]
    report = services.verify_journal()
    assert (report.ok, report.kind, report.broken_seq) == (False, "key_order", 7)
    # Dropping the old key from the configuration makes its entries unverifiable, not silently accepted.
    settings.RHIA_AUDIT_KEYS = [second]
    report = services.verify_journal()
    assert (report.ok, report.kind, report.broken_seq) == (False, "unknown_key", 1)


def test_unkeyed_entries_only_before_keyed_ones():
    # Entries from before keyed hashing (v2) verify as the start of the chain...
    with journal_permit():
        previous = chain.GENESIS_HASH
        for n in range(1, 4):
            entry = _legacy(n, previous)
            entry.save(force_insert=True)
            previous = entry.entry_hash
    record("test.keyed")
    assert services.verify_journal().ok
    # ...never after: an unkeyed entry appended now is a forgery.
    head = JournalEntry.objects.order_by("-seq").first()
    _legacy(5, head.entry_hash, created_at=head.created_at).save(force_insert=True)
    report = services.verify_journal()
    assert (report.ok, report.kind, report.broken_seq) == (False, "unkeyed", 5)


def _legacy(seq: int, previous: str, created_at=None) -> JournalEntry:
    from django.utils import timezone

    entry = JournalEntry(
        seq=seq,
        created_at=created_at or timezone.now(),
        action="test.legacy",
        payload={},
        payload_sha256=chain.digest({}),
        metadata_sha256=chain.digest({}),
        previous_hash=previous,
    )
    entry.entry_hash = chain.entry_hash(previous, entry.hashed_fields())
    return entry


def test_edited_head_file_is_detected(journal, _journal_checkpoint_file):
    line = json.loads(_journal_checkpoint_file.read_text())
    line["seq"] = 4  # hide the tail we are about to delete
    _journal_checkpoint_file.write_text(json.dumps(line) + "\n")
    report = services.verify_journal()
    assert (report.ok, report.kind) == (False, "head_signature")


def test_unreadable_head_file_is_a_french_error(journal, _journal_checkpoint_file):
    _journal_checkpoint_file.write_text("pas un point de contrôle\n")
    report = services.verify_journal()
    assert (report.ok, report.kind) == (False, "head_file") and "Ligne 1" in report.problem


@pytest.mark.django_db(transaction=True)
def test_heads_written_at_a_fixed_interval(settings):
    settings.RHIA_AUDIT_CHECKPOINT_EVERY = 5
    settings.RHIA_AUDIT_CHECKPOINT_SECONDS = 3600
    heads._last_written[0] = time.monotonic()
    for n in range(12):
        record("test.interval", payload={"n": n})  # each append commits on its own
    lines = heads.read_heads(settings.RHIA_AUDIT_CHECKPOINT_FILE)
    assert [line["seq"] for line in lines] == [5, 10]
    assert services.verify_journal().heads == 2


def test_heads_go_to_syslog_when_configured(settings, journal):
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    receiver.settimeout(5)
    settings.RHIA_AUDIT_SYSLOG = f"127.0.0.1:{receiver.getsockname()[1]}"
    try:
        line = heads.write_head()
        datagram = receiver.recv(65536).decode()
    finally:
        receiver.close()
    assert heads.SYSLOG_TAG in datagram and line["entry_hash"] in datagram
    # An auditor can verify against the syslog copy as well as against the file.
    copy = settings.RHIA_AUDIT_CHECKPOINT_FILE.with_name("syslog.txt")
    copy.write_text(f"Dec  1 10:00:00 rhia {datagram}\n")
    assert services.verify_journal(checkpoint_file=copy).heads == 1


def test_production_refuses_to_start_without_an_audit_key():
    env = {
        "RHIA_ENV": "production",
        "RHIA_ALLOWED_HOSTS": "rhia.example",
        "RHIA_SECRET_KEY": "x" * 50,
        "RHIA_VAULT_KEY": "k",
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
    }
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='rhia.settings'; django.setup()"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "RHIA_AUDIT_KEY" in result.stderr
    env["RHIA_AUDIT_KEY"] = "trop-courte"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "RHIA_AUDIT_KEY" in result.stderr
    env["RHIA_AUDIT_KEY"] = "une-cle-de-journal-aleatoire-de-plus-de-32-caracteres"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
