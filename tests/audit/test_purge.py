"""Retention: content purge keeps the chain verifiable; entry purge leaves a signed checkpoint."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection

from rhia.audit import services
from rhia.audit.journal import record
from rhia.audit.models import Checkpoint, JournalEntry
from rhia.audit.permit import journal_permit

pytestmark = pytest.mark.django_db


def _age_entries(days: int, seqs) -> None:
    """Backdate entries (test set-up through the permit) and re-chain them so the journal is intact."""
    from rhia.audit import chain

    with journal_permit():
        previous = chain.GENESIS_HASH
        for entry in JournalEntry.objects.order_by("seq"):
            if entry.seq in seqs:
                entry.created_at = entry.created_at - timedelta(days=days)
            entry.seal(previous)
            entry.save()
            previous = entry.entry_hash


def _fill(n: int) -> None:
    for i in range(n):
        record(
            "test.retention",
            payload={"category": "demo", "n": i, "question": f"Texte libre pseudonymisé {i}"},
        )


def test_content_purge_strips_free_text_and_chain_still_verifies():
    _fill(6)
    _age_entries(200, {1, 2, 3})
    report = services.purge(content_days=180, metadata_days=400)
    assert report.content_purged == 3 and report.entries_removed == 0
    old = JournalEntry.objects.get(seq=1)
    assert old.payload == {"category": "demo", "n": 0} and old.content_purged_at is not None
    assert JournalEntry.objects.get(seq=4).payload["question"].startswith("Texte libre")
    assert services.verify_journal().ok
    assert JournalEntry.objects.filter(action="audit.purged").exists()


def test_entry_purge_leaves_a_signed_checkpoint_and_appends_continue():
    _fill(10)
    _age_entries(400, set(range(1, 5)))
    report = services.purge(content_days=180, metadata_days=365)
    assert report.entries_removed == 4
    checkpoint = Checkpoint.objects.get()
    assert (checkpoint.first_seq, checkpoint.last_seq) == (1, 4)
    assert JournalEntry.objects.order_by("seq").first().seq == 5
    verification = services.verify_journal()
    assert verification.ok, verification.problem
    record("test.after_purge")
    assert services.verify_journal().ok


def test_second_purge_continues_the_checkpoints():
    _fill(8)
    _age_entries(400, {1, 2})
    services.purge(content_days=180, metadata_days=365)
    _age_entries_after_purge = JournalEntry.objects.filter(seq__in=[3, 4])

    with journal_permit():
        previous = Checkpoint.objects.get().last_hash
        for entry in JournalEntry.objects.order_by("seq"):
            if entry in _age_entries_after_purge:
                entry.created_at -= timedelta(days=400)
            entry.seal(previous)
            entry.save()
            previous = entry.entry_hash
    services.purge(content_days=180, metadata_days=365)
    assert list(Checkpoint.objects.values_list("first_seq", "last_seq")) == [(1, 2), (3, 4)]
    assert services.verify_journal().ok


def test_forged_checkpoint_is_detected():
    _fill(6)
    _age_entries(400, {1, 2})
    services.purge(content_days=180, metadata_days=365)
    with journal_permit():
        Checkpoint.objects.update(last_seq=3)
    report = services.verify_journal()
    assert not report.ok and report.kind in ("checkpoint", "inserted_or_reordered")


def test_metadata_retention_below_six_months_is_refused(settings):
    with pytest.raises(services.RetentionError, match="six mois|183"):
        services.purge(metadata_days=90)
    settings.RHIA_AUDIT_RETENTION_DAYS = (
        30  # the environment is checked at start-up (test_configuration_docs)
    )
    with pytest.raises(services.RetentionError, match="six mois"):
        services.metadata_retention_days()


def test_purge_refuses_to_sign_a_tampered_range():
    _fill(5)
    _age_entries(400, {1, 2, 3})
    with journal_permit():
        JournalEntry.objects.filter(seq=2).update(action="test.tampered")
    with pytest.raises(services.RetentionError, match="ne se vérifie pas"):
        services.purge(content_days=180, metadata_days=365)
    assert JournalEntry.objects.count() == 5


def test_signing_key_from_settings(settings):
    settings.RHIA_AUDIT_KEYS = ["une-cle-de-test-suffisamment-longue", "ancienne-cle"]
    assert services.signing_key() == b"une-cle-de-test-suffisamment-longue"
    settings.RHIA_AUDIT_KEYS = []
    assert len(services.signing_key()) == 32


def test_vendor_is_known():
    assert connection.vendor in ("sqlite", "postgresql")
