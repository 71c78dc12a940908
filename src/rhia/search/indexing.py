"""Keeps the lexical index in step with corpus passages (called by the corpus importers)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection

from rhia.search.analysis import tokenize
from rhia.search.models import IndexedPassage, Posting


def index_row(passage, document_title: str) -> IndexedPassage:
    title_terms = tokenize(f"{document_title} {passage.section_path}")
    body_terms = tokenize(passage.text)
    return IndexedPassage(
        passage=passage,
        title_terms=" ".join(title_terms),
        body_terms=" ".join(body_terms),
        n_tokens=len(title_terms) + len(body_terms),
    )


def postings(row: IndexedPassage) -> list[Posting]:
    title = Counter(row.title_terms.split())
    body = Counter(row.body_terms.split())
    return [
        Posting(passage=row, term=term, title_tf=title[term], body_tf=body[term], n_tokens=row.n_tokens)
        for term in sorted(title.keys() | body.keys())
    ]


def _store(rows: list[IndexedPassage]) -> None:
    IndexedPassage.objects.bulk_create(rows, batch_size=500)
    if connection.vendor == "postgresql":  # SQLite's FTS5 table is filled by triggers
        Posting.objects.bulk_create([p for row in rows for p in postings(row)], batch_size=2000)


def index_passages(passages: Iterable, document_title: str) -> int:
    """Index fresh passages of one document (their old rows went with the old passages)."""
    rows = [index_row(p, document_title) for p in passages]
    _store(rows)
    return len(rows)


def reindex_all(progress=None) -> int:
    """Rebuild the whole lexical index from the corpus (after an analysis change)."""
    from rhia.corpus.models import Passage

    IndexedPassage.objects.all().delete()
    count = 0
    batch = []
    for passage in Passage.objects.select_related("document").order_by("id").iterator(chunk_size=1000):
        batch.append(index_row(passage, passage.document.title))
        if len(batch) >= 1000:
            _store(batch)
            count += len(batch)
            batch = []
            if progress:
                progress(count)
    _store(batch)
    return count + len(batch)
