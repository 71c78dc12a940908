"""``rhia training import FILE | plan``: the training service's operations from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rhia.accounts.models import Structure, User
from rhia.training import export
from rhia.training.csv_import import decode
from rhia.training.importing import import_completions
from rhia.training.plan import build_plan


def _structure(value: str | None) -> Structure:
    if value is None:
        root = Structure.objects.filter(parent__isnull=True).order_by("pk").first()
        if root is None:
            raise CommandError("Aucune structure : lancez d'abord « rhia demo » ou créez-en une.")
        return root
    found = (
        Structure.objects.filter(pk=int(value)) if value.isdigit() else Structure.objects.filter(name=value)
    )
    if found.count() != 1:
        raise CommandError(f"Structure « {value} » introuvable ou ambiguë (donnez son numéro).")
    return found.get()


class Command(BaseCommand):
    help = "Formation : importer présences et validations (CSV), exporter le plan de formation."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        imp = sub.add_parser(
            "import", help="Importe un CSV identifiant;formation;statut;date (tout ou rien)."
        )
        imp.add_argument("file", help="Fichier CSV (UTF-8 ou Windows-1252).")
        imp.add_argument("--by", help="Compte du service formation à qui attribuer l'import (journal).")
        imp.add_argument("--json", action="store_true", help="Dernière ligne : un objet JSON.")
        plan = sub.add_parser("plan", help="Exporte la synthèse du plan de formation d'une structure.")
        plan.add_argument("--structure", help="Numéro ou nom de la structure (par défaut : la racine).")
        plan.add_argument("--format", choices=["csv", "pdf"], default="csv")
        plan.add_argument("--output", required=True, help="Fichier à écrire.")
        plan.add_argument("--json", action="store_true", help="Dernière ligne : un objet JSON.")

    def handle(self, *args, **options):
        return getattr(self, f"_{options['subcommand']}")(options)

    def _import(self, options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        by = None
        if options.get("by"):
            by = User.objects.filter(username=options["by"]).first()
            if by is None:
                raise CommandError(f"Compte « {options['by']} » introuvable.")
        report = import_completions(
            decode(path.read_bytes()), by=by, scope=Structure.objects.all(), today=timezone.localdate()
        )
        for error in report.errors:
            self.stderr.write(error)
        if report.ok:
            self.stdout.write("Import réussi : " + report.summary())
        else:
            self.stdout.write("Import refusé : aucune ligne n'a été enregistrée.")
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "ok": report.ok,
                        "completed": report.completed,
                        "already_completed": report.already_completed,
                        "attendance": report.attendance,
                        "errors": len(report.errors),
                    }
                )
            )
        if not report.ok:
            raise CommandError(f"{len(report.errors)} erreur(s) : corrigez le fichier et relancez.")

    def _plan(self, options):
        root = _structure(options.get("structure"))
        result = build_plan(root, today=timezone.localdate())
        output = Path(options["output"])
        if options["format"] == "csv":
            output.write_text(export.plan_csv(result), encoding="utf-8")
        else:
            output.write_bytes(export.plan_pdf(result))
        to_enrol = sum(t.count for t in result.trainings)
        self.stdout.write(
            f"Plan de formation de « {result.structure} » écrit dans {output} : {result.population} agent(s), "
            f"{to_enrol} inscription(s) à prévoir."
        )
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {"structure": result.structure, "population": result.population, "to_enrol": to_enrol}
                )
            )
