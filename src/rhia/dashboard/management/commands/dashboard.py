"""``rhia dashboard [--structure ID] [--weeks N] [--json]``: the aggregated indicators in a terminal."""

from __future__ import annotations

import csv
import io
import json

from django.core.management.base import BaseCommand, CommandError

from rhia.accounts.models import Structure
from rhia.dashboard import services


class Command(BaseCommand):
    help = "Indicateurs agrégés d'une structure (groupes de moins de 5 personnes masqués)."

    def add_arguments(self, parser):
        parser.add_argument("--structure", type=int, help="Numéro de la structure (par défaut : la racine).")
        parser.add_argument(
            "--weeks", type=int, default=services.DEFAULT_WEEKS, choices=sorted(services.PERIODS)
        )
        parser.add_argument("--json", action="store_true", help="Dernière ligne : un objet JSON.")

    def handle(self, *args, **options):
        if options.get("structure"):
            root = Structure.objects.filter(pk=options["structure"]).first()
        else:
            root = Structure.objects.filter(parent__isnull=True).order_by("pk").first()
        if root is None:
            raise CommandError("Structure introuvable (lancez d'abord « rhia demo » ou donnez --structure).")
        board = services.build(root, weeks=options["weeks"])
        rows = csv.reader(io.StringIO(services.to_csv(board).lstrip("\ufeff")), delimiter=";")
        next(rows)
        for section, label, value in rows:
            self.stdout.write(f"{section:<26} {label:<60} {value}")
        if options["json"]:
            self.stdout.write(json.dumps(services.as_dict(board), ensure_ascii=False))
