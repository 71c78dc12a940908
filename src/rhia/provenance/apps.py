from django.apps import AppConfig


class ProvenanceConfig(AppConfig):
    """AI-use mention, DOCX/PDF/e-mail exports with metadata, registry by hash, verification."""

    name = "rhia.provenance"
    verbose_name = "Provenance"
