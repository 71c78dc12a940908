"""A transactional test that writes to the journal must still tear down (flush) on both databases."""

from __future__ import annotations

import urllib.request

import pytest

from rhia.audit.journal import record
from rhia.audit.models import JournalEntry


@pytest.mark.django_db(transaction=True)
def test_1_transactional_test_writes_entries():
    for n in range(5):
        record("test.transactional", payload={"n": n})
    assert JournalEntry.objects.count() == 5


@pytest.mark.django_db(transaction=True)
def test_2_previous_teardown_flushed_the_journal():
    assert JournalEntry.objects.count() == 0
    assert record("test.again").seq == 1


def test_3_live_server_test_writes_entries(live_server):
    """live_server tests (browser tests of other apps) also flush at teardown."""
    with urllib.request.urlopen(live_server.url + "/comptes/connexion/") as response:
        assert response.status == 200
    record("test.live")
    assert JournalEntry.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_4_live_server_teardown_flushed_the_journal():
    assert JournalEntry.objects.count() == 0
