"""The lexical index: analysed terms of each passage.

The backend-specific structures are created by migration 0002 and maintained by the database:
SQLite: FTS5 table ``search_fts`` (external content, kept in sync by triggers);
PostgreSQL: generated ``tsv`` column (title terms weight A, body terms weight D) with a GIN index.
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
