"""SQL of the append-only triggers, per database vendor (installed by migration 0003).

A later migration that rebuilds the journal tables on SQLite (ALTER through a table copy)
drops the triggers: it must call ``install`` again.
"""

from __future__ import annotations

GUARDED_TABLES = ("audit_journalentry", "audit_checkpoint")

_SQLITE_MESSAGE = "rhia : le journal est en ajout seul ({op} refusé)"


def sqlite_install() -> list[str]:
    statements = []
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
    ]


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


def postgresql_install() -> list[str]:
    statements = [POSTGRESQL_FUNCTION]
    for table in GUARDED_TABLES:
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION rhia_audit_append_only()",
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION rhia_audit_append_only()",
        ]
    return statements


def postgresql_uninstall() -> list[str]:
    statements = []
    for table in GUARDED_TABLES:
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
        ]
    return statements + ["DROP FUNCTION IF EXISTS rhia_audit_append_only()"]


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
