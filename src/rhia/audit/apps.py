from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Hash-chained journal, verification, retention, DPO export."""

    name = "rhia.audit"
    verbose_name = "Journal de traçabilité"

    def ready(self) -> None:
        from django.db import connections
        from django.db.backends.signals import connection_created

        from rhia.audit.permit import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="rhia.audit.permit")
        for connection in connections.all(initialized_only=True):
            if connection.connection is not None:
                register_sqlite_function(connection=connection)
