"""Pure chain rules: canonical hashing, content stripping, checkpoints (no database)."""

from __future__ import annotations

from rhia.audit import chain


def _rows(n: int) -> list[tuple]:
    rows, previous = [], chain.GENESIS_HASH
    for seq in range(1, n + 1):
        payload = {"n": seq, "texte": f"une phrase libre numéro {seq}"}
        fields = [seq, f"2026-01-01T00:00:{seq:02d}.000000Z", 7, "agent_rh", 3, "test.act", "case", str(seq)]
        p_hash, m_hash = chain.digest(payload), chain.digest(chain.strip_content(payload))
        entry_hash = chain.entry_hash(previous, chain.hashed_fields(*fields, p_hash, m_hash))
        rows.append((*fields, payload, p_hash, m_hash, False, previous, entry_hash))
        previous = entry_hash
    return rows


def test_intact_chain_verifies():
    report = chain.verify(_rows(20))
    assert report.ok and report.checked == 20 and report.last_seq == 20


def test_strip_content_keeps_identifiers_and_numbers_only():
    payload = {
        "category": "cv_screening",
        "n": 3,
        "ok": True,
        "share": 0.5,
        "text": "Bonjour Madame",
        "ids": ["F488", "F18029"],
        "nested": {"reason": "un texte", "code": "x1"},
    }
    assert chain.strip_content(payload) == {
        "category": "cv_screening",
        "n": 3,
        "ok": True,
        "share": 0.5,
        "ids": ["F488", "F18029"],
        "nested": {"code": "x1"},
    }


def test_modified_field_is_named():
    rows = _rows(10)
    rows[4] = (rows[4][0], rows[4][1], rows[4][2], rows[4][3], rows[4][4], "test.other", *rows[4][6:])
    report = chain.verify(rows)
    assert not report.ok and report.broken_seq == 5 and report.kind == "modified"


def test_modified_payload_is_named():
    rows = _rows(10)
    row = list(rows[6])
    row[8] = {"n": 999, "texte": "autre"}
    rows[6] = tuple(row)
    report = chain.verify(rows)
    assert not report.ok and report.broken_seq == 7 and report.kind == "content_modified"


def test_deleted_entry_is_named():
    rows = _rows(10)
    del rows[3]
    report = chain.verify(rows)
    assert not report.ok and report.broken_seq == 4 and report.kind == "deleted"


def test_reordered_entries_are_detected():
    rows = _rows(10)
    a, b = list(rows[2]), list(rows[3])
    a[0], b[0] = 4, 3
    rows[2], rows[3] = tuple(b), tuple(a)
    report = chain.verify(rows)
    assert not report.ok and report.broken_seq == 3


def test_checkpoint_signature_and_continuity():
    rows = _rows(10)
    key = b"k" * 32
    data = chain.CheckpointData(
        1,
        4,
        chain.GENESIS_HASH,
        rows[3][13],
        chain.range_digest(r[13] for r in rows[:4]),
        "2026-02-01T00:00:00.000000Z",
    )
    signed = chain.CheckpointData(**{**data.__dict__, "signature": chain.sign(key, data)})
    assert chain.verify(rows[4:], [signed], [key]).ok
    forged = chain.CheckpointData(**{**signed.__dict__, "last_seq": 5})
    report = chain.verify(rows[4:], [forged], [key])
    assert not report.ok and report.kind == "checkpoint"
    assert not chain.verify(rows[4:], [signed], [b"another key"]).ok
    assert chain.verify(rows[4:], [signed], [b"new key", key]).ok  # rotated: the old key still verifies
