"""``rhia worker``: run background jobs (drafts, imports, reindexing, purges) from the database queue.

Wraps django-tasks-db's ``db_worker``: one task at a time per process (so one generation at a
time per worker), every queue by default, no autoreload. Run N of them for N generations at once;
each loads the model once, on its first generation (or at start with ``--preload-model``).
"""

from __future__ import annotations

from django_tasks_db.management.commands import db_worker

from rhia.jobs.worker import Housekeeper


class Command(db_worker.Command):
    help = "Exécuter les tâches de fond (propositions, imports, réindexation, purges)."
    # The web processes run the system checks; a worker started while SQLite is busy would fail the
    # checks' probe of JSON support ("database is locked") and never start.
    requires_system_checks: list = []

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", reload=False)
        parser.add_argument(
            "--preload-model",
            action="store_true",
            help="Charger le modèle embarqué dès le démarrage plutôt qu'à la première génération.",
        )

    def handle(self, *args, **options) -> None:
        if options.pop("preload_model", False):
            from rhia.llm.providers.embedded import load_model

            load_model()
        keeper = Housekeeper(options["worker_id"], options["queue_name"])
        keeper.start()
        try:
            super().handle(*args, **options)
        finally:
            keeper.stop()
