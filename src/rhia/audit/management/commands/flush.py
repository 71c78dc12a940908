"""Django's ``flush``, taking the journal permit so the append-only triggers let it empty the tables.

Transactional tests (pytest ``transaction=True``, ``live_server``) flush every table at teardown;
without the permit the triggers would refuse it. Emptying a whole database stays an operator's act.
"""

from __future__ import annotations

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import DEFAULT_DB_ALIAS

from rhia.audit.permit import journal_permit


class Command(DjangoFlush):
    def handle(self, **options):
        with journal_permit(options.get("database") or DEFAULT_DB_ALIAS):
            return super().handle(**options)
