from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fiches_dir(tmp_path) -> Path:
    """The service-public fixtures (XML, JSON, out of scope, malformed) in a fresh directory."""
    target = tmp_path / "fiches"
    target.mkdir()
    for name in ("F90001.xml", "F90002.json", "F90003.xml", "F90004.xml"):
        shutil.copy(FIXTURES / name, target / name)
    return target


@pytest.fixture
def legi_dir(tmp_path) -> Path:
    target = tmp_path / "legi"
    target.mkdir()
    for path in FIXTURES.glob("LEGIARTI*.xml"):
        shutil.copy(path, target / path.name)
    return target
