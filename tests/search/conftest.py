from __future__ import annotations

import pytest

from rhia.corpus import loaders
from rhia.corpus.importing import get_source, run_import
from rhia.corpus.models import Source
from tests.corpus.conftest import FIXTURES, fiches_dir, legi_dir  # noqa: F401 — shared fixtures
from tests.drafting.conftest import real_fiches  # noqa: F401 — shared fixture


@pytest.fixture
def corpus(db, fiches_dir, legi_dir):  # noqa: F811
    """Fixture fiches (F90001 CLM, F90002 télétravail) and LEGI articles (in force, ended, future)."""
    items = loaders.service_public_items(fiches_dir)
    run_import(
        get_source(Source.Kind.SERVICE_PUBLIC),
        items,
        total=len(items),
        label="f",
        keep=loaders.fiche_scope(False),
    )
    items = loaders.legi_items([legi_dir])
    run_import(get_source(Source.Kind.LEGI), items, total=len(items), label="l")
    return FIXTURES
