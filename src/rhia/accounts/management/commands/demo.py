"""``rhia demo``: seed every app's reference data, then the demo structure and accounts."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from rhia.accounts.demo import ensure_demo


def run_app_seeds(stdout) -> None:
    """Each app may ship ``seed.py`` with an idempotent ``run(stdout)``; called in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if not config.name.startswith("rhia."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.seed")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.seed":
                raise
            continue
        module.run(stdout)


def record_demo_training(on=None) -> None:
    """The demo agent and validator have done the basic module (recorded by the demo training
    service), so the demo shows the assistant once they sign the charter on their first visit."""
    from rhia.accounts.models import User
    from rhia.training.models import Training
    from rhia.training.services import record_completion

    basic = Training.objects.filter(is_basic=True).first()
    trainer = User.objects.filter(username="formation").first()
    if basic is None:
        return
    for user in User.objects.filter(username__in=["agent", "valideur"]):
        record_completion(user, basic, on=on or timezone.localdate(), by=trainer)


class Command(BaseCommand):
    help = "Crée les données de référence et les comptes de démonstration (sans effacer l'existant)."

    def add_arguments(self, parser):
        parser.add_argument("--no-accounts", action="store_true", help="Données de référence seulement.")
        parser.add_argument(
            "--activity",
            action="store_true",
            help="Ajoute une équipe d'agents (formation, auto-positionnement, premières demandes) pour que "
            "les tableaux de bord montrent des chiffres.",
        )

    def handle(self, *args, **options):
        from contextlib import nullcontext

        from rhia.assistant.demo_activity import history_clock, seed_activity
        from rhia.audit.journal import replayed_time

        # With --activity on a fresh journal, the whole demo is written as an eight-week history
        # (reference data and accounts first, then each week's requests), in time order.
        clock = history_clock() if options["activity"] and not options["no_accounts"] else None
        with replayed_time(clock) if clock is not None else nullcontext():
            run_app_seeds(self.stdout)
            if options["no_accounts"]:
                return
            accounts = ensure_demo(settings.RHIA_DEMO_PASSWORD or None)
            record_demo_training(on=timezone.localtime(clock()).date() if clock is not None else None)
            from rhia.governance.demo_lifecycle import walk_operational_use_case

            walk_operational_use_case(self.stdout)
            if options["activity"]:
                seed_activity(self.stdout, clock=clock)
        self.stdout.write("\nComptes de démonstration (http://127.0.0.1:8000) :")
        for account in accounts:
            secret = account.password or "(compte existant, mot de passe inchangé)"
            self.stdout.write(f"  {account.username:<14} {account.role:<40} {secret}")
        if any(account.password for account in accounts):
            self.stdout.write(self.style.WARNING("Notez ces mots de passe : ils ne seront plus affichés."))
