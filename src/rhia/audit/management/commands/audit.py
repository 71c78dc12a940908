"""``rhia audit verify | checkpoint | export | purge | grants``: the journal for operators and the DPO."""

from __future__ import annotations

import json
import sys
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rhia.audit import heads, services
from rhia.audit.privileges import grants_sql


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Date invalide « {value} » : utilisez le format AAAA-MM-JJ.") from error


class Command(BaseCommand):
    help = "Journal de traçabilité : vérifier la chaîne, exporter (JSONL), appliquer la conservation."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser(
            "verify", help="Vérifie la chaîne d'empreintes et nomme la première entrée rompue."
        )
        verify.add_argument("--json", action="store_true")
        verify.add_argument(
            "--checkpoints",
            help="Fichier de points de contrôle signés à comparer (défaut : RHIA_AUDIT_CHECKPOINT_FILE) ; "
            "accepte aussi des lignes de syslog.",
        )
        checkpoint = sub.add_parser(
            "checkpoint", help="Écrit un point de contrôle signé de la tête du journal (fichier et syslog)."
        )
        checkpoint.add_argument("--json", action="store_true")
        grants = sub.add_parser(
            "grants",
            help="Affiche les droits PostgreSQL du rôle applicatif (lecture et ajout seuls au journal).",
        )
        grants.add_argument("app_role", help="Rôle de connexion de l'application (web, worker).")
        grants.add_argument("--owner", default="rhia_owner", help="Rôle propriétaire des tables.")
        export = sub.add_parser("export", help="Exporte les entrées en JSONL (une entrée par ligne).")
        export.add_argument("--since", type=_day, help="Premier jour inclus (AAAA-MM-JJ).")
        export.add_argument("--until", type=_day, help="Dernier jour inclus (AAAA-MM-JJ).")
        export.add_argument("--action", default="", help="Préfixe d'action, par ex. « policy. ».")
        export.add_argument("--output", "-o", help="Fichier de sortie (par défaut : sortie standard).")
        purge = sub.add_parser(
            "purge", help="Purge le contenu ancien et les entrées au-delà de la durée de conservation."
        )
        purge.add_argument(
            "--content-days", type=int, help="Conservation du contenu (défaut : RHIA_CONTENT_RETENTION_DAYS)."
        )
        purge.add_argument(
            "--metadata-days",
            type=int,
            help="Conservation des métadonnées (défaut : RHIA_AUDIT_RETENTION_DAYS).",
        )
        purge.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        return getattr(self, f"_{options['subcommand']}")(options)

    def _verify(self, options):
        report = services.verify_journal(record_result=True, checkpoint_file=options["checkpoints"])
        if report.ok:
            self.stdout.write(
                f"Journal intègre : {report.checked} entrées vérifiées, {report.checkpoints} point(s) de "
                f"contrôle de purge, {report.heads} point(s) de contrôle externes concordants."
            )
        elif report.broken_seq is None:
            self.stdout.write(f"Journal NON VÉRIFIÉ : {report.problem}")
        else:
            self.stdout.write(f"Journal ROMPU à l'entrée n° {report.broken_seq} : {report.problem}")
        for warning in report.warnings:
            self.stdout.write(f"Attention : {warning}")
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
        if not report.ok:
            sys.exit(1)

    def _checkpoint(self, options):
        line = heads.write_head()
        if line is None:
            self.stdout.write("Journal vide : aucun point de contrôle écrit.")
        else:
            self.stdout.write(
                f"Point de contrôle signé : entrée n° {line['seq']} ({line['entry_hash'][:16]}…) "
                f"ajouté à {settings.RHIA_AUDIT_CHECKPOINT_FILE}."
            )
        if options["json"]:
            self.stdout.write(json.dumps(line, ensure_ascii=False))

    def _grants(self, options):
        try:
            statements = grants_sql(options["app_role"], options["owner"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        for sql in statements:
            self.stdout.write(sql + ";")

    def _export(self, options):
        filters = {"since": options["since"], "until": options["until"], "action": options["action"]}
        if options["since"] and options["until"] and options["since"] > options["until"]:
            raise CommandError("--since doit précéder --until.")
        count = 0
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                for line in services.export_lines(**filters):
                    handle.write(line)
                    count += 1
            self.stderr.write(f"{count} entrées exportées dans {options['output']}.")
        else:
            for line in services.export_lines(**filters):
                self.stdout.write(line, ending="")
                count += 1

    def _purge(self, options):
        try:
            report = services.purge(
                content_days=options["content_days"], metadata_days=options["metadata_days"]
            )
        except services.RetentionError as error:
            raise CommandError(str(error)) from error
        cp = report.checkpoint
        self.stdout.write(
            f"Contenu purgé pour {report.content_purged} entrées ; {report.entries_removed} entrées supprimées"
            + (f" (point de contrôle signé n° {cp.first_seq}–{cp.last_seq})." if cp else ".")
        )
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
