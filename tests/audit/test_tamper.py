"""Tampering with the stored journal (as someone with database access would) is detected and located."""

from __future__ import annotations

import pytest

from rhia.audit import chain, services
from rhia.audit.journal import record
from rhia.audit.models import JournalEntry
from rhia.audit.permit import journal_permit

pytestmark = pytest.mark.django_db


@pytest.fixture
def journal():
    for n in range(8):
        record("test.act", obj=("case", n), payload={"n": n, "texte": f"contenu {n}"})


def test_intact(journal):
    report = services.verify_journal()
    assert report.ok and report.checked == 8


def test_modified_entry(journal):
    with journal_permit():
        JournalEntry.objects.filter(seq=3).update(object_id="999")
    report = services.verify_journal()
    assert (report.ok, report.broken_seq, report.kind) == (False, 3, "modified")


def test_modified_payload(journal):
    with journal_permit():
        entry = JournalEntry.objects.get(seq=5)
        entry.payload = {"n": 5, "texte": "falsifié"}
        entry.save()
    report = services.verify_journal()
    assert (report.ok, report.broken_seq, report.kind) == (False, 5, "content_modified")


def test_modified_and_rehashed_entry_without_the_key_is_named(journal):
    with journal_permit():
        entry = JournalEntry.objects.get(seq=4)
        entry.action = "test.rewritten"
        entry.entry_hash = chain.entry_hash(entry.previous_hash, entry.hashed_fields())  # no HMAC key
        entry.save()
    report = services.verify_journal()
    assert (report.ok, report.broken_seq, report.kind) == (False, 4, "modified")


def test_modified_and_rehashed_entry_with_the_key_breaks_the_next_link(journal):
    with journal_permit():
        entry = JournalEntry.objects.get(seq=4)
        entry.action = "test.rewritten"
        entry.seal(entry.previous_hash)
        entry.save()
    report = services.verify_journal()
    assert (report.ok, report.broken_seq, report.kind) == (False, 5, "inserted_or_reordered")


def test_deleted_entry(journal):
    with journal_permit():
        JournalEntry.objects.filter(seq=6).delete()
    report = services.verify_journal()
    assert (report.ok, report.broken_seq, report.kind) == (False, 6, "deleted")


def test_inserted_entry(journal):
    with journal_permit():
        for entry in JournalEntry.objects.filter(seq__gte=3).order_by("-seq"):
            entry.seq += 1
            entry.save()
        forged = JournalEntry.objects.get(seq=4)
        forged.pk, forged.seq, forged.action = None, 3, "test.inserted"
        forged.seal(forged.previous_hash)
        forged.save(force_insert=True)
    report = services.verify_journal()
    assert not report.ok and report.broken_seq == 4


def test_reordered_entries(journal):
    with journal_permit():
        JournalEntry.objects.filter(seq=2).update(seq=100)
        JournalEntry.objects.filter(seq=3).update(seq=2)
        JournalEntry.objects.filter(seq=100).update(seq=3)
    report = services.verify_journal()
    assert not report.ok and report.broken_seq == 2
