"""BM25 inside the database: SQLite FTS5 ``bm25()``, and the same formula in SQL over the postings
table (``search.Posting``) on PostgreSQL.

Both use FTS5's definition (k1 = 1.2, b = 0.75, idf = ln((N - n + 0.5) / (n + 0.5)) floored at 1e-6,
column-weighted term frequency, row length = all terms of the row), so a query ranks the same
passages the same way on both backends.
"""

from __future__ import annotations

import datetime as dt
import math

from django.db import connection

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 6.0
BODY_WEIGHT = 1.0


def _filters(at: dt.date, audience: str | None, alias: str = "cp") -> tuple[str, list]:
    sql = (
        f" AND ({alias}.valid_from IS NULL OR {alias}.valid_from <= %s)"
        f" AND ({alias}.valid_to IS NULL OR {alias}.valid_to > %s)"
    )
    params: list = [at, at]
    if audience:  # that versant's passages and those for every versant
        sql += f" AND ({alias}.versants = '' OR {alias}.versants LIKE %s)"
        params.append(f"%{audience}%")
    return sql, params


def search(
    terms: list[str], *, limit: int, at: dt.date, audience: str | None = None
) -> list[tuple[int, float]]:
    """(passage id, BM25 score) best first, for passages in force at ``at`` (and for ``audience``)."""
    terms = [t for t in dict.fromkeys(terms) if t.isascii() and t.isalnum()]
    if not terms:
        return []
    if connection.vendor == "postgresql":
        return _search_postgresql(terms, limit, at, audience)
    return _search_sqlite(terms, limit, at, audience)


def _search_sqlite(terms, limit, at, audience):
    match = " OR ".join(f'"{t}"' for t in terms)
    with connection.cursor() as cursor:
        # Fast path: rank without the join, then keep the passages that pass the filters. When enough
        # of the unfiltered top rows pass, they are exactly the filtered top rows (same order).
        pool = limit * 2 + 20
        cursor.execute(
            f"SELECT rowid, bm25(search_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS s FROM search_fts "  # noqa: S608
            "WHERE search_fts MATCH %s ORDER BY s ASC, rowid ASC LIMIT %s",
            [match, pool],
        )
        ranked = cursor.fetchall()
        if ranked:
            where, params = _filters(at, audience)
            ids = [row[0] for row in ranked]
            cursor.execute(
                f"SELECT cp.id, cp.document_id FROM corpus_passage cp "  # noqa: S608
                f"WHERE cp.id IN ({', '.join(['%s'] * len(ids))}){where}",
                [*ids, *params],
            )
            kept = dict(cursor.fetchall())
            rows = [(int(pid), -float(score), int(kept[pid])) for pid, score in ranked if pid in kept]
            if len(rows) >= limit or len(ranked) < pool:
                return rows[:limit]
        else:
            return []
        where, params = _filters(at, audience)
        cursor.execute(
            f"SELECT f.rowid, bm25(search_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS s, cp.document_id "  # noqa: S608
            "FROM search_fts f JOIN corpus_passage cp ON cp.id = f.rowid "
            f"WHERE search_fts MATCH %s{where} ORDER BY s ASC, f.rowid ASC LIMIT %s",
            [match, *params, limit],
        )
        return [(int(rowid), -float(score), int(doc)) for rowid, score, doc in cursor.fetchall()]


def _search_postgresql(terms, limit, at, audience):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), coalesce(sum(n_tokens), 0) FROM search_indexedpassage")
        n_rows, n_tokens = cursor.fetchone()
        if not n_rows:
            return []
        cursor.execute(
            "SELECT term, count(*) FROM search_posting WHERE term = ANY(%s) GROUP BY term", [terms]
        )
        hits = dict(cursor.fetchall())
        terms = [t for t in terms if hits.get(t)]
        if not terms:
            return []
        idf = [max(math.log((n_rows - hits[t] + 0.5) / (hits[t] + 0.5)), 1e-6) for t in terms]
        avgdl = float(n_tokens) / n_rows
        where, params = _filters(at, audience)
        # Only module constants and placeholders are interpolated below.
        sql = f"""
            WITH q(term, idf) AS (SELECT * FROM unnest(%s::text[], %s::float8[]))
            SELECT p.passage_id, cp.document_id,
                   SUM(q.idf * (p.f * {K1 + 1}) / (p.f + {K1} * (1 - {B} + {B} * p.n_tokens / %s))) AS score
            FROM (
                SELECT passage_id, term, n_tokens, title_tf * {TITLE_WEIGHT} + body_tf * {BODY_WEIGHT} AS f
                FROM search_posting WHERE term = ANY(%s)
            ) p
            JOIN q ON q.term = p.term
            JOIN corpus_passage cp ON cp.id = p.passage_id
            WHERE TRUE{where}
            GROUP BY p.passage_id, cp.document_id
            ORDER BY score DESC, p.passage_id ASC
            LIMIT %s
        """  # noqa: S608
        cursor.execute(sql, [terms, idf, avgdl, terms, *params, limit])
        return [(int(pid), float(score), int(doc)) for pid, doc, score in cursor.fetchall()]
