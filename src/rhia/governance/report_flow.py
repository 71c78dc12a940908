"""Follow-up of a misuse report: allowed status changes (pure)."""

from __future__ import annotations

RECEIVED, ANALYSIS, COMMISSION, CLOSED_ACTION, CLOSED_NO_ACTION = (
    "recu",
    "en_analyse",
    "commission",
    "clos_suite",
    "clos_sans_suite",
)

NEXT: dict[str, tuple[str, ...]] = {
    RECEIVED: (ANALYSIS,),
    ANALYSIS: (COMMISSION, CLOSED_ACTION, CLOSED_NO_ACTION),
    COMMISSION: (CLOSED_ACTION, CLOSED_NO_ACTION),
    CLOSED_ACTION: (),
    CLOSED_NO_ACTION: (),
}


def check_status_change(current: str, target: str, *, has_opinion: bool) -> str | None:
    """None when allowed, else the French reason."""
    if target not in NEXT.get(current, ()):
        return "Ce changement de statut n'est pas possible à ce stade du traitement."
    if current == COMMISSION and not has_opinion:
        return "La commission d'éthique doit rendre son avis avant la clôture du signalement."
    return None
