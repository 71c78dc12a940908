"""BM25 inside the database: SQLite FTS5 ``bm25()`` and the same formula in SQL on PostgreSQL.

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
    if audience:
        sql += f" AND {alias}.audience IN ('', %s)"
        params.append(audience)
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
    where, params = _filters(at, audience)
    # Only module constants and placeholders are interpolated below.
    sql = (
        f"SELECT f.rowid, bm25(search_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS s "  # noqa: S608
        "FROM search_fts f JOIN corpus_passage cp ON cp.id = f.rowid "
        f"WHERE search_fts MATCH %s{where} ORDER BY s ASC, f.rowid ASC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params, limit])
        return [(int(rowid), -float(score)) for rowid, score in cursor.fetchall()]


def _search_postgresql(terms, limit, at, audience):
    tsquery = " | ".join(terms)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), coalesce(sum(n_tokens), 0) FROM search_indexedpassage")
        n_rows, n_tokens = cursor.fetchone()
        if not n_rows:
            return []
        counts = ", ".join("count(*) FILTER (WHERE tsv @@ %s::tsquery)" for _ in terms)
        cursor.execute(
            f"SELECT {counts} FROM search_indexedpassage WHERE tsv @@ to_tsquery('simple', %s)",  # noqa: S608
            [*terms, tsquery],
        )
        hits = cursor.fetchone()
        idf = [max(math.log((n_rows - n + 0.5) / (n + 0.5)), 1e-6) for n in hits]
        avgdl = float(n_tokens) / n_rows
        where, params = _filters(at, audience)
        sql = f"""
            WITH q(term, idf) AS (SELECT * FROM unnest(%s::text[], %s::float8[]))
            SELECT x.passage_id,
                   SUM(q.idf * (x.f * {K1 + 1}) / (x.f + {K1} * (1 - {B} + {B} * x.n_tokens / %s))) AS score
            FROM (
                SELECT ip.passage_id, ip.n_tokens, u.lexeme,
                       (SELECT sum(CASE w WHEN 'A' THEN {TITLE_WEIGHT} ELSE {BODY_WEIGHT} END)
                        FROM unnest(u.weights) AS w) AS f
                FROM search_indexedpassage ip
                JOIN corpus_passage cp ON cp.id = ip.passage_id
                CROSS JOIN LATERAL unnest(ip.tsv) AS u(lexeme, positions, weights)
                WHERE ip.tsv @@ to_tsquery('simple', %s) AND u.lexeme = ANY(%s){where}
            ) x JOIN q ON q.term = x.lexeme
            GROUP BY x.passage_id
            ORDER BY score DESC, x.passage_id ASC
            LIMIT %s
        """  # noqa: S608
        cursor.execute(sql, [terms, idf, avgdl, tsquery, terms, *params, limit])
        return [(int(pid), float(score)) for pid, score in cursor.fetchall()]
