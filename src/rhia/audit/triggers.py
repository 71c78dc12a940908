"""SQL of the append-only triggers, per database vendor (installed by migrations 0003 and 0004).

UPDATE and DELETE (and TRUNCATE) are refused; an INSERT must continue the chain: the next
sequence number, the head's hash as ``previous_hash``, a timestamp not before the head's.
Checkpoints are inserted by the retention purge only. All of it is lifted by the purge permit
(permit.py), which is why, on PostgreSQL, the application role also lacks the UPDATE/DELETE
privileges (``rhia audit grants``): a trigger guards against mistakes, privileges against people.

A later migration that rebuilds the journal tables on SQLite (ALTER through a table copy)
drops the triggers: it must call ``install`` again.
"""

from __future__ import annotations

GUARDED_TABLES = ("audit_journalentry", "audit_checkpoint")

_SQLITE_MESSAGE = "rhia : le journal est en ajout seul ({op} refusé)"


_SQLITE_HEAD_SEQ = (
    "COALESCE((SELECT MAX(seq) FROM audit_journalentry), (SELECT MAX(last_seq) FROM audit_checkpoint), 0)"
)
_SQLITE_HEAD_HASH = (
    "COALESCE((SELECT entry_hash FROM audit_journalentry ORDER BY seq DESC LIMIT 1), "
    "(SELECT last_hash FROM audit_checkpoint ORDER BY last_seq DESC LIMIT 1), '" + "0" * 64 + "')"
)
_SQLITE_HEAD_TIME = "(SELECT created_at FROM audit_journalentry ORDER BY seq DESC LIMIT 1)"
INSERT_MESSAGE = "rhia : ajout hors séquence refusé (numéro, chaînage ou horodatage)"
CHECKPOINT_MESSAGE = "rhia : seule la purge de conservation écrit les points de contrôle"


def sqlite_install() -> list[str]:
    statements = [
        "CREATE TRIGGER IF NOT EXISTS audit_journalentry_insert_check BEFORE INSERT ON audit_journalentry "
        "WHEN rhia_audit_permit() IS NOT 1 AND ("
        f"NEW.seq IS NOT {_SQLITE_HEAD_SEQ} + 1 OR NEW.previous_hash IS NOT {_SQLITE_HEAD_HASH} "
        f"OR NEW.created_at < {_SQLITE_HEAD_TIME}) "
        f"BEGIN SELECT RAISE(ABORT, '{INSERT_MESSAGE}'); END;",
        "CREATE TRIGGER IF NOT EXISTS audit_checkpoint_insert_check BEFORE INSERT ON audit_checkpoint "
        f"WHEN rhia_audit_permit() IS NOT 1 BEGIN SELECT RAISE(ABORT, '{CHECKPOINT_MESSAGE}'); END;",
    ]
    for table in GUARDED_TABLES:
        for op in ("UPDATE", "DELETE"):
            statements.append(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"WHEN rhia_audit_permit() IS NOT 1 "
                f"BEGIN SELECT RAISE(ABORT, '{_SQLITE_MESSAGE.format(op=op)}'); END;"
            )
    return statements


def sqlite_uninstall() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_{op} " for table in GUARDED_TABLES for op in ("update", "delete")
    ] + [f"DROP TRIGGER IF EXISTS {table}_insert_check" for table in GUARDED_TABLES]


POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION rhia_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF current_setting('rhia.audit_permit', true) = 'on' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'rhia : le journal est en ajout seul (% refusé sur %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
"""


POSTGRESQL_INSERT_FUNCTION = """
CREATE OR REPLACE FUNCTION rhia_audit_insert_check() RETURNS trigger AS $$
DECLARE
    head_seq bigint;
    head_hash text;
    head_time timestamptz;
BEGIN
    IF current_setting('rhia.audit_permit', true) = 'on' THEN
        RETURN NEW;
    END IF;
    IF TG_TABLE_NAME = 'audit_checkpoint' THEN
        RAISE EXCEPTION 'CHECKPOINT_MESSAGE' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT seq, entry_hash, created_at INTO head_seq, head_hash, head_time
        FROM audit_journalentry ORDER BY seq DESC LIMIT 1;
    IF head_seq IS NULL THEN
        SELECT last_seq, last_hash INTO head_seq, head_hash FROM audit_checkpoint ORDER BY last_seq DESC LIMIT 1;
    END IF;
    IF NEW.seq <> COALESCE(head_seq, 0) + 1
        OR NEW.previous_hash <> COALESCE(head_hash, repeat('0', 64))
        OR NEW.created_at < head_time THEN
        RAISE EXCEPTION 'INSERT_MESSAGE : n° %, attendu %', NEW.seq, COALESCE(head_seq, 0) + 1
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
""".replace("CHECKPOINT_MESSAGE", CHECKPOINT_MESSAGE).replace("INSERT_MESSAGE", INSERT_MESSAGE)


def postgresql_install() -> list[str]:
    statements = [POSTGRESQL_FUNCTION, POSTGRESQL_INSERT_FUNCTION]
    for table in GUARDED_TABLES:
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION rhia_audit_append_only()",
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION rhia_audit_append_only()",
            f"DROP TRIGGER IF EXISTS {table}_insert_check ON {table}",
            f"CREATE TRIGGER {table}_insert_check BEFORE INSERT ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION rhia_audit_insert_check()",
        ]
    return statements


def postgresql_uninstall() -> list[str]:
    statements = []
    for table in GUARDED_TABLES:
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
            f"DROP TRIGGER IF EXISTS {table}_insert_check ON {table}",
        ]
    return statements + [
        "DROP FUNCTION IF EXISTS rhia_audit_append_only()",
        "DROP FUNCTION IF EXISTS rhia_audit_insert_check()",
    ]


def install(connection) -> None:
    statements = {"sqlite": sqlite_install, "postgresql": postgresql_install}.get(connection.vendor, list)()
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def uninstall(connection) -> None:
    statements = {"sqlite": sqlite_uninstall, "postgresql": postgresql_uninstall}.get(
        connection.vendor, list
    )()
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
