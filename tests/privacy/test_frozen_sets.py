"""The privacy shield's frozen test set (written apart, measured once) stays as it was measured."""

from __future__ import annotations

import hashlib
from pathlib import Path

FROZEN = Path(__file__).resolve().parents[2] / "bench/data/pii_fresh2.jsonl"
# Measured once on 1 Dec 2026 (docs/privacy.md): PERSON 0.952 / 0.913, BIRTHDATE R 0.923, others 1.000.
FROZEN_SHA256 = "466b5550409fb0bbdf5643297b51fc995e9d2dad26e53564a7a8a44b469d1d4d"


def test_the_frozen_test_set_is_unchanged():
    assert hashlib.sha256(FROZEN.read_bytes()).hexdigest() == FROZEN_SHA256
