from rhia.accounts.roles import Role
from rhia.portal.navigation import items_for, menus_for

SKIPLINKS = [{"link": "#content", "label": "Contenu"}, {"link": "#footer", "label": "Pied de page"}]
SKIPLINKS_WITH_MENU = [
    {"link": "#content", "label": "Contenu"},
    {"link": "#fr-navigation", "label": "Menu"},
    {"link": "#footer", "label": "Pied de page"},
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_menus": [], "user_role_labels": [], "skiplinks": SKIPLINKS}
    roles = user.active_roles()
    return {
        "nav_items": items_for(user),
        "nav_menus": menus_for(user, request.path),
        "skiplinks": SKIPLINKS_WITH_MENU,
        "user_role_labels": [label for value, label in Role.choices if value in roles],
        "SERVICE_NAME": "rhia — IA encadrée pour les RH",
    }
