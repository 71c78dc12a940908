"""Rules every provider record obeys, whoever edits it (admin form, seed, API): where its key comes
from, where requests may be sent, and which data its trust level may receive.

A record names the environment variable of its key, never the key; only variables with the
``RHIA_PROVIDER_KEY_`` prefix can be named, so an administrator cannot make rhia send
``RHIA_VAULT_KEY`` or ``DATABASE_URL`` to an endpoint of their choosing.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings

from rhia.llm import classes

KEY_PREFIX = "RHIA_PROVIDER_KEY_"
_KEY_NAME = re.compile(rf"^{KEY_PREFIX}[A-Z0-9_]{{1,60}}$")
_HOST = re.compile(r"^[A-Za-z0-9.\-:]+$")  # names and IPv4/IPv6 addresses (urlsplit strips brackets)


def problems(*, kind: str, trust_level: str, data_classes, base_url: str, api_key_env: str) -> dict[str, str]:
    """Field -> French message for each rule the record breaks (empty: the record is acceptable)."""
    errors: dict[str, str] = {}
    if api_key_env and not _KEY_NAME.match(api_key_env):
        errors["api_key_env"] = (
            f"La clé doit venir d'une variable d'environnement nommée {KEY_PREFIX}… "
            "(majuscules, chiffres, _), par exemple RHIA_PROVIDER_KEY_ALBERT."
        )
    if kind == classes.OPENAI:
        url_problem = base_url_problem(base_url, trust_level)
        if url_problem:
            errors["base_url"] = url_problem
    refused = [c for c in data_classes or [] if not classes.trust_allows(trust_level, c)]
    if refused:
        labels = ", ".join(classes.data_class_label(c).lower() for c in refused)
        errors["data_classes"] = (
            f"Un fournisseur « {classes.TRUST_LEVELS.get(trust_level, trust_level)} » ne peut pas recevoir "
            f"de données {labels} : seules les données publiques et internes lui sont permises."
        )
    return errors


def base_url_problem(base_url: str, trust_level: str) -> str:
    if not base_url:
        return "Une URL de base est obligatoire pour une API compatible OpenAI."
    try:
        parts = urlsplit(base_url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return "URL de base invalide."
    if parts.scheme not in ("http", "https") or not parts.hostname or not _HOST.match(parts.hostname):
        return "URL de base invalide : http(s)://hôte[:port]/chemin attendu."
    if parts.username or parts.password:
        return "L'URL de base ne doit pas contenir d'identifiants : la clé vient de l'environnement."
    if parts.query or parts.fragment:
        return "L'URL de base ne doit contenir ni paramètres (?…) ni fragment (#…)."
    if trust_level == classes.EXTERNAL and parts.scheme != "https":
        return "Un service externe doit être joint en HTTPS."
    return ""


def api_key(api_key_env: str) -> str:
    """The key a provider record names, read only among RHIA_PROVIDER_KEY_… variables (settings)."""
    if not api_key_env or not _KEY_NAME.match(api_key_env):
        return ""
    return settings.RHIA_PROVIDER_KEYS.get(api_key_env, "")
