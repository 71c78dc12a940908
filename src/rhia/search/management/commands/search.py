"""``rhia search "question" [--k 10] [--json] [--passages] [--date AAAA-MM-JJ] [--audience FPE]``."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from rhia.search.services import search_documents, search_passages


class Command(BaseCommand):
    help = "Rechercher dans les textes officiels (fiches, articles, documents internes)."

    def add_arguments(self, parser):
        parser.add_argument("question")
        parser.add_argument("--k", type=int, default=10, help="Nombre de résultats (10 par défaut).")
        parser.add_argument(
            "--passages", action="store_true", help="Résultats par passage plutôt que par document."
        )
        parser.add_argument(
            "--date",
            default=None,
            help="Textes en vigueur à cette date (AAAA-MM-JJ), aujourd'hui par défaut.",
        )
        parser.add_argument("--audience", default=None, choices=["FPE", "FPT", "FPH"])
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        at = None
        if options["date"]:
            try:
                at = dt.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(
                    f"Date invalide « {options['date']} » : format attendu AAAA-MM-JJ."
                ) from error
        if options["k"] < 1:
            raise CommandError("--k doit être au moins 1.")
        finder = search_passages if options["passages"] else search_documents
        hits = finder(options["question"], k=options["k"], at=at, audience=options["audience"])
        if not hits:
            self.stdout.write("Aucun résultat.")
        for rank, hit in enumerate(hits, start=1):
            section = f" › {hit.section_path}" if hit.section_path else ""
            self.stdout.write(f"{rank:>2}. [{hit.document_id}] {hit.title}{section}  ({hit.score:.2f})")
            if hit.url:
                self.stdout.write(f"    {hit.url}")
            self.stdout.write(f"    {hit.snippet[:300]}")
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {"query": options["question"], "results": [h.as_dict() for h in hits]}, ensure_ascii=False
                )
            )
