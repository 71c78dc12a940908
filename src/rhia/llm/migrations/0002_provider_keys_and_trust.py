"""Provider keys only from RHIA_PROVIDER_KEY_… variables; external providers lose personal/sensitive."""

from django.db import migrations, models

PREFIX = "RHIA_PROVIDER_KEY_"


def forwards(apps, schema_editor):
    Provider = apps.get_model("llm", "Provider")
    for provider in Provider.objects.all():
        changed = []
        if provider.api_key_env == "RHIA_LLM_API_KEY":
            provider.api_key_env = "RHIA_PROVIDER_KEY_LLM"  # settings.py maps the old variable to it
            changed.append("api_key_env")
        elif provider.api_key_env and not provider.api_key_env.startswith(PREFIX):
            provider.api_key_env = ""  # any other variable could have been a secret of rhia itself
            changed.append("api_key_env")
        if provider.trust_level == "external":
            kept = [c for c in provider.data_classes or [] if c in ("public", "internal")]
            if kept != list(provider.data_classes or []):
                provider.data_classes = kept
                changed.append("data_classes")
        if changed:
            provider.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("llm", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="provider",
            name="api_key_env",
            field=models.CharField(
                blank=True,
                default="",
                help_text="RHIA_PROVIDER_KEY_… : la clé reste dans l'environnement du serveur.",
                max_length=100,
                verbose_name="variable d'environnement de la clé",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
