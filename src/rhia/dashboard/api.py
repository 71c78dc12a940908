"""JSON API endpoints of this app, mounted under /api/dashboard/ (see rhia.api)."""

from ninja import Router
from ninja.errors import HttpError

from rhia.accounts.authz import api_require
from rhia.dashboard import services

router = Router(tags=["Tableaux de bord"])


@router.get("/indicators", summary="Indicateurs agrégés (groupes de moins de 5 masqués)")
@api_require("dashboard.view")
def indicators(request, structure: int | None = None, weeks: int = services.DEFAULT_WEEKS) -> dict:
    """Chaque valeur a la forme {value, display, suppressed} ; value est null quand elle est masquée."""
    root = services.select_root(request.user, structure)
    if root is None:
        raise HttpError(404, "Aucune structure dans votre périmètre.")
    if structure and root.pk != structure:
        raise HttpError(403, "Cette structure n'est pas dans votre périmètre.")
    return services.as_dict(services.build(root, weeks=services.period_weeks(str(weeks))))
