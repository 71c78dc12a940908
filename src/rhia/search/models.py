"""The lexical index: analysed terms of each passage.

The backend-specific structures are created by migration 0002 and maintained by the database:
SQLite: FTS5 table ``search_fts`` (external content, kept in sync by triggers);
PostgreSQL: ``Posting`` rows (term, passage, term frequencies), an inverted index in a B-tree,
filled by ``indexing.index_passages`` on PostgreSQL only.
"""

from __future__ import annotations

from django.db import models


class IndexedPassage(models.Model):
    passage = models.OneToOneField(
        "corpus.Passage", on_delete=models.CASCADE, primary_key=True, related_name="index"
    )
    title_terms = models.TextField()
    body_terms = models.TextField()
    n_tokens = models.PositiveIntegerField()
    # float32 little-endian bytes of the passage embedding (dense component), when computed.
    embedding = models.BinaryField(null=True, blank=True)

    class Meta:
        verbose_name = "passage indexé"
        verbose_name_plural = "passages indexés"

    def __str__(self) -> str:
        return f"index du passage {self.passage_id}"


class Posting(models.Model):
    """PostgreSQL inverted index: one row per (term, passage), with its frequencies and the row length.

    Measured 3 to 5 times faster than ranking from ``unnest(tsvector)`` for the same BM25 (docs/search.md).
    """

    passage = models.ForeignKey(
        IndexedPassage, on_delete=models.CASCADE, related_name="postings", db_index=False
    )
    term = models.CharField(max_length=100)
    title_tf = models.PositiveSmallIntegerField()
    body_tf = models.PositiveSmallIntegerField()
    n_tokens = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["term", "passage", "title_tf", "body_tf", "n_tokens"], name="search_posting_term"
            ),
            models.Index(fields=["passage"], name="search_posting_passage"),
        ]

    def __str__(self) -> str:
        return f"{self.term} @ {self.passage_id}"
