from __future__ import annotations

import gzip

import pytest

from rhia.corpus import loaders
from rhia.corpus.importing import get_source, run_import
from rhia.corpus.models import Source
from tests.corpus.conftest import FIXTURES


@pytest.fixture
def real_fiches(db, tmp_path):
    """Eight real service-public fiches (F486 temps partiel, F519 maternité, F1606, F31603…) imported."""
    target = tmp_path / "real"
    target.mkdir()
    for path in (FIXTURES / "real").glob("*.json.gz"):
        (target / path.name.removesuffix(".gz")).write_bytes(gzip.decompress(path.read_bytes()))
    items = loaders.service_public_items(target)
    run_import(get_source(Source.Kind.SERVICE_PUBLIC), items, total=len(items), label="real")
    return target
