"""Files the fuzzer (bench/fuzz_extraction.py) found crashing a parser: each stays a regression test.

Each must give text or a French ``ExtractionError`` naming the file, through ``extract`` and also
below its safety net (``core._parse``), where the crash happened."""

from __future__ import annotations

from pathlib import Path

import pytest

from rhia.extraction import core, extract
from rhia.extraction.sniff import sniff
from rhia.extraction.types import ExtractionError

CRASHERS = sorted((Path(__file__).parent / "crashers").glob("*.*"))


@pytest.mark.parametrize("path", CRASHERS, ids=[p.name for p in CRASHERS])
def test_crasher_is_read_or_refused_in_french(path):
    data = path.read_bytes()
    for attempt in (
        lambda: extract(path.name, data),
        lambda: core._parse(path.name, data, sniff(path.name, data), 0, 20 * 1024 * 1024),
    ):
        try:
            result = attempt()
        except ExtractionError as error:
            assert path.name in error.message
        else:
            assert result.filename == path.name


def test_there_are_crashers_to_replay():
    assert CRASHERS, "bench/fuzz_extraction.py keeps what it finds in tests/extraction/crashers/"
