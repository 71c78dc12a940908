"""PostgreSQL role separation: the application role may read and append to the journal, never rewrite it.

The triggers refuse UPDATE/DELETE/TRUNCATE, but any role can take the purge permit (a session
setting) and the owner of a table can drop its triggers. So in production the tables belong to an
owner role that runs the migrations and the retention purge, and the web/worker processes connect
as an application role holding only the privileges printed here (``rhia audit grants ROLE``).
"""

from __future__ import annotations

import re

from rhia.audit.triggers import GUARDED_TABLES

_ROLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def grants_sql(app_role: str, owner_role: str) -> list[str]:
    """Statements an administrator runs as ``owner_role`` (after ``rhia migrate``) for ``app_role``."""
    for role in (app_role, owner_role):
        if not _ROLE.match(role):
            raise ValueError(f"Nom de rôle PostgreSQL invalide : « {role} » (minuscules, chiffres, _).")
    journal, checkpoints = GUARDED_TABLES
    return [
        f"GRANT USAGE ON SCHEMA public TO {app_role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app_role}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {app_role}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_role} IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app_role}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner_role} IN SCHEMA public "
        f"GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {app_role}",
        # The journal: read and append; its checkpoints: read (the purge runs as the owner).
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {journal} FROM {app_role}",
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {checkpoints} FROM {app_role}",
    ]
