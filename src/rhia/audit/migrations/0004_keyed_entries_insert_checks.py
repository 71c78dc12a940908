"""Entries name the key of their HMAC (key_id); INSERT-side checks (sequence, chaining, timestamps)."""

from django.db import migrations, models


def install(apps, schema_editor):
    from rhia.audit import triggers

    triggers.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_append_only_triggers")]

    operations = [
        # Nullable, no default: SQLite adds the column in place (no table copy that would drop the triggers).
        migrations.AddField(
            model_name="journalentry",
            name="key_id",
            field=models.CharField("clé", max_length=16, null=True, blank=True),
        ),
        # Reversing keeps the stricter triggers: 0003's reverse removes them all.
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
