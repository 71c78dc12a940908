"""Reference data: version 1.0 of the usage kit (charter, ethics referential, user guide). Idempotent."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils import timezone

from rhia.audit.journal import record
from rhia.governance.models import DocumentVersion, KitDocument

DATA = Path(__file__).resolve().parent / "data" / "kit"

KIT = [
    (
        "charte",
        KitDocument.Kind.CHARTER,
        "Charte d'utilisation des outils d'intelligence artificielle en ressources humaines",
        "Les règles que chaque agent accepte avant d'utiliser l'IA : l'humain décide, données protégées, usages interdits, mention de l'IA, signalement.",
        "charte.md",
    ),
    (
        "referentiel-ethique",
        KitDocument.Kind.ETHICS,
        "Référentiel éthique de l'IA en gestion des ressources humaines",
        "Les principes et la grille d'analyse des référents éthique et de la commission d'éthique.",
        "referentiel-ethique.md",
    ),
    (
        "guide-utilisation",
        KitDocument.Kind.GUIDE,
        "Guide d'utilisation de rhia",
        "Pas à pas : traiter une question, vérifier les données et les sources, valider, exporter, signaler.",
        "guide.md",
    ),
]

SEED_NOTE = "Version de référence livrée avec rhia, à faire valider par votre direction lors de la prochaine révision."


def run(stdout) -> None:
    created = 0
    for order, (slug, kind, title, summary, filename) in enumerate(KIT):
        with transaction.atomic():
            document, _ = KitDocument.objects.get_or_create(
                slug=slug, defaults={"kind": kind, "title": title, "summary": summary, "order": order}
            )
            if document.versions.exists():
                continue  # never overwrite what an administrator published
            now = timezone.now()
            version = DocumentVersion.objects.create(
                document=document,
                major=1,
                minor=0,
                body=(DATA / filename).read_text(encoding="utf-8"),
                change_summary="Version initiale",
                status=DocumentVersion.Status.PUBLISHED,
                validated_at=now,
                validation_note=SEED_NOTE,
                published_at=now,
            )
            record(
                "governance.document_published",
                obj=version,
                payload={
                    "document": slug,
                    "version": "1.0",
                    "new_acknowledgment_required": kind == KitDocument.Kind.CHARTER,
                },
            )
            created += 1
    stdout.write(
        f"Kit d'usage : {created} document(s) publié(s) en version 1.0, {len(KIT) - created} déjà présent(s)."
    )
