"""``rhia governance_status [--json]``: charter coverage, reports per status, lifecycle states (aggregates)."""

from __future__ import annotations

import json
from collections import Counter

from django.core.management.base import BaseCommand

from rhia.accounts.models import User
from rhia.dashboard.indicators import count_cell
from rhia.governance import lifecycle_service, services
from rhia.governance.lifecycle_flow import LABELS
from rhia.governance.models import MisuseReport
from rhia.governance.models.reports import ReportStatus
from rhia.policy.models import UseCase


def status_summary() -> dict:
    charter = services.current_charter()
    active = User.objects.filter(is_active=True, access=User.Access.ACTIVE)
    acknowledged = (
        services.acknowledgments_of_current_charter()
        .filter(user__in=active)
        .values("user")
        .distinct()
        .count()
    )
    reports = Counter(MisuseReport.objects.values_list("status", flat=True))
    states = Counter(str(lifecycle_service.current_state(uc)) for uc in UseCase.objects.all())
    return {
        "charter_version": charter.label if charter else None,
        "active_users": active.count(),
        "acknowledged_current_major": acknowledged,
        "reports": {status: reports.get(status, 0) for status in ReportStatus.values},
        "anonymous_reports": MisuseReport.objects.filter(anonymous=True).count(),
        "lifecycle": {str(state): states.get(str(state), 0) for state in LABELS},
    }


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
