"""Backend-specific full-text structures over search_indexedpassage (see rhia.search.models)."""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_terms, body_terms, content='search_indexedpassage', content_rowid='passage_id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_indexedpassage BEGIN
        INSERT INTO search_fts(rowid, title_terms, body_terms) VALUES (new.passage_id, new.title_terms, new.body_terms);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_indexedpassage BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.passage_id, old.title_terms, old.body_terms);
    END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE OF title_terms, body_terms ON search_indexedpassage BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.passage_id, old.title_terms, old.body_terms);
        INSERT INTO search_fts(rowid, title_terms, body_terms) VALUES (new.passage_id, new.title_terms, new.body_terms);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE search_indexedpassage ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_terms), 'D')) STORED""",
    "CREATE INDEX search_indexedpassage_tsv ON search_indexedpassage USING gin (tsv)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_indexedpassage_tsv",
    "ALTER TABLE search_indexedpassage DROP COLUMN IF EXISTS tsv",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
