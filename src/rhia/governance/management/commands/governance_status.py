"""``rhia governance_status [--json]``: charter coverage, reports per status, lifecycle states (aggregates)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from rhia.dashboard.indicators import count_cell
from rhia.governance.lifecycle_flow import LABELS
from rhia.governance.models.reports import ReportStatus
from rhia.governance.status import status_summary


class Command(BaseCommand):
    help = "Résumé de la gouvernance : charte, prises de connaissance, signalements, cycle de vie (agrégats)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", help="Affiche aussi un objet JSON sur la dernière ligne."
        )

    def handle(self, *args, **options):
        summary = status_summary()
        write = self.stdout.write
        if summary["charter_version"]:
            write(
                f"Charte en vigueur : version {summary['charter_version']} — "
                f"{count_cell(summary['acknowledged_current_major']).display} prise(s) de connaissance sur {summary['active_users']} compte(s) actif(s)."
            )
        else:
            write("Aucune charte publiée (rhia demo --no-accounts publie la version 1.0).")
        write(
            "Signalements : "
            + ", ".join(f"{ReportStatus(s).label} {n}" for s, n in summary["reports"].items())
        )
        states = ", ".join(f"{LABELS[s]} {n}" for s, n in summary["lifecycle"].items() if n)
        write("Cycle de vie : " + (states or "aucun cas d'usage au registre"))
        if options["json"]:
            write(json.dumps(summary, ensure_ascii=False))
