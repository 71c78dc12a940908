"""Database-enforced append-only journal: triggers refusing UPDATE, DELETE (and TRUNCATE on PostgreSQL)."""

from django.db import migrations


def install(apps, schema_editor):
    from rhia.audit import triggers

    triggers.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from rhia.audit import triggers

    triggers.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_journal_digests_checkpoints")]

    operations = [migrations.RunPython(install, uninstall)]
